package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.atLeast;
import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;

import java.nio.charset.StandardCharsets;
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
 * behaviour (from pixelfed/pixelfed's source, 2024-03, and the fixtures' README):
 *
 * <ul>
 *   <li>{@value #INSTANCE} and {@value #INSTANCE_V2}: the instance entity. The limits are those of
 *       the builder (Pixelfed's {@code .env}) unless an admin overrode them ({@link
 *       #overrideMaxCharacters}, {@link #overrideMaxMediaAttachments}, {@link
 *       #overrideSupportedMimeTypes}); the overrides are enforced, but v1 advertises the env album
 *       size and types and both responses are cached for 30 minutes: see {@code
 *       FakePixelfedConfig}. {@link Builder#withoutInstanceV2()} makes {@value #INSTANCE_V2} 404, as
 *       on Pixelfed before 2023-05.
 *   <li>{@value #UPLOAD_V1} answers 200 with {@code url} set, {@value #UPLOAD_V2} 202 with {@code
 *       url: null}; both ids are usable in a status at once. A type outside the enforced MIME types
 *       gets 403, a request without a file 422 with an empty body.
 *   <li>{@value #STATUSES}, in Pixelfed's order: Laravel validation (caption length, album size,
 *       visibility, content warning, {@code comments_disabled} by Laravel's {@code boolean} rule),
 *       answered as HTTP <b>500</b> {@code {"message","errors"}}; then the {@code Idempotency-Key}:
 *       a key this account sent within the last hour (on the fake's clock) gets 400 "Duplicate
 *       idempotency key.", otherwise it is stored <b>before</b> anything else, so a request that
 *       fails afterwards consumes it too; then 403 "Empty statuses are not allowed" without media
 *       and reply target; 429 once the account has {@link Builder#statusesPerDay n} statuses in 24
 *       h; 200 {@code []} for an inactive account; 400 for {@code direct}; the media checks (400
 *       "Invalid media_ids" when no id is the caller's unattached upload, 403 for another account's,
 *       500 for an unknown one among valid ones); then the status, recorded in the ledger and
 *       readable with {@link #status(String)}: its content warning is kept only when {@code
 *       sensitive} is true, as Pixelfed does.
 *   <li>{@value #OAUTH_TOKEN}: the {@code refresh_token} grant rotates the pair (the old access and
 *       refresh tokens stop working) and answers the token fixture with the new values.
 *   <li>An unknown token gets HTTP 500 {@code {"error":"Unauthenticated."}} when the request
 *       accepts JSON, else a 302 to {@code /login}, as Laravel does. A token without the {@code
 *       write} scope ({@link Builder#readOnlyAccount}) gets 403 {@code {"error":""}} on uploads and
 *       statuses: {@code abort_unless($request->user()->tokenCan('write'), 403)} in {@code
 *       ApiV1Controller::statusCreate} and {@code ApiV2Controller::mediaUploadV2}, rendered by
 *       {@code app/Exceptions/Handler.php} with the abort's empty message.
 * </ul>
 *
 * <p>The other error fixtures are served through {@link Fault#fixture(String)}; {@link
 * Fault#status(int) Fault.status(429)} serves {@code pixelfed-error-429.json}. Faults answer before
 * the route runs, so they consume no key, like a proxy in front of the instance.
 *
 * <p>This class is threadsafe.
 */
public final class FakePixelfed extends FakeServer {

  /** The v1 instance route. */
  public static final String INSTANCE = "GET /api/v1/instance";

  /** The v2 instance route. */
  public static final String INSTANCE_V2 = "GET /api/v2/instance";

  /** The v1 media upload route (200). */
  public static final String UPLOAD_V1 = "POST /api/v1/media";

  /** The v2 media upload route (202). */
  public static final String UPLOAD_V2 = "POST /api/v2/media";

  /** The status route. */
  public static final String STATUSES = "POST /api/v1/statuses";

  /** The route of the token's account. */
  public static final String VERIFY_CREDENTIALS = "GET /api/v1/accounts/verify_credentials";

  /** The route of an account's statuses. */
  public static final String ACCOUNT_STATUSES = "GET /api/v1/accounts/{id}/statuses";

  /** The OAuth token route. */
  public static final String OAUTH_TOKEN = "POST /oauth/token";

  private final FakePixelfedAuth auth;
  private final Set<String> inactive;
  private final Set<String> readOnly;
  private final FakePixelfedConfig config;
  private final FakePixelfedStatuses statuses;
  private final Map<String, FakePixelfedMedia> media = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(740_219_901_587_722_241L);

  private FakePixelfed(Builder b) {
    super("pixelfed", b.clock);
    this.auth =
        new FakePixelfedAuth(b.accountsByToken, b.accountsByRefresh, b.clientId, b.clientSecret);
    this.inactive = Set.copyOf(b.inactive);
    this.readOnly = Set.copyOf(b.readOnly);
    this.config =
        new FakePixelfedConfig(b.clock, b.maxCharacters, b.maxMediaAttachments, b.mimeTypes);
    this.statuses = new FakePixelfedStatuses(this, config, media, inactive, b.statusesPerDay);
    route("GET", "/api/v1/instance", r -> instance(false));
    if (b.instanceV2) {
      route("GET", "/api/v2/instance", r -> instance(true));
    }
    route("POST", "/api/v1/media", r -> upload(r, true));
    route("POST", "/api/v2/media", r -> upload(r, false));
    route("POST", "/api/v1/statuses", this::status);
    route("GET", "/api/v1/accounts/verify_credentials", this::verifyCredentials);
    route("GET", "/api/v1/accounts/{id}/statuses", this::accountStatuses);
    route("POST", "/oauth/token", auth::token);
  }

  /**
   * The account id of {@code username}, as the fake's account entities show it.
   *
   * @param username an account's user name
   * @return its id
   */
  public String accountId(String username) {
    return Long.toString(700_000_000_000_000_000L + Math.abs((long) username.hashCode()));
  }

  /** {@code GET /api/v1/accounts/verify_credentials} ({@code ApiV1Controller::verifyCredentials}). */
  private FakeResponse verifyCredentials(FakeRequest request) {
    Optional<String> account = authorize(request);
    if (account.isEmpty()) {
      return unauthenticated(request);
    }
    com.fasterxml.jackson.databind.node.ObjectNode body = Json.object();
    body.put("id", accountId(account.get()));
    body.put("username", account.get());
    body.put("acct", account.get());
    return FakeResponse.json(200, new String(Json.write(body), StandardCharsets.UTF_8));
  }

  /**
   * {@code GET /api/v1/accounts/:id/statuses} ({@code ApiV1Controller::accountStatusesById},
   * {@code tokenCan('read')}): see {@code FakePixelfedStatuses#statusesOf}; 404 {@code "Account
   * not found"} for an unknown id.
   */
  private FakeResponse accountStatuses(FakeRequest request) {
    Optional<String> account = authorize(request);
    if (account.isEmpty()) {
      return unauthenticated(request);
    }
    String id = request.pathParam("id").orElse("");
    if (!id.equals(accountId(account.get()))) {
      return FakeResponse.json(404, "{\"error\":\"Account not found\"}");
    }
    int limit = Math.min(request.param("limit").map(Integer::parseInt).orElse(20), 40);
    return FakeResponse.json(200, new String(Json.write(
        statuses.statusesOf(account.get(), request.param("max_id"), limit)),
        StandardCharsets.UTF_8));
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

  /**
   * A status this fake created, as stored.
   *
   * @param id the status id, as returned by the status route
   * @return the status, or empty if this fake created none with that id
   */
  public Optional<FakePixelfedStatus> status(String id) {
    return statuses.get(id);
  }

  /**
   * Sets {@code pixelfed.max_caption_length} as an admin does in the dashboard: enforced from now
   * on, shown at once by {@value #INSTANCE} (whose cache the admin settings forget) and by {@value
   * #INSTANCE_V2} only once its 30-minute cache has expired on the fake's clock.
   *
   * @param max the longest caption, at least 1
   */
  public void overrideMaxCharacters(int max) {
    config.overrideMaxCharacters(atLeast(max, 1, "maxCharacters"));
  }

  /**
   * Sets {@code pixelfed.max_album_length} as an admin does: enforced from now on, never shown by
   * {@value #INSTANCE} (which reports the env value), shown by {@value #INSTANCE_V2} once its
   * 30-minute cache has expired.
   *
   * @param max the largest album, at least 1
   */
  public void overrideMaxMediaAttachments(int max) {
    config.overrideMaxMediaAttachments(atLeast(max, 1, "maxMediaAttachments"));
  }

  /**
   * Sets {@code pixelfed.media_types} as an admin does: enforced on uploads from now on, never
   * shown by {@value #INSTANCE}, shown by {@value #INSTANCE_V2} once its 30-minute cache has
   * expired.
   *
   * @param types the MIME types uploads may have
   */
  public void overrideSupportedMimeTypes(String... types) {
    config.overrideMimeTypes(new LinkedHashSet<>(List.of(types)));
  }

  @Override
  protected FakeResponse faultResponse(int status) {
    if (status == 429) {
      return fixture("pixelfed-error-429.json");
    }
    return FakeResponse.json(status, "{\"error\":\"fake pixelfed fault: HTTP " + status + "\"}");
  }

  /** A new snowflake-like id, for uploads and statuses. */
  String nextId() {
    return Long.toString(ids.incrementAndGet());
  }

  private FakeResponse instance(boolean v2) {
    if (v2) {
      FakeResponse response = fixture("pixelfed-instance-v2.json");
      return response.withBody(config.v2(Fixtures.get("pixelfed-instance-v2.json")));
    }
    FakeResponse response = fixture("pixelfed-instance-v1.json");
    return response.withBody(config.v1(Fixtures.get("pixelfed-instance-v1.json")));
  }

  private FakeResponse upload(FakeRequest request, boolean v1) {
    Optional<String> account = authorize(request);
    if (account.isEmpty()) {
      return unauthenticated(request);
    }
    if (readOnly.contains(account.get())) {
      return fixture("pixelfed-error-403-scope.json");
    }
    if (inactive.contains(account.get())) {
      return FakeResponse.json(200, "[]");
    }
    Optional<UploadedFile> file = request.file("file");
    if (file.isEmpty()) {
      return FakeResponse.empty(422);
    }
    if (!config.mimeTypes().contains(file.get().contentType())) {
      return FakeResponse.json(403, "{\"error\":\"Invalid or unsupported mime type.\"}");
    }
    String id = nextId();
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
    if (readOnly.contains(account.get())) {
      return fixture("pixelfed-error-403-scope.json");
    }
    return statuses.create(request, account.get());
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
    private final Set<String> readOnly = new LinkedHashSet<>();
    private final Set<String> mimeTypes =
        new LinkedHashSet<>(List.of("image/jpeg", "image/png", "image/gif"));
    private InstantSource clock = InstantSource.system();
    private String clientId = "herald-client";
    private String clientSecret;
    private int maxCharacters = 500;
    private int maxMediaAttachments = 4;
    private int statusesPerDay = 1000;
    private boolean instanceV2 = true;

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
     * An account whose token lacks the {@code write} scope (an app authorised for {@code read}
     * only): uploads and statuses answer 403 {@code {"error":""}}.
     *
     * @param username the account's user name
     * @param token the account's access token
     * @return this builder
     */
    public Builder readOnlyAccount(String username, String token) {
      readOnly.add(notBlank(username, "username"));
      return account(username, token);
    }

    /**
     * Serves no {@value #INSTANCE_V2} (404), as Pixelfed before 2023-05 (pixelfed/pixelfed commit
     * 167dbcdd4 added it), so that clients can only read {@value #INSTANCE}.
     *
     * @return this builder
     */
    public Builder withoutInstanceV2() {
      this.instanceV2 = false;
      return this;
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
     * {@code MAX_CAPTION_LENGTH} of the instance's env, {@code statuses.max_characters} (default
     * 500); see {@link FakePixelfed#overrideMaxCharacters} for an admin's override.
     *
     * @param max the limit
     * @return this builder
     */
    public Builder maxCharacters(int max) {
      this.maxCharacters = atLeast(max, 1, "maxCharacters");
      return this;
    }

    /**
     * {@code MAX_ALBUM_LENGTH} of the instance's env, {@code statuses.max_media_attachments}
     * (default 4); see {@link FakePixelfed#overrideMaxMediaAttachments} for an admin's override.
     *
     * @param max the limit
     * @return this builder
     */
    public Builder maxMediaAttachments(int max) {
      this.maxMediaAttachments = atLeast(max, 1, "maxMediaAttachments");
      return this;
    }

    /**
     * {@code MEDIA_TYPES} of the instance's env, {@code media_attachments.supported_mime_types}
     * (default JPEG, PNG, GIF); see {@link FakePixelfed#overrideSupportedMimeTypes}.
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
