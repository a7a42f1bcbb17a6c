package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.atLeast;
import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;
import static dev.herald.platforms.testing.Arguments.positive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake Facebook Graph API for Pages on loopback, serving the {@code facebook-*} fixtures:
 *
 * <ul>
 *   <li>{@value #FEED}, {@value #PHOTOS}: synchronous posts and photos (unpublished photos for
 *       {@code attached_media}); a message identical to the Page's previous one → {@code
 *       facebook-error-duplicate.json} (506); {@code scheduled_publish_time} outside 10 minutes to
 *       30 days ahead → {@code facebook-error-scheduled-time.json}; a photo that is not JPG, PNG,
 *       GIF, TIFF, HEIF or WebP under 4 MB → {@code facebook-error-photo-invalid.json}; no photo at
 *       all → 324; a scheduled post attaching a photo not uploaded with {@code temporary=true} →
 *       100 (Page Photos reference, parameter {@code temporary}:
 *       https://developers.facebook.com/docs/graph-api/reference/page/photos/).
 *   <li>{@value #VIDEOS}, {@value #UPLOAD_SESSION}, {@value #UPLOAD_BYTES}: videos by {@code
 *       file_url} or through the Resumable Upload API (user token, {@code Authorization: OAuth};
 *       a session's {@code file_type} must be one of application/pdf, image/jpeg, image/jpg,
 *       image/png or video/mp4, else 100, per
 *       https://developers.facebook.com/docs/graph-api/guides/upload; only a video/mp4 session's
 *       handle makes a video);
 *       {@code status.video_status} reads {@code processing} for {@link Builder#videoPolls n}
 *       polls, then {@code ready}.
 *   <li>{@value #VIDEO_REELS}, {@value #REEL_UPLOAD}: reels through the Reels Publishing API
 *       (start, upload of the bytes or a {@code file_url}, finish with a {@code video_state}, status
 *       phases), as strict as Meta's guide; see {@code FakeFacebookReels} for every rule and its
 *       source (https://developers.facebook.com/docs/video-api/guides/reels-publishing/).
 *   <li>{@value #NODE}: a Page's token for a user who manages it ({@code
 *       facebook-page-token.json}), a video's status, a post's fields; {@value #UPDATE} edits a
 *       post; {@value #FEED_LIST} lists the Page's posts.
 *   <li>{@value #ACCOUNTS}, {@value #EXCHANGE}: the user's Pages with their tokens, and the
 *       long-lived exchange. A Page token derived from a long-lived user token never expires; one
 *       derived from a short-lived user token expires with it.
 *   <li>Business Use Case throttling per Page when a {@link Builder#pageCallBudget budget} is set:
 *       each Page-token call raises {@code call_count} in {@code X-Business-Use-Case-Usage}; past
 *       the budget, calls answer {@code facebook-error-rate-limit-buc.json} (80001) with {@code
 *       estimated_time_to_regain_access} until that time has passed on the fake's clock.
 *   <li>An unknown, expired or {@link #revokeToken revoked} token → {@code
 *       facebook-error-token-expired.json} (190/463); a user token (or another Page's token) on a
 *       Page's publishing routes, or any token of a Page whose {@link #removePublishPermission
 *       permission was removed} → {@code facebook-error-permission.json} (200).
 * </ul>
 *
 * <p>Accepted publishes (posts, published photos, videos) are recorded in the ledger. Injected
 * {@link Fault#status(int) 5xx} faults answer {@code facebook-error-transient.json} with that
 * status (502 and 504 without a body, as a gateway does); {@link Fault#rateLimited} answers the
 * 80001 fixture with status 429. Other error fixtures are served through {@link
 * Fault#fixture(String)}.
 *
 * <p>This class is threadsafe.
 */
public final class FakeFacebook extends FakeServer {

  /** Text, link and multi-photo posts. */
  public static final String FEED = "POST /{version}/{page-id}/feed";

  /** The Page's recent posts. */
  public static final String FEED_LIST = "GET /{version}/{page-id}/feed";

  /** Photos. */
  public static final String PHOTOS = "POST /{version}/{page-id}/photos";

  /** Videos. */
  public static final String VIDEOS = "POST /{version}/{page-id}/videos";

  /** Resumable Upload API: start a session. */
  public static final String UPLOAD_SESSION = "POST /{version}/{app-id}/uploads";

  /** Resumable Upload API: the bytes. */
  public static final String UPLOAD_BYTES = "POST /{version}/upload:{session}";

  /** Reels Publishing API: {@code upload_phase=start} and {@code upload_phase=finish}. */
  public static final String VIDEO_REELS = "POST /{version}/{page-id}/video_reels";

  /** Reels Publishing API: the video's bytes or {@code file_url} ({@code rupload.facebook.com}). */
  public static final String REEL_UPLOAD = "POST /video-upload/{version}/{video-id}";

  /** A node's fields: Page token, video or reel status, post. */
  public static final String NODE = "GET /{version}/{id}";

  /** Editing a post. */
  public static final String UPDATE = "POST /{version}/{id}";

  /** The user's Pages. */
  public static final String ACCOUNTS = "GET /{version}/me/accounts";

  /** The long-lived user token exchange. */
  public static final String EXCHANGE = "GET /{version}/oauth/access_token";

  private static final class Usage {
    int calls;
    Instant blockedUntil;
  }

  private final Map<String, Usage> usage = new ConcurrentHashMap<>();
  private final Set<String> withoutPermission = ConcurrentHashMap.newKeySet();
  private final int budget;
  private final Duration regain;
  private final FakeFacebookTokens tokens;
  private final FakeFacebookPosts posts;
  private final FakeFacebookReels reels;

  private FakeFacebook(Builder b) {
    super("facebook", b.clock);
    this.budget = b.budget;
    this.regain = b.regain;
    this.tokens = new FakeFacebookTokens(this, b.pages, b.users, b.appId, b.appSecret);
    Instant now = b.clock.instant();
    b.pageTokens.forEach(
        (token, page) -> tokens.add(token, new FakeFacebookTokens.Grant(true, page, null)));
    b.userTokens.forEach(
        (token, spec) ->
            tokens.add(
                token,
                new FakeFacebookTokens.Grant(false, spec.getKey(), now.plus(spec.getValue()))));
    this.posts = new FakeFacebookPosts(this, b.videoPolls);
    this.reels = new FakeFacebookReels(this, b.videoPolls);
    graphRoute("POST", "/video-upload/{version}/{video-id}", reels::upload);
    graphRoute("POST", "/{version}/{page-id}/video_reels", reels::videoReels);
    graphRoute("POST", "/{version}/upload:{session}", posts::uploadBytes);
    graphRoute("POST", "/{version}/{app-id}/uploads", posts::uploadSession);
    graphRoute("GET", "/{version}/me/accounts", tokens::accounts);
    graphRoute("GET", "/{version}/oauth/access_token", tokens::exchange);
    graphRoute("POST", "/{version}/{page-id}/feed", posts::feed);
    graphRoute("GET", "/{version}/{page-id}/feed", posts::recent);
    graphRoute("POST", "/{version}/{page-id}/photos", posts::photos);
    graphRoute("POST", "/{version}/{page-id}/videos", posts::videos);
    graphRoute("GET", "/{version}/{id}", this::node);
    graphRoute("POST", "/{version}/{id}", posts::update);
  }

  /**
   * A builder; add at least one Page.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Revokes {@code token} (password change, app removed): every call with it gets 190.
   *
   * @param token the token to revoke
   */
  public void revokeToken(String token) {
    tokens.revoke(token);
  }

  /**
   * The Page's admin removes the app's {@code pages_manage_posts} permission: every call with the
   * Page's tokens answers {@code facebook-error-permission.json} (200): "Permission is either not
   * granted or has been removed", codes 10 and 200–299 of
   * https://developers.facebook.com/docs/graph-api/guides/error-handling. The tokens themselves
   * stay valid.
   *
   * @param pageId the Page id
   */
  public void removePublishPermission(String pageId) {
    withoutPermission.add(notBlank(pageId, "pageId"));
  }

  /**
   * The tokens this fake issued (exchanges, Page token lookups), oldest first.
   *
   * @return the tokens, a snapshot
   */
  public List<String> issuedTokens() {
    return tokens.issued();
  }

  /**
   * When {@code token} expires: empty if it never does or is unknown.
   *
   * @param token a token this fake knows
   * @return the expiry time, or empty
   */
  public Optional<Instant> expiryOf(String token) {
    return tokens.expiryOf(token);
  }

  /**
   * Whether {@code token} is a valid Page token for {@code page} now.
   *
   * @param token the token to check
   * @param page the Page id
   * @return true if the token is valid and belongs to that Page
   */
  public boolean isPageToken(String token, String page) {
    return tokens.valid(token).filter(g -> g.page && g.subject.equals(page)).isPresent();
  }

  @Override
  protected FakeResponse faultResponse(int status) {
    if (status == 429) {
      return fixture("facebook-error-rate-limit-buc.json").withStatus(429);
    }
    if (status == 502 || status == 504) {
      return FakeResponse.empty(status);
    }
    if (status >= 500) {
      return fixture("facebook-error-transient.json").withStatus(status);
    }
    return FakeGraph.error(status, 1, null, "fake facebook fault: HTTP " + status);
  }

  /** Requires a Page token of {@code page}, counted against the Page's call budget. */
  void pageAuth(FakeRequest request, String page) {
    FakeFacebookTokens.Grant grant = tokens.grant(request);
    if (!grant.page || !grant.subject.equals(page) || withoutPermission.contains(page)) {
      throw new FakeGraph.Refusal(fixture("facebook-error-permission.json"));
    }
    throttle(page);
  }

  /** Requires a user token; returns the user id. */
  String userAuth(FakeRequest request) {
    FakeFacebookTokens.Grant grant = tokens.grant(request);
    if (grant.page) {
      throw new FakeGraph.Refusal(fixture("facebook-error-permission.json"));
    }
    return grant.subject;
  }

  boolean manages(String user, String page) {
    return tokens.manages(user, page);
  }

  boolean isApp(String id) {
    return tokens.isApp(id);
  }

  /** {@code response} with the Page's current usage header, when a budget is set. */
  FakeResponse withUsage(String page, FakeResponse response) {
    if (budget == 0) {
      return response;
    }
    int calls = usage.computeIfAbsent(page, p -> new Usage()).calls;
    return response.withHeader(
        "X-Business-Use-Case-Usage", bucHeader(page, calls * 100 / budget, 0));
  }

  private void throttle(String page) {
    if (budget == 0) {
      return;
    }
    Instant now = clock().instant();
    Usage u = usage.computeIfAbsent(page, p -> new Usage());
    synchronized (u) {
      if (u.blockedUntil != null && !now.isBefore(u.blockedUntil)) {
        u.blockedUntil = null;
        u.calls = 0;
      }
      if (u.blockedUntil == null && ++u.calls <= budget) {
        return;
      }
      if (u.blockedUntil == null) {
        u.blockedUntil = now.plus(regain);
      }
      long minutes = (Duration.between(now, u.blockedUntil).toSeconds() + 59) / 60;
      throw new FakeGraph.Refusal(
          fixture("facebook-error-rate-limit-buc.json")
              .withHeader("X-Business-Use-Case-Usage", bucHeader(page, 100, minutes)));
    }
  }

  private static String bucHeader(String page, int percent, long regainMinutes) {
    ObjectNode root = Json.object();
    root.putArray(page)
        .addObject()
        .put("type", "pages")
        .put("call_count", percent)
        .put("total_cputime", Math.min(percent, 23))
        .put("total_time", Math.min(percent, 23))
        .put("estimated_time_to_regain_access", regainMinutes);
    return new String(Json.write(root), StandardCharsets.UTF_8);
  }

  private FakeResponse node(FakeRequest r) {
    String id = r.pathParam("id").orElse("");
    return tokens
        .page(r, id)
        .or(() -> posts.node(r, id))
        .or(() -> reels.node(r, id))
        .orElseGet(
            () ->
                FakeGraph.error(
                    400, 100, 33, "Unsupported get request. '" + id + "' does not exist"));
  }

  private void graphRoute(String method, String path, FakeHandler handler) {
    route(method, path, FakeGraph.handler(handler, this::baseUri));
  }

  /** Builds and starts a {@link FakeFacebook}. Not threadsafe. */
  public static final class Builder {
    private final Map<String, FakeFacebookTokens.Page> pages = new LinkedHashMap<>();
    private final Map<String, String> pageTokens = new LinkedHashMap<>();
    private final Map<String, Map.Entry<String, Duration>> userTokens = new LinkedHashMap<>();
    private final Map<String, Set<String>> users = new LinkedHashMap<>();
    private InstantSource clock = InstantSource.system();
    private String appId = "1234567890";
    private String appSecret = "fake-app-secret";
    private int budget;
    private Duration regain = Duration.ofMinutes(19);
    private int videoPolls = 2;

    private Builder() {}

    /**
     * A Page named {@code name}, published to with {@code pageToken} (which never expires).
     *
     * @param pageId the Page id
     * @param name the Page name
     * @param pageToken the Page's access token
     * @return this builder
     */
    public Builder page(String pageId, String name, String pageToken) {
      pages.put(
          notBlank(pageId, "pageId"),
          new FakeFacebookTokens.Page(pageId, notNull(name, "name"), Optional.empty()));
      pageTokens.put(notBlank(pageToken, "pageToken"), pageId);
      return this;
    }

    /**
     * Links the Page to an Instagram business account (shown in {@code /me/accounts}).
     *
     * @param pageId the Page id
     * @param igUserId the Instagram business account id
     * @return this builder
     */
    public Builder linkInstagram(String pageId, String igUserId) {
      FakeFacebookTokens.Page page = pages.get(pageId);
      if (page == null) {
        throw new IllegalArgumentException("no page " + pageId + "; add it with page(...) first");
      }
      pages.put(
          pageId,
          new FakeFacebookTokens.Page(
              pageId, page.name(), Optional.of(notBlank(igUserId, "igUserId"))));
      return this;
    }

    /**
     * User {@code userId} with {@code token} valid for {@code lifetime}, managing {@code pageIds}.
     *
     * @param userId the user id
     * @param token the user's access token
     * @param lifetime how long the token is valid from start
     * @param pageIds the Pages the user manages
     * @return this builder
     */
    public Builder user(String userId, String token, Duration lifetime, String... pageIds) {
      userTokens.put(
          notBlank(token, "token"),
          Map.entry(notBlank(userId, "userId"), positive(lifetime, "lifetime")));
      users.computeIfAbsent(userId, u -> new LinkedHashSet<>()).addAll(List.of(pageIds));
      return this;
    }

    /**
     * The app the exchange and the upload sessions check (default {@code 1234567890}).
     *
     * @param appId the app id
     * @param appSecret the app secret
     * @return this builder
     */
    public Builder app(String appId, String appSecret) {
      this.appId = notBlank(appId, "appId");
      this.appSecret = notBlank(appSecret, "appSecret");
      return this;
    }

    /**
     * The fake's clock: token expiry, throttling windows, timestamps (default system).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Page-token calls per Page before 80001 throttling (default 0: never throttled).
     *
     * @param calls the call budget, 0 for no throttling
     * @return this builder
     */
    public Builder pageCallBudget(int calls) {
      this.budget = atLeast(calls, 0, "calls");
      return this;
    }

    /**
     * How long a throttled Page stays blocked (default 19 min, as in the fixture).
     *
     * @param wait how long a throttled Page stays blocked
     * @return this builder
     */
    public Builder regainAccessAfter(Duration wait) {
      this.regain = positive(wait, "wait");
      return this;
    }

    /**
     * How many status polls a video answers {@code processing} (default 2).
     *
     * @param polls the number of polls, 0 or more
     * @return this builder
     */
    public Builder videoPolls(int polls) {
      this.videoPolls = atLeast(polls, 0, "polls");
      return this;
    }

    /**
     * Builds the fake and starts it.
     *
     * @return the started fake; close it to free its port
     * @throws IllegalStateException if no Page was added
     */
    public FakeFacebook start() {
      if (pages.isEmpty()) {
        throw new IllegalStateException("a FakeFacebook needs a page; add one with page(...)");
      }
      FakeFacebook fake = new FakeFacebook(this);
      fake.start();
      return fake;
    }
  }
}
