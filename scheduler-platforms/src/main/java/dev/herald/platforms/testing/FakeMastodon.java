package dev.herald.platforms.testing;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.mastodon.MastodonLimits;
import java.net.URI;
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
import java.util.concurrent.atomic.AtomicLong;

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
 *       consume the key. Also 422 for blank or over-long text, too many or unknown media.
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

  /** The OAuth token route. */
  public static final String OAUTH_TOKEN = "POST /oauth/token";

  private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);

  private record Account(String username, boolean canWrite) {}

  private record Replay(byte[] body, Instant createdAt) {}

  private final Map<String, Account> accounts;
  private final int mediaProcessingPolls;
  private final boolean asyncUploads;
  private final boolean withConfiguration;
  private final MastodonLimits limits;
  private final Map<String, FakeMastodonMedia> media = new ConcurrentHashMap<>();
  private final Map<String, Replay> replays = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(113_600_000_000_000_000L);
  private final Object statusLock = new Object();

  private FakeMastodon(Builder b) {
    super("mastodon", b.clock);
    this.accounts = Map.copyOf(b.accounts);
    this.mediaProcessingPolls = b.mediaProcessingPolls;
    this.asyncUploads = b.asyncUploads;
    this.withConfiguration = b.withConfiguration;
    this.limits =
        new MastodonLimits(
            b.maxCharacters,
            b.maxMediaAttachments,
            MastodonLimits.DEFAULTS.charactersReservedPerUrl(),
            supportedTypes(),
            MastodonLimits.DEFAULTS.descriptionLimit());
    route("GET", "/api/v2/instance", r -> instance());
    route("POST", "/api/v2/media", this::upload);
    route("GET", "/api/v1/media/{id}", this::poll);
    route("POST", "/api/v1/statuses", this::status);
    route("POST", "/oauth/token", this::oauthToken);
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

  private FakeResponse instance() {
    FakeResponse response = fixture("mastodon-instance-v2.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    if (!withConfiguration) {
      body.remove("configuration");
    } else {
      ObjectNode statuses = (ObjectNode) body.path("configuration").path("statuses");
      statuses.put("max_characters", limits.maxCharacters());
      statuses.put("max_media_attachments", limits.maxMediaAttachments());
    }
    return response.withBody(Json.write(body));
  }

  private FakeResponse upload(FakeRequest request) {
    Optional<Account> account = authorize(request);
    if (account.isEmpty() || !account.get().canWrite()) {
      return authFailure(account);
    }
    Optional<UploadedFile> file = request.file("file");
    if (file.isEmpty() || !limits.supportedMimeTypes().contains(file.get().contentType())) {
      return fixture("mastodon-error-422-media-invalid.json");
    }
    String type = file.get().contentType().substring(0, file.get().contentType().indexOf('/'));
    String id = Long.toString(ids.incrementAndGet());
    FakeMastodonMedia state =
        new FakeMastodonMedia(
            id, account.get().username(), type, request.param("description").orElse(""));
    boolean async = asyncUploads || !type.equals("image");
    state.pollsLeft = async ? mediaProcessingPolls : 0;
    state.ready = !async;
    media.put(id, state);
    String file200Or202 =
        async ? "mastodon-media-accepted-202.json" : "mastodon-media-created-200.json";
    return fixture(file200Or202).withBody(state.json(Fixtures.get(file200Or202), baseUri()));
  }

  private FakeResponse poll(FakeRequest request) {
    Optional<Account> account = authorize(request);
    if (account.isEmpty()) {
      return authFailure(account);
    }
    FakeMastodonMedia state = media.get(request.pathParam("id").orElse(""));
    synchronized (statusLock) {
      if (state == null || state.attached || !state.account.equals(account.get().username())) {
        return fixture("mastodon-error-404.json");
      }
      if (state.pollsLeft > 0) {
        state.pollsLeft--;
        return fixture("mastodon-media-processing-206.json")
            .withBody(state.json(Fixtures.get("mastodon-media-processing-206.json"), baseUri()));
      }
      state.ready = true;
      return fixture("mastodon-media-ready.json")
          .withBody(state.json(Fixtures.get("mastodon-media-ready.json"), baseUri()));
    }
  }

  private FakeResponse status(FakeRequest request) {
    Optional<Account> account = authorize(request);
    if (account.isEmpty() || !account.get().canWrite()) {
      return authFailure(account);
    }
    String username = account.get().username();
    Optional<String> key = request.header("Idempotency-Key");
    synchronized (statusLock) {
      Instant now = clock().instant();
      if (key.isPresent()) {
        Replay replay = replays.get(username + "\u0000" + key.get());
        if (replay != null && now.isBefore(replay.createdAt().plus(IDEMPOTENCY_WINDOW))) {
          return fixture("mastodon-status-created.json").withBody(replay.body());
        }
      }
      String text = request.param("status").orElse("");
      List<String> mediaIds = request.params("media_ids[]");
      Optional<FakeResponse> invalid = checkStatus(username, text, mediaIds);
      if (invalid.isPresent()) {
        return invalid.get();
      }
      mediaIds.forEach(id -> media.get(id).attached = true);
      Optional<String> scheduledAt = request.param("scheduled_at");
      String id = Long.toString(ids.incrementAndGet());
      FakeResponse response =
          scheduledAt.isPresent()
              ? scheduledStatus(id, request, text, mediaIds, scheduledAt.get())
              : status(id, username, request, text, mediaIds, now);
      URI url = scheduledAt.isPresent() ? null : statusUrl(username, id);
      ledger()
          .record(
              new LedgerEntry(
                  platform(), username, id, Optional.ofNullable(url), text, mediaIds, key, now));
      key.ifPresent(k -> replays.put(username + "\u0000" + k, new Replay(response.body(), now)));
      return response;
    }
  }

  private Optional<FakeResponse> checkStatus(String username, String text, List<String> mediaIds) {
    if (mediaIds.size() > limits.maxMediaAttachments()) {
      return Optional.of(
          replaceInBody(
              fixture("mastodon-error-422-too-many-media.json"),
              "more than 4 files",
              "more than " + limits.maxMediaAttachments() + " files"));
    }
    for (String id : mediaIds) {
      FakeMastodonMedia state = media.get(id);
      if (state == null || state.attached || !state.account.equals(username)) {
        return Optional.of(
            replaceInBody(
                fixture("mastodon-error-422-media-not-found.json"), "113541987650009999", id));
      }
    }
    if (mediaIds.stream().anyMatch(id -> !media.get(id).ready)) {
      return Optional.of(fixture("mastodon-error-422-media-not-ready.json"));
    }
    if (text.isBlank() && mediaIds.isEmpty()) {
      return Optional.of(fixture("mastodon-error-422.json"));
    }
    if (limits.textLength().of(text) > limits.maxCharacters()) {
      return Optional.of(
          replaceInBody(
              fixture("mastodon-error-422-too-long.json"),
              "limit of 500",
              "limit of " + limits.maxCharacters()));
    }
    return Optional.empty();
  }

  private FakeResponse status(
      String id,
      String username,
      FakeRequest request,
      String text,
      List<String> mediaIds,
      Instant now) {
    FakeResponse response = fixture("mastodon-status-created.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    body.put("id", id);
    body.put("created_at", now.toString());
    body.put("url", statusUrl(username, id).toString());
    body.put("uri", baseUri() + "/users/" + username + "/statuses/" + id);
    body.put("content", "<p>" + escapeHtml(text) + "</p>");
    body.put("visibility", request.param("visibility").orElse("public"));
    body.put("spoiler_text", request.param("spoiler_text").orElse(""));
    body.putArray("tags");
    ObjectNode account = (ObjectNode) body.path("account");
    account.put("username", username);
    account.put("acct", username);
    account.put("url", baseUri() + "/@" + username);
    body.set(
        "media_attachments",
        FakeMastodonMedia.attachments(mediaIds.stream().map(media::get).toList(), baseUri()));
    return response.withBody(Json.write(body));
  }

  private FakeResponse scheduledStatus(
      String id, FakeRequest request, String text, List<String> mediaIds, String scheduledAt) {
    FakeResponse response = fixture("mastodon-scheduled-status-created.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    body.put("id", id);
    body.put("scheduled_at", scheduledAt);
    ObjectNode params = (ObjectNode) body.path("params");
    params.put("text", text);
    ArrayNode ids = params.putArray("media_ids");
    mediaIds.forEach(ids::add);
    params.put("visibility", request.param("visibility").orElse("public"));
    request
        .header("Idempotency-Key")
        .ifPresentOrElse(k -> params.put("idempotency", k), () -> params.putNull("idempotency"));
    body.set(
        "media_attachments",
        FakeMastodonMedia.attachments(mediaIds.stream().map(media::get).toList(), baseUri()));
    return response.withBody(Json.write(body));
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

  private Optional<Account> authorize(FakeRequest request) {
    return request.bearerToken().map(accounts::get);
  }

  private FakeResponse authFailure(Optional<Account> account) {
    return account.isEmpty()
        ? fixture("mastodon-error-401.json")
        : fixture("mastodon-error-403-scope.json");
  }

  private URI statusUrl(String username, String id) {
    return URI.create(baseUri() + "/@" + username + "/" + id);
  }

  private static FakeResponse replaceInBody(FakeResponse response, String from, String to) {
    return response.withBody(
        response.bodyText().replace(from, to).getBytes(StandardCharsets.UTF_8));
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("\n", "<br>");
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

    private Builder() {}

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
