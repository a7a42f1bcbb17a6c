package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.atLeast;
import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;
import static dev.herald.platforms.testing.Arguments.positive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A fake Mastodon instance on loopback, serving the {@code mastodon-*} fixtures with Mastodon's
 * stateful behaviour:
 *
 * <ul>
 *   <li>{@value #INSTANCE}: the instance entity and its limits.
 *   <li>{@value #UPLOAD}: images answer 200 (processed); videos, audio, and every upload when
 *       {@link Builder#asyncUploads} is set, answer 202 with {@code url: null}.
 *   <li>{@value #MEDIA}: for a 202 upload, 206 {@link Builder#mediaProcessingPolls n} times, then
 *       200; 404 for unknown, foreign or attached media.
 *   <li>{@value #STATUSES}: 422 "not finished processing" while an attachment is not yet processed;
 *       the same {@code Idempotency-Key} from the same account within one hour (on the fake's
 *       clock) answers 200 with the first status and no new ledger entry; a failed request does not
 *       consume the key. Also 422 for blank or over-long text (the spoiler text counted in full,
 *       the text with URLs as 23), too many or unknown media. {@code scheduled_at} follows
 *       post_status_service.rb: not after now publishes at once, less than 5 minutes ahead is a
 *       422, and a replay of a scheduled status's key answers 404 ({@link ScheduledKeys}). See
 *       {@link FakeMastodonStatuses}.
 *   <li>Errors of Mastodon's own validations are rendered in the instance's {@link Builder#locale
 *       locale} (en, de, ja), as the real API does.
 *   <li>{@link Builder#replayAnswers500()} emulates mastodon/mastodon#40399; {@link
 *       Builder#limitedFederationMode()} makes {@value #INSTANCE} require a token.
 *   <li>{@value #OAUTH_TOKEN}: the token fixture for an authorization-code or client-credentials
 *       grant.
 *   <li>401 for an unknown token, 403 (scope) for a read-only account's writes.
 * </ul>
 *
 * <p>The other error fixtures are served through {@link Fault#fixture(String)}; {@link
 * Fault#status(int) Fault.status(503)} serves {@code mastodon-error-503.json}.
 *
 * <p>This class is threadsafe.
 */
public final class FakeMastodon extends FakeServer {

  /** The instance route. */
  public static final String INSTANCE = "GET /api/v2/instance";

  /** The media upload route. */
  public static final String UPLOAD = "POST /api/v2/media";

  /** The media poll route. */
  public static final String MEDIA = "GET /api/v1/media/{id}";

  /** The status route. */
  public static final String STATUSES = "POST /api/v1/statuses";

  /** The route of the token's account. */
  public static final String VERIFY_CREDENTIALS = "GET /api/v1/accounts/verify_credentials";

  /** The route of an account's statuses. */
  public static final String ACCOUNT_STATUSES = "GET /api/v1/accounts/{id}/statuses";

  /** The route of a status's source. */
  public static final String STATUS_SOURCE = "GET /api/v1/statuses/{id}/source";

  /** The route of the scheduled statuses. */
  public static final String SCHEDULED_STATUSES = "GET /api/v1/scheduled_statuses";

  /** The OAuth token route. */
  public static final String OAUTH_TOKEN = "POST /oauth/token";

  /**
   * How the key of a scheduled status is kept, by Mastodon version (mastodon/mastodon {@code
   * app/services/post_status_service.rb}).
   */
  public enum ScheduledKeys {
    /**
     * Before 4.3 (mastodon/mastodon#30039): {@code scheduled_options} cleared the key in the
     * options themselves, so it was never stored and every replay schedules the status again.
     */
    IGNORED,
    /**
     * 4.3 and later: the key is stored, but the duplicate lookup runs before {@code scheduled_at}
     * is parsed and so looks for a status, not a scheduled status: a replay answers 404.
     */
    LOOKED_UP_AS_STATUS
  }

  /** What the routes share; immutable. */
  record Settings(FakeMastodonLimits limits, FakeMastodonMessages messages, boolean replayAnswers500,
      ScheduledKeys scheduledKeys, FakeMastodonStatusAttributes attributes) {}

  /** An account of the fake: its user name and whether its token has the write scopes. */
  record Account(String username, boolean canWrite) {}

  private final Map<String, Account> accounts;
  private final boolean withConfiguration;
  private final boolean limitedFederationMode;
  private final FakeMastodonLimits limits;
  private final AtomicLong ids = new AtomicLong(113_600_000_000_000_000L);
  private final Object statusLock = new Object();
  private final FakeMastodonStatuses statuses;

  private FakeMastodon(Builder b) {
    super("mastodon", b.clock);
    this.accounts = Map.copyOf(b.accounts);
    this.withConfiguration = b.withConfiguration;
    this.limitedFederationMode = b.limitedFederationMode;
    this.limits =
        // media_attachment.rb: MAX_DESCRIPTION_LENGTH = 1_500
        new FakeMastodonLimits(b.maxCharacters, b.maxMediaAttachments, supportedTypes(), 1_500,
            b.pollLimits);
    FakeMastodonMessages messages = new FakeMastodonMessages(b.locale);
    Settings settings = new Settings(limits, messages, b.replayAnswers500, b.scheduledKeys,
        new FakeMastodonStatusAttributes(b.pollLimits, b.locale));
    Map<String, FakeMastodonMedia> media = new ConcurrentHashMap<>();
    Supplier<String> newId = () -> Long.toString(ids.incrementAndGet());
    this.statuses = new FakeMastodonStatuses(this, settings, media, newId);
    FakeMastodonUploads uploads = new FakeMastodonUploads(this, settings, media, newId,
        b.asyncUploads, b.mediaProcessingPolls, statusLock);
    FakeMastodonReads reads = new FakeMastodonReads(this, statuses, statusLock);
    route("GET", "/api/v2/instance", this::instance);
    route("POST", "/api/v2/media", uploads::upload);
    route("GET", "/api/v1/media/{id}", uploads::poll);
    route("POST", "/api/v1/statuses", this::status);
    route("GET", "/api/v1/accounts/verify_credentials", reads::verifyCredentials);
    route("GET", "/api/v1/accounts/{id}/statuses", reads::accountStatuses);
    route("GET", "/api/v1/statuses/{id}/source", reads::statusSource);
    route("GET", "/api/v1/scheduled_statuses", reads::scheduledStatuses);
    route("POST", "/oauth/token", this::oauthToken);
  }

  /**
   * The account id of {@code username}: fixed by the order accounts were added, as the fake's
   * account entities show it.
   *
   * @param username an account's user name
   * @return its id
   * @throws IllegalArgumentException if the fake has no such account
   */
  public String accountId(String username) {
    int index = 0;
    for (Account a : new LinkedHashSet<>(accounts.values())) {
      index++;
      if (a.username().equals(username)) {
        return Long.toString(109_000_000_000_000_000L + index);
      }
    }
    throw new IllegalArgumentException("no account '" + username + "' on this fake");
  }

  /**
   * A builder; add at least one account.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected FakeResponse faultResponse(int status) {
    if (status == 503) {
      return fixture("mastodon-error-503.json");
    }
    if (status == 429) {
      return FakeResponse.json(429, "{\"error\":\"Too many requests\"}");
    }
    return FakeResponse.json(status, "{\"error\":\"fake mastodon fault: HTTP " + status + "\"}");
  }

  /**
   * The instance entity. In limited federation mode the instance controllers keep {@code
   * require_authenticated_user!} ({@code skip_before_action :require_authenticated_user!, unless:
   * :limited_federation_mode?} in mastodon/mastodon {@code
   * app/controllers/api/v1/instances_controller.rb}), which answers 401 without a user token
   * (app/controllers/api/base_controller.rb).
   */
  private FakeResponse instance(FakeRequest request) {
    if (limitedFederationMode && authorize(request).isEmpty()) {
      return FakeResponse.json(401,
          FakeMastodonMessages.body("This method requires an authenticated user"));
    }
    FakeResponse response = fixture("mastodon-instance-v2.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    if (!withConfiguration) {
      body.remove("configuration");
    } else {
      ObjectNode statuses = (ObjectNode) body.path("configuration").path("statuses");
      statuses.put("max_characters", limits.maxCharacters());
      statuses.put("max_media_attachments", limits.maxMediaAttachments());
      ObjectNode polls = (ObjectNode) body.path("configuration").path("polls");
      polls.put("max_options", limits.polls().maxOptions());
      polls.put("max_characters_per_option", limits.polls().maxCharactersPerOption());
      polls.put("min_expiration", limits.polls().minExpiration().toSeconds());
      polls.put("max_expiration", limits.polls().maxExpiration().toSeconds());
    }
    return response.withBody(Json.write(body));
  }

  private FakeResponse status(FakeRequest request) {
    Optional<Account> account = authorize(request);
    if (account.isEmpty() || !account.get().canWrite()) {
      return authFailure(account);
    }
    synchronized (statusLock) {
      return statuses.create(account.get().username(), request);
    }
  }

  /**
   * The Status (or ScheduledStatus) entity this fake created with id {@code id}, as JSON, e.g. to
   * check its {@code poll}, {@code language} or {@code media_attachments[].meta.focus}.
   *
   * @param id a status id from a publish result or the ledger
   * @return the entity's JSON, or empty if this fake created no status with that id
   */
  public Optional<String> statusJson(String id) {
    synchronized (statusLock) {
      return statuses.entity(notNull(id, "id"))
          .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private FakeResponse oauthToken(FakeRequest request) {
    String grant = request.param("grant_type").orElse("");
    boolean client =
        request.param("client_id").isPresent() && request.param("client_secret").isPresent();
    boolean codeOk = !grant.equals("authorization_code") || request.param("code").isPresent();
    if (client
        && codeOk
        && (grant.equals("authorization_code") || grant.equals("client_credentials"))) {
      return fixture("mastodon-oauth-token.json");
    }
    return FakeResponse.json(
        400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is"
            + " invalid, expired, revoked, or was issued to another client.\"}");
  }

  /** The account with id {@code id} ({@link #accountId}), if any. */
  Optional<Account> accountById(String id) {
    return accounts.values().stream().filter(a -> accountId(a.username()).equals(id)).findFirst();
  }

  /** The account whose bearer token {@code request} carries, if any. */
  Optional<Account> authorize(FakeRequest request) {
    return request.bearerToken().map(accounts::get);
  }

  /** 401 without a known token, 403 (scope) for a known token that may not do this. */
  FakeResponse authFailure(Optional<Account> account) {
    return account.isEmpty()
        ? fixture("mastodon-error-401.json")
        : fixture("mastodon-error-403-scope.json");
  }

  private static Set<String> supportedTypes() {
    Set<String> types = new LinkedHashSet<>();
    Json.parse(Fixtures.get("mastodon-instance-v2.json").body())
        .path("configuration")
        .path("media_attachments")
        .path("supported_mime_types")
        .forEach((JsonNode t) -> types.add(t.asText()));
    return types;
  }

  /** Builds and starts a {@link FakeMastodon}. Not threadsafe. */
  public static final class Builder {
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private InstantSource clock = InstantSource.system();
    private int mediaProcessingPolls = 2;
    private boolean asyncUploads;
    private boolean withConfiguration = true;
    private int maxCharacters = 500;
    private int maxMediaAttachments = 4;
    private String locale = "en";
    private boolean replayAnswers500;
    private boolean limitedFederationMode;
    private ScheduledKeys scheduledKeys = ScheduledKeys.LOOKED_UP_AS_STATUS;
    private FakeMastodonLimits.Polls pollLimits = FakeMastodonLimits.DEFAULT_POLLS;

    private Builder() {}

    /**
     * The poll limits the instance reports and enforces (default Mastodon's own: 4 options of 50
     * characters, expiring in 5 minutes to a month).
     *
     * @param maxOptions {@code polls.max_options}, at least 2
     * @param maxCharactersPerOption {@code polls.max_characters_per_option}, at least 1
     * @param minExpiration {@code polls.min_expiration}, positive
     * @param maxExpiration {@code polls.max_expiration}, not shorter than {@code minExpiration}
     * @return this builder
     */
    public Builder pollLimits(int maxOptions, int maxCharactersPerOption, Duration minExpiration,
        Duration maxExpiration) {
      positive(minExpiration, "minExpiration");
      if (positive(maxExpiration, "maxExpiration").compareTo(minExpiration) < 0) {
        throw new IllegalArgumentException("maxExpiration must not be shorter than minExpiration "
            + minExpiration + ", was " + maxExpiration);
      }
      this.pollLimits = new FakeMastodonLimits.Polls(atLeast(maxOptions, 2, "maxOptions"),
          atLeast(maxCharactersPerOption, 1, "maxCharactersPerOption"), minExpiration,
          maxExpiration);
      return this;
    }

    /**
     * The instance's default locale, in which its API renders validation errors: {@code en}
     * (default), {@code de} or {@code ja}, with Mastodon's own translations.
     *
     * @param locale the locale
     * @return this builder
     * @throws IllegalArgumentException for another locale
     */
    public Builder locale(String locale) {
      new FakeMastodonMessages(notBlank(locale, "locale"));
      this.locale = locale;
      return this;
    }

    /**
     * Emulates mastodon/mastodon#40399 (fixed by #40439): every replay of a known {@code
     * Idempotency-Key} answers 500, though the status exists.
     *
     * @return this builder
     */
    public Builder replayAnswers500() {
      this.replayAnswers500 = true;
      return this;
    }

    /**
     * Emulates limited federation mode: {@value #INSTANCE} answers 401 without an account's
     * token.
     *
     * @return this builder
     */
    public Builder limitedFederationMode() {
      this.limitedFederationMode = true;
      return this;
    }

    /**
     * How a scheduled status's key is kept (default {@link ScheduledKeys#LOOKED_UP_AS_STATUS}, as
     * on 4.3 and later).
     *
     * @param keys the version's behaviour
     * @return this builder
     */
    public Builder scheduledKeys(ScheduledKeys keys) {
      this.scheduledKeys = notNull(keys, "scheduledKeys");
      return this;
    }

    /**
     * An account {@code username} whose token {@code token} may read and write.
     *
     * @param username the account's user name
     * @param token the account's access token
     * @return this builder
     */
    public Builder account(String username, String token) {
      accounts.put(notBlank(token, "token"), new Account(notBlank(username, "username"), true));
      return this;
    }

    /**
     * An account whose token lacks the write scopes: uploads and statuses get 403.
     *
     * @param username the account's user name
     * @param token the account's access token
     * @return this builder
     */
    public Builder readOnlyAccount(String username, String token) {
      accounts.put(notBlank(token, "token"), new Account(notBlank(username, "username"), false));
      return this;
    }

    /**
     * The fake's clock, which measures the one-hour idempotency window (default system).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * How many polls of a 202 upload answer 206 before it is processed (default 2).
     *
     * @param polls the number of polls, 0 or more
     * @return this builder
     */
    public Builder mediaProcessingPolls(int polls) {
      this.mediaProcessingPolls = atLeast(polls, 0, "polls");
      return this;
    }

    /**
     * Whether images too are processed asynchronously, answering 202 (default: only video).
     *
     * @param async whether every upload answers 202
     * @return this builder
     */
    public Builder asyncUploads(boolean async) {
      this.asyncUploads = async;
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
     * Serves the instance entity without {@code configuration}, as servers before 4.0 do.
     *
     * @return this builder
     */
    public Builder withoutConfiguration() {
      this.withConfiguration = false;
      return this;
    }

    /**
     * Builds the fake and starts it.
     *
     * @return the started fake; close it to free its port
     * @throws IllegalStateException if no account was added
     */
    public FakeMastodon start() {
      if (accounts.isEmpty()) {
        throw new IllegalStateException(
            "a FakeMastodon needs at least one account; add one with account(...)");
      }
      FakeMastodon fake = new FakeMastodon(this);
      fake.start();
      return fake;
    }
  }
}
