package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tokens of a {@link FakeFacebook}: users' and Pages' tokens and their lifetimes, the Pages
 * each user manages, and the token routes (long-lived exchange, {@code /me/accounts}, a Page's
 * token). A Page token derived from a long-lived user token never expires; one derived from a
 * short-lived user token expires with it. This class is threadsafe.
 */
final class FakeFacebookTokens {

  static final Duration LONG_LIVED = Duration.ofDays(60);

  /** A Page, and the Instagram account linked to it. */
  record Page(String id, String name, Optional<String> instagram) {}

  /** A user's token, or a Page's. */
  static final class Grant {
    final boolean page;
    final String subject;
    final Instant expiresAt;
    volatile boolean revoked;

    Grant(boolean page, String subject, Instant expiresAt) {
      this.page = page;
      this.subject = subject;
      this.expiresAt = expiresAt;
    }
  }

  private final FakeFacebook fake;
  private final Map<String, Page> pages;
  private final Map<String, Set<String>> users;
  private final String appId;
  private final String appSecret;
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private final AtomicLong seq = new AtomicLong();

  FakeFacebookTokens(
      FakeFacebook fake,
      Map<String, Page> pages,
      Map<String, Set<String>> users,
      String appId,
      String appSecret) {
    this.fake = fake;
    this.pages = Map.copyOf(pages);
    this.users = Map.copyOf(users);
    this.appId = appId;
    this.appSecret = appSecret;
  }

  void add(String token, Grant grant) {
    grants.put(token, grant);
  }

  void revoke(String token) {
    Optional.ofNullable(grants.get(token)).ifPresent(g -> g.revoked = true);
  }

  List<String> issued() {
    return List.copyOf(issued);
  }

  Optional<Instant> expiryOf(String token) {
    return Optional.ofNullable(grants.get(token)).map(g -> g.expiresAt);
  }

  boolean manages(String user, String page) {
    return users.getOrDefault(user, Set.of()).contains(page);
  }

  boolean isApp(String id) {
    return id.equals(appId);
  }

  /** The grant of {@code token} if it is known, not revoked and not expired. */
  Optional<Grant> valid(String token) {
    Grant g = grants.get(token);
    boolean expired =
        g != null && g.expiresAt != null && !fake.clock().instant().isBefore(g.expiresAt);
    return g == null || g.revoked || expired ? Optional.empty() : Optional.of(g);
  }

  /** The grant of the request's token; refuses with 190 if it is not valid. */
  Grant grant(FakeRequest request) {
    return FakeGraph.token(request)
        .flatMap(this::valid)
        .orElseThrow(
            () -> new FakeGraph.Refusal(fake.fixture("facebook-error-token-expired.json")));
  }

  /** {@code GET /{page-id}}: its token for a user who manages it, its name for its own token. */
  Optional<FakeResponse> page(FakeRequest r, String id) {
    Page page = pages.get(id);
    if (page == null) {
      return Optional.empty();
    }
    Grant grant = grant(r);
    if (grant.page && grant.subject.equals(id)) {
      return Optional.of(
          FakeResponse.json(200, "{\"id\":\"" + id + "\",\"name\":\"" + page.name() + "\"}"));
    }
    if (grant.page || !manages(grant.subject, id)) {
      return Optional.of(fake.fixture("facebook-error-permission.json"));
    }
    String token = derive(id, grant);
    return Optional.of(
        FakeGraph.edit(
            fake.fixture("facebook-page-token.json"),
            b -> b.put("id", id).put("name", page.name()).put("access_token", token)));
  }

  /** {@code GET /me/accounts}: the user's Pages with freshly derived tokens. */
  FakeResponse accounts(FakeRequest r) {
    Grant grant = grant(r);
    if (grant.page) {
      return fake.fixture("facebook-error-permission.json");
    }
    return FakeGraph.edit(
        fake.fixture("facebook-me-accounts.json"),
        b -> {
          ObjectNode template = (ObjectNode) b.path("data").path(0);
          ArrayNode data = b.putArray("data");
          for (String id : users.getOrDefault(grant.subject, Set.of())) {
            Page page = pages.get(id);
            ObjectNode entry = template.deepCopy();
            entry.put("id", id).put("name", page.name()).put("access_token", derive(id, grant));
            entry.remove("instagram_business_account");
            page.instagram()
                .ifPresent(ig -> entry.putObject("instagram_business_account").put("id", ig));
            data.add(entry);
          }
        });
  }

  /** {@code GET /oauth/access_token?grant_type=fb_exchange_token}: a 60-day user token. */
  FakeResponse exchange(FakeRequest r) {
    if (!r.param("grant_type").orElse("").equals("fb_exchange_token")
        || !r.param("client_id").orElse("").equals(appId)
        || !r.param("client_secret").orElse("").equals(appSecret)) {
      return FakeGraph.error(
          400, 101, null, "Error validating application. Invalid application ID.");
    }
    Grant user =
        r.param("fb_exchange_token")
            .flatMap(this::valid)
            .filter(g -> !g.page)
            .orElseThrow(
                () -> new FakeGraph.Refusal(fake.fixture("facebook-error-token-expired.json")));
    Instant expiry = fake.clock().instant().plus(LONG_LIVED);
    String token = issue("EAAGlongLivedUser", new Grant(false, user.subject, expiry));
    return FakeGraph.edit(
        fake.fixture("facebook-long-lived-user-token.json"),
        b -> b.put("access_token", token).put("expires_in", LONG_LIVED.toSeconds() - 56));
  }

  /** A Page token from {@code user}: without expiry if the user token is long-lived. */
  private String derive(String page, Grant user) {
    boolean longLived =
        user.expiresAt == null
            || user.expiresAt.isAfter(fake.clock().instant().plus(Duration.ofDays(1)));
    return issue("EAAGpage" + page + "x", new Grant(true, page, longLived ? null : user.expiresAt));
  }

  private String issue(String prefix, Grant grant) {
    String token = prefix + seq.incrementAndGet();
    grants.put(token, grant);
    issued.add(token);
    return token;
  }
}
