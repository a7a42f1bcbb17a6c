package dev.herald.platforms.testing;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.internal.http.Json;
import java.net.URI;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Pixelfed instance on loopback, serving the {@code pixelfed-*} fixtures with Pixelfed's
 * behaviour (from Pixelfed's source and the fixtures' README):
 *
 * <ul>
 *   <li>{@value #INSTANCE}: the instance entity with the configured limits.
 *   <li>{@value #UPLOAD_V1} answers 200 with {@code url} set, {@value #UPLOAD_V2} 202 with {@code
 *       url: null}; both ids are usable in a status at once. A type outside the supported MIME
 *       types gets 403, a request without a file 422 with an empty body.
 *   <li>{@value #STATUSES}, in Pixelfed's order: Laravel validation (caption length, album size,
 *       visibility, content warning), answered as HTTP <b>500</b> {@code {"message","errors"}};
 *       then the {@code Idempotency-Key}: a key this account sent within the last hour (on the
 *       fake's clock) gets 400 "Duplicate idempotency key.", otherwise it is stored <b>before</b>
 *       anything else, so a request that fails afterwards consumes it too; then 403 "Empty statuses
 *       are not allowed" without media and reply target; 429 once the account has {@link
 *       Builder#statusesPerDay n} statuses in 24 h; 200 {@code []} for an inactive account; 400 for
 *       {@code direct}; the media checks (400 "Invalid media_ids" when no id is the caller's
 *       unattached upload, 403 for another account's, 500 for an unknown one among valid ones);
 *       then the status, recorded in the ledger.
 *   <li>{@value #OAUTH_TOKEN}: the {@code refresh_token} grant rotates the pair (the old access and
 *       refresh tokens stop working) and answers the token fixture with the new values.
 *   <li>An unknown token gets HTTP 500 {@code {"error":"Unauthenticated."}} when the request
 *       accepts JSON, else a 302 to {@code /login}, as Laravel does.
 * </ul>
 *
 * <p>The other error fixtures are served through {@link Fault#fixture(String)}; {@link
 * Fault#status(int) Fault.status(429)} serves {@code pixelfed-error-429.json}. Faults answer before
 * the route runs, so they consume no key, like a proxy in front of the instance.
 *
 * <p>This class is threadsafe.
 */
public final class FakePixelfed extends FakeServer {

  /** The instance route. */
  public static final String INSTANCE = "GET /api/v1/instance";

  /** The v1 media upload route (200). */
  public static final String UPLOAD_V1 = "POST /api/v1/media";

  /** The v2 media upload route (202). */
  public static final String UPLOAD_V2 = "POST /api/v2/media";

  /** The status route. */
  public static final String STATUSES = "POST /api/v1/statuses";

  /** The OAuth token route. */
  public static final String OAUTH_TOKEN = "POST /oauth/token";

  private static final Duration KEY_TTL = Duration.ofHours(1);

  private final FakePixelfedAuth auth;
  private final Set<String> inactive;
  private final int maxCharacters;
  private final int maxMediaAttachments;
  private final Set<String> mimeTypes;
  private final int statusesPerDay;
  private final Map<String, FakePixelfedMedia> media = new ConcurrentHashMap<>();
  private final Map<String, Instant> keys = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(740_219_901_587_722_241L);
  private final Object lock = new Object();

  private FakePixelfed(Builder b) {
    super("pixelfed", b.clock);
    this.auth =
        new FakePixelfedAuth(b.accountsByToken, b.accountsByRefresh, b.clientId, b.clientSecret);
    this.inactive = Set.copyOf(b.inactive);
    this.maxCharacters = b.maxCharacters;
    this.maxMediaAttachments = b.maxMediaAttachments;
    this.mimeTypes = Set.copyOf(b.mimeTypes);
    this.statusesPerDay = b.statusesPerDay;
    route("GET", "/api/v1/instance", r -> instance());
    route("POST", "/api/v1/media", r -> upload(r, true));
    route("POST", "/api/v2/media", r -> upload(r, false));
    route("POST", "/api/v1/statuses", this::status);
    route("POST", "/oauth/token", auth::token);
  }

  /**
   * A builder; add at least one account.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether {@code token} is currently a valid access token (refreshes revoke the old one).
   *
   * @param token the token to check
   * @return true if the token is a current access token
   */
  public boolean acceptsToken(String token) {
    return auth.accepts(token);
  }

  @Override
  protected FakeResponse faultResponse(int status) {
    if (status == 429) {
      return fixture("pixelfed-error-429.json");
    }
    return FakeResponse.json(status, "{\"error\":\"fake pixelfed fault: HTTP " + status + "\"}");
  }

  private FakeResponse instance() {
    FakeResponse response = fixture("pixelfed-instance-v1.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    ObjectNode configuration = (ObjectNode) body.path("configuration");
    ObjectNode statuses = (ObjectNode) configuration.path("statuses");
    statuses.put("max_characters", maxCharacters);
    statuses.put("max_media_attachments", maxMediaAttachments);
    ArrayNode types =
        ((ObjectNode) configuration.path("media_attachments")).putArray("supported_mime_types");
    mimeTypes.forEach(types::add);
    return response.withBody(Json.write(body));
  }

  private FakeResponse upload(FakeRequest request, boolean v1) {
    Optional<String> account = authorize(request);
    if (account.isEmpty()) {
      return unauthenticated(request);
    }
    if (inactive.contains(account.get())) {
      return FakeResponse.json(200, "[]");
    }
    Optional<UploadedFile> file = request.file("file");
    if (file.isEmpty()) {
      return FakeResponse.empty(422);
    }
    if (!mimeTypes.contains(file.get().contentType())) {
      return FakeResponse.json(403, "{\"error\":\"Invalid or unsupported mime type.\"}");
    }
    String id = Long.toString(ids.incrementAndGet());
    FakePixelfedMedia upload =
        new FakePixelfedMedia(
            id, account.get(), file.get().contentType(), request.param("description").orElse(""));
    media.put(id, upload);
    String fixture = v1 ? "pixelfed-media-v1-created.json" : "pixelfed-media-v2-accepted-202.json";
    return fixture(fixture).withBody(upload.json(Fixtures.get(fixture), baseUri(), v1));
  }

  private FakeResponse status(FakeRequest request) {
    Optional<String> account = authorize(request);
    if (account.isEmpty()) {
      return unauthenticated(request);
    }
    String username = account.get();
    String text = request.param("status").orElse("");
    List<String> mediaIds = request.params("media_ids[]");
    Optional<String> replyTo = request.param("in_reply_to_id").filter(s -> !s.isEmpty());
    Optional<String> key = request.header("Idempotency-Key");
    synchronized (lock) {
      Instant now = clock().instant();
      Optional<FakeResponse> invalid =
          FakePixelfedValidation.check(request, text, mediaIds, maxCharacters, maxMediaAttachments);
      if (invalid.isPresent()) {
        return invalid.get();
      }
      if (key.isPresent()) {
        Instant stored = keys.get(username + "\u0000" + key.get());
        if (stored != null && now.isBefore(stored.plus(KEY_TTL))) {
          return fixture("pixelfed-error-400-duplicate-idempotency-key.json");
        }
        keys.put(username + "\u0000" + key.get(), now);
      }
      if (mediaIds.isEmpty() && replyTo.isEmpty()) {
        return fixture("pixelfed-error-403-empty-status.json");
      }
      if (postedInLastDay(username, now) >= statusesPerDay) {
        return fixture("pixelfed-error-429.json");
      }
      if (inactive.contains(username)) {
        return FakeResponse.json(200, "[]");
      }
      if (request.param("visibility").filter("direct"::equals).isPresent()) {
        return fixture("pixelfed-error-400-direct-visibility.json");
      }
      Optional<FakeResponse> refused = checkReferences(username, mediaIds, replyTo);
      if (refused.isPresent()) {
        return refused.get();
      }
      mediaIds.forEach(id -> media.get(id).attached = true);
      String id = Long.toString(ids.incrementAndGet());
      URI url = URI.create(baseUri() + "/p/" + username + "/" + id);
      ledger()
          .record(
              new LedgerEntry(
                  platform(), username, id, Optional.of(url), text, mediaIds, key, now));
      return statusBody(id, url, username, request, text, mediaIds, now);
    }
  }

  private Optional<FakeResponse> checkReferences(
      String username, List<String> mediaIds, Optional<String> replyTo) {
    if (!mediaIds.isEmpty()) {
      boolean anyUsable =
          mediaIds.stream()
              .map(media::get)
              .anyMatch(m -> m != null && !m.attached && m.account.equals(username));
      if (!anyUsable) {
        return Optional.of(fixture("pixelfed-error-400-invalid-media.json"));
      }
      for (String id : mediaIds) {
        FakePixelfedMedia m = media.get(id);
        if (m != null && !m.account.equals(username)) {
          return Optional.of(FakeResponse.json(403, "{\"error\":\"Invalid media id\"}"));
        }
        if (m == null || m.attached) {
          return Optional.of(notFound("App\\\\Media"));
        }
      }
    }
    if (replyTo.isPresent() && ledger().find(replyTo.get()).isEmpty()) {
      return Optional.of(notFound("App\\\\Status"));
    }
    return Optional.empty();
  }

  /** What {@code findOrFail} becomes in Pixelfed's handler: HTTP 500. */
  private static FakeResponse notFound(String model) {
    return FakeResponse.json(500, "{\"error\":\"No query results for model [" + model + "].\"}");
  }

  private long postedInLastDay(String username, Instant now) {
    Instant since = now.minus(Duration.ofDays(1));
    return ledger().entriesFor(username).stream()
        .filter(e -> e.publishedAt().isAfter(since))
        .count();
  }

  private FakeResponse statusBody(
      String id,
      URI url,
      String username,
      FakeRequest request,
      String text,
      List<String> mediaIds,
      Instant now) {
    FakeResponse response = fixture("pixelfed-status-created.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    body.put("id", id);
    body.put("created_at", now.toString());
    body.put("url", url.toString());
    body.put("uri", url.toString());
    body.put("content", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    body.put("visibility", request.param("visibility").orElse("public"));
    body.put("spoiler_text", request.param("spoiler_text").orElse(""));
    Optional<String> replyTo = request.param("in_reply_to_id").filter(s -> !s.isEmpty());
    replyTo.ifPresentOrElse(
        r -> body.put("in_reply_to_id", r), () -> body.putNull("in_reply_to_id"));
    body.putArray("tags");
    ObjectNode account = (ObjectNode) body.path("account");
    account.put("username", username);
    account.put("acct", username);
    account.put("url", baseUri() + "/" + username);
    body.set(
        "media_attachments",
        FakePixelfedMedia.attachments(mediaIds.stream().map(media::get).toList(), baseUri()));
    return response.withBody(Json.write(body));
  }

  private Optional<String> authorize(FakeRequest request) {
    return auth.authorize(request);
  }

  private FakeResponse unauthenticated(FakeRequest request) {
    if (request.header("Accept").filter(a -> a.contains("application/json")).isPresent()) {
      return fixture("pixelfed-error-500-unauthenticated.json");
    }
    return FakeResponse.empty(302).withHeader("Location", baseUri() + "/login");
  }

  /** Builds and starts a {@link FakePixelfed}. Not threadsafe. */
  public static final class Builder {
    private final Map<String, String> accountsByToken = new LinkedHashMap<>();
    private final Map<String, String> accountsByRefresh = new LinkedHashMap<>();
    private final Set<String> inactive = new LinkedHashSet<>();
    private final Set<String> mimeTypes =
        new LinkedHashSet<>(List.of("image/jpeg", "image/png", "image/gif"));
    private InstantSource clock = InstantSource.system();
    private String clientId = "herald-client";
    private String clientSecret;
    private int maxCharacters = 500;
    private int maxMediaAttachments = 4;
    private int statusesPerDay = 1000;

    private Builder() {}

    /**
     * An account {@code username} whose access token is {@code token}.
     *
     * @param username the account's user name
     * @param token the account's access token
     * @return this builder
     */
    public Builder account(String username, String token) {
      accountsByToken.put(notBlank(token, "token"), notBlank(username, "username"));
      return this;
    }

    /**
     * An account with a refresh token, for the {@code refresh_token} grant.
     *
     * @param username the account's user name
     * @param token the account's access token
     * @param refreshToken the account's refresh token
     * @return this builder
     */
    public Builder account(String username, String token, String refreshToken) {
      account(username, token);
      accountsByRefresh.put(notBlank(refreshToken, "refreshToken"), username);
      return this;
    }

    /**
     * An account never active on the web: uploads and statuses answer 200 {@code []}.
     *
     * @param username the account's user name
     * @param token the account's access token
     * @return this builder
     */
    public Builder inactiveAccount(String username, String token) {
      inactive.add(notBlank(username, "username"));
      return account(username, token);
    }

    /**
     * The OAuth client the token route accepts (default id {@code herald-client}, no secret).
     *
     * @param id the client id
     * @param secret the client secret, or null for none
     * @return this builder
     */
    public Builder client(String id, String secret) {
      this.clientId = notBlank(id, "id");
      this.clientSecret = notBlank(secret, "secret");
      return this;
    }

    /**
     * The fake's clock: the key's one-hour lifetime and the daily cap (default system).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * {@code statuses.max_characters} (default 500).
     *
     * @param max the limit
     * @return this builder
     */
    public Builder maxCharacters(int max) {
      this.maxCharacters = atLeast(max, 1, "maxCharacters");
      return this;
    }

    /**
     * {@code statuses.max_media_attachments} (default 4).
     *
     * @param max the limit
     * @return this builder
     */
    public Builder maxMediaAttachments(int max) {
      this.maxMediaAttachments = atLeast(max, 1, "maxMediaAttachments");
      return this;
    }

    /**
     * {@code media_attachments.supported_mime_types} (default JPEG, PNG, GIF).
     *
     * @param types the MIME types
     * @return this builder
     */
    public Builder supportedMimeTypes(String... types) {
      mimeTypes.clear();
      mimeTypes.addAll(List.of(types));
      return this;
    }

    /**
     * The statuses an account may post per 24 h before getting 429 (default 1,000).
     *
     * @param max the number of statuses
     * @return this builder
     */
    public Builder statusesPerDay(int max) {
      this.statusesPerDay = atLeast(max, 0, "statusesPerDay");
      return this;
    }

    /**
     * Builds the fake and starts it.
     *
     * @return the started fake; close it to free its port
     * @throws IllegalStateException if no account was added
     */
    public FakePixelfed start() {
      if (accountsByToken.isEmpty()) {
        throw new IllegalStateException(
            "a FakePixelfed needs at least one account; add one with account(...)");
      }
      FakePixelfed fake = new FakePixelfed(this);
      fake.start();
      return fake;
    }
  }
}
