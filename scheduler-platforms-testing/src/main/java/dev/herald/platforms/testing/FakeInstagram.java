package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.atLeast;
import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Instagram Graph API on loopback (both flavours: the paths are the same on {@code
 * graph.facebook.com} and {@code graph.instagram.com}, and the upload host {@code
 * rupload.facebook.com} is served here too), serving the {@code instagram-*} fixtures with the
 * content publishing flow's stateful behaviour:
 *
 * <ul>
 *   <li>{@value #CREATE}: a container; images and carousels answer {@code IN_PROGRESS} to {@link
 *       Builder#imagePolls n} status polls, videos to {@link Builder#videoPolls m}, then {@code
 *       FINISHED}; a resumable video stays {@code IN_PROGRESS} until its bytes arrive at {@value
 *       #UPLOAD}, whose URI (a {@code rupload.facebook.com} URL in the fixture) points at this
 *       fake. Captions over 2,200 characters, non-JPEG {@code image_url}s and carousels outside
 *       2–10 children are refused with their fixtures. {@code media_type=REELS} needs a video,
 *       refuses a non-boolean {@code share_to_feed}, a non-integer {@code thumb_offset} (100) and a
 *       non-JPEG {@code cover_url}; {@code media_type=STORIES} takes one image or video and keeps
 *       no caption (none is shown); neither may be a carousel item. A reel or story video outside
 *       its duration ({@link #videoDuration}) reads {@code ERROR} 2207026.
 *   <li>{@value #NODE}: a container's status ({@code EXPIRED} 24 h after creation on the fake's
 *       clock, or when {@link #expireNextContainers forced}; {@code ERROR} when {@link
 *       #failNextContainers forced}), or a published media's permalink fields.
 *   <li>{@value #PUBLISH}: before {@code FINISHED} → {@code instagram-error-media-not-ready.json}
 *       (and counted in {@link #prematurePublishes()}, as is a publish of a container whose {@code
 *       FINISHED} the client never read); a second publish of the same container finds it {@code
 *       PUBLISHED} and answers the builder-expired error (counted in {@link #repeatedPublishes()});
 *       over the {@link Builder#quotaTotal quota} of the rolling 24 h → {@code
 *       instagram-error-publish-limit.json}; a container this account does not have, or one
 *       {@link #loseNextContainers lost}, → 24/2207006 (media not found). An accepted publish is
 *       recorded in the ledger.
 *   <li>{@value #LIMIT}, {@value #LIST}, {@value #STORIES}: the quota in use, the recent media
 *       (stories excluded, as on Instagram) and the stories of the last 24 hours.
 *   <li>{@value #REFRESH}, {@value #EXCHANGE}: Instagram Login token refresh (only for tokens at
 *       least 24 h old and not expired) and short-to-long-lived exchange.
 *   <li>An unknown, expired or {@link #expireToken revoked} token → {@code
 *       instagram-error-token-expired.json} (190/463); another account's token → {@code
 *       instagram-error-permission.json}.
 * </ul>
 *
 * <p>Injected {@link Fault#status(int) 5xx} faults answer {@code instagram-error-server-transient
 * .json} with that status, except 502 and 504, which answer without a body, as a gateway does (no
 * Graph error: the request may or may not have reached Instagram); {@link Fault#rateLimited}
 * answers {@code instagram-error-rate-limit-buc.json} (80002, {@code
 * estimated_time_to_regain_access} 19 min) with status 429 and {@code Retry-After}. The other error
 * fixtures are served through {@link Fault#fixture(String)}.
 *
 * <p>This class is threadsafe.
 */
public final class FakeInstagram extends FakeServer {

  /** Container creation. */
  public static final String CREATE = "POST /{version}/{ig-user-id}/media";

  /** Recent media of an account. */
  public static final String LIST = "GET /{version}/{ig-user-id}/media";

  /** The account's stories of the last 24 hours (stories are not in {@value #LIST}). */
  public static final String STORIES = "GET /{version}/{ig-user-id}/stories";

  /** Publishing a container. */
  public static final String PUBLISH = "POST /{version}/{ig-user-id}/media_publish";

  /** The publishing quota. */
  public static final String LIMIT = "GET /{version}/{ig-user-id}/content_publishing_limit";

  /** A container's status, or a media's fields. */
  public static final String NODE = "GET /{version}/{id}";

  /** Resumable upload of a container's video ({@code rupload.facebook.com}). */
  public static final String UPLOAD = "POST /ig-api-upload/{version}/{container-id}";

  /** Instagram Login token refresh ({@code graph.instagram.com}, unversioned). */
  public static final String REFRESH = "GET /refresh_access_token";

  /** Instagram Login short-to-long-lived exchange ({@code graph.instagram.com}, unversioned). */
  public static final String EXCHANGE = "GET /access_token";

  private static final Duration LONG_LIVED = Duration.ofDays(60);

  private static final class Token {
    final String account;
    final Instant issuedAt;
    final Instant expiresAt;
    volatile boolean revoked;

    Token(String account, Instant issuedAt, Instant expiresAt) {
      this.account = account;
      this.issuedAt = issuedAt;
      this.expiresAt = expiresAt;
    }
  }

  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private final AtomicLong tokenSeq = new AtomicLong();
  private final String appSecret;
  private final FakeInstagramMedia media;

  private FakeInstagram(Builder b) {
    super("instagram", b.clock);
    this.appSecret = b.appSecret;
    Instant now = b.clock.instant();
    b.tokens.forEach(
        (token, spec) ->
            tokens.put(
                token,
                new Token(
                    spec.account(), spec.issuedAt(now), spec.issuedAt(now).plus(spec.life()))));
    this.media = new FakeInstagramMedia(this, b.imagePolls, b.videoPolls, b.quotaTotal);
    graphRoute("POST", "/ig-api-upload/{version}/{container-id}", media::upload);
    graphRoute("GET", "/refresh_access_token", this::refresh);
    graphRoute("GET", "/access_token", this::exchange);
    graphRoute("POST", "/{version}/{ig-user-id}/media", media::create);
    graphRoute("GET", "/{version}/{ig-user-id}/media", media::list);
    graphRoute("POST", "/{version}/{ig-user-id}/media_publish", media::publish);
    graphRoute("GET", "/{version}/{ig-user-id}/content_publishing_limit", media::limit);
    graphRoute("GET", "/{version}/{ig-user-id}/stories", media::stories);
    graphRoute("GET", "/{version}/{id}", media::node);
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
   * Declares how long the video at {@code videoUrl} lasts (a video not declared lasts 30 s). A reel
   * outside 3 s–15 min or a story video outside 3–60 s (IG User Media reference, Reel and Story
   * video specifications,
   * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media)
   * gets a container that reads {@code ERROR} with subcode 2207026, as Instagram reports a video
   * out of specification.
   *
   * @param videoUrl the {@code video_url} a container will be created with
   * @param duration the video's duration
   */
  public void videoDuration(String videoUrl, Duration duration) {
    notBlank(videoUrl, "videoUrl");
    notNull(duration, "duration");
    synchronized (media.lock) {
      media.durations.put(videoUrl, duration);
    }
  }

  /**
   * The next {@code n} containers created read {@code EXPIRED} (and cannot be published).
   *
   * @param n the number of containers
   */
  public void expireNextContainers(int n) {
    synchronized (media.lock) {
      media.expireNext = atLeast(n, 0, "n");
    }
  }

  /**
   * The next {@code n} containers created read {@code ERROR} with {@code subcode} in status.
   *
   * @param n the number of containers
   * @param subcode the error subcode, e.g. 2207026
   */
  public void failNextContainers(int n, int subcode) {
    synchronized (media.lock) {
      media.failNext = atLeast(n, 0, "n");
      media.failSubcode = subcode;
    }
  }

  /**
   * The next {@code n} containers created read as usual, but {@code media_publish} cannot find
   * them and answers 24/2207006, which Meta documents as a possible missing permission or expired
   * token whose remedy is a new container (Instagram Platform error codes reference).
   *
   * @param n the number of containers
   */
  public void loseNextContainers(int n) {
    synchronized (media.lock) {
      media.lostNext = atLeast(n, 0, "n");
    }
  }

  /**
   * The next {@code n} publishes of a {@code FINISHED} container answer 9007/2207027 anyway, as
   * Meta does when its status and publishing paths disagree for a moment.
   *
   * @param n the number of publishes
   */
  public void notReadyOnNextPublishes(int n) {
    synchronized (media.lock) {
      media.notReadyNext = atLeast(n, 0, "n");
    }
  }

  /**
   * How many publishes came for a container whose {@code FINISHED} the client had not read.
   *
   * @return the number of such publishes, 0 or more
   */
  public int prematurePublishes() {
    synchronized (media.lock) {
      return media.premature;
    }
  }

  /**
   * How many publishes came for a container already published.
   *
   * @return the number of such publishes, 0 or more
   */
  public int repeatedPublishes() {
    synchronized (media.lock) {
      return media.repeated;
    }
  }

  /**
   * How many containers were created (carousel children included).
   *
   * @return the number of containers created, 0 or more
   */
  public int containersCreated() {
    synchronized (media.lock) {
      return media.containers.size();
    }
  }

  /**
   * The status of container {@code id} as a poll would see it, without consuming a poll.
   *
   * @param id the container id
   * @return the status, such as {@code FINISHED}, or empty if there is no such container
   */
  public Optional<String> containerStatus(String id) {
    synchronized (media.lock) {
      return Optional.ofNullable(media.containers.get(id))
          .map(c -> c.status(clock().instant(), false));
    }
  }

  /**
   * Revokes {@code token}: every call with it gets 190 from now on.
   *
   * @param token the token to revoke
   */
  public void expireToken(String token) {
    Optional.ofNullable(tokens.get(token)).ifPresent(t -> t.revoked = true);
  }

  /**
   * The account {@code token} belongs to, if it is known, not expired and not revoked.
   *
   * @param token the token to look up
   * @return the IG user id, or empty
   */
  public Optional<String> accountOf(String token) {
    Token t = tokens.get(token);
    return t == null || t.revoked || !clock().instant().isBefore(t.expiresAt)
        ? Optional.empty()
        : Optional.of(t.account);
  }

  /**
   * The tokens this fake issued (refreshes, exchanges), oldest first.
   *
   * @return the tokens, a snapshot
   */
  public List<String> issuedTokens() {
    return List.copyOf(issued);
  }

  @Override
  protected FakeResponse faultResponse(int status) {
    if (status == 429) {
      return fixture("instagram-error-rate-limit-buc.json").withStatus(429);
    }
    if (status == 502 || status == 504) {
      return FakeResponse.empty(status);
    }
    if (status >= 500) {
      return fixture("instagram-error-server-transient.json").withStatus(status);
    }
    return FakeGraph.error(status, 1, null, "fake instagram fault: HTTP " + status);
  }

  /** The account of the request's token; refuses with 190 if the token is not valid. */
  String authorize(FakeRequest request) {
    return FakeGraph.token(request)
        .flatMap(this::accountOf)
        .orElseThrow(() -> new FakeGraph.Refusal(fixture("instagram-error-token-expired.json")));
  }

  /** {@link #authorize(FakeRequest)}, and the token must belong to {@code account}. */
  String authorize(FakeRequest request, String account) {
    String owner = authorize(request);
    if (!owner.equals(account)) {
      throw new FakeGraph.Refusal(fixture("instagram-error-permission.json"));
    }
    return owner;
  }

  private FakeResponse refresh(FakeRequest r) {
    String token = r.param("access_token").orElse("");
    String account = authorize(r);
    if (!r.param("grant_type").orElse("").equals("ig_refresh_token")) {
      return FakeGraph.error(400, 100, null, "Invalid grant_type");
    }
    if (clock().instant().isBefore(tokens.get(token).issuedAt.plus(Duration.ofHours(24)))) {
      return FakeGraph.error(400, 100, null, "The access token is less than 24 hours old");
    }
    return grant("instagram-refresh-token.json", account);
  }

  private FakeResponse exchange(FakeRequest r) {
    String account = authorize(r);
    if (!r.param("grant_type").orElse("").equals("ig_exchange_token")
        || appSecret == null
        || !r.param("client_secret").orElse("").equals(appSecret)) {
      return FakeGraph.error(400, 101, null, "Error validating client secret.");
    }
    return grant("instagram-exchange-token.json", account);
  }

  private FakeResponse grant(String fixture, String account) {
    String token = "IGQWRfakeLongLived" + tokenSeq.incrementAndGet() + "x" + account;
    Instant now = clock().instant();
    tokens.put(token, new Token(account, now, now.plus(LONG_LIVED)));
    issued.add(token);
    return FakeGraph.edit(
        fixture(fixture),
        b -> b.put("access_token", token).put("expires_in", LONG_LIVED.toSeconds() - 56));
  }

  private void graphRoute(String method, String path, FakeHandler handler) {
    route(method, path, FakeGraph.handler(handler, this::baseUri));
  }

  /** Builds and starts a {@link FakeInstagram}. Not threadsafe. */
  public static final class Builder {
    private record TokenSpec(String account, Instant issuedAt, Duration life) {
      Instant issuedAt(Instant now) {
        return issuedAt == null ? now : issuedAt;
      }
    }

    private final Map<String, TokenSpec> tokens = new LinkedHashMap<>();
    private InstantSource clock = InstantSource.system();
    private int imagePolls = 1;
    private int videoPolls = 3;
    private int quotaTotal = 50;
    private String appSecret;

    private Builder() {}

    /**
     * IG user {@code igUserId} with {@code token}, issued at start and valid 60 days.
     *
     * @param igUserId the IG user id
     * @param token the account's access token
     * @return this builder
     */
    public Builder account(String igUserId, String token) {
      tokens.put(
          notBlank(token, "token"),
          new TokenSpec(notBlank(igUserId, "igUserId"), null, LONG_LIVED));
      return this;
    }

    /**
     * Another token of {@code igUserId}, issued at {@code issuedAt}, valid {@code life}.
     *
     * @param igUserId the IG user id
     * @param token the additional access token
     * @param issuedAt when it was issued
     * @param life how long it is valid from {@code issuedAt}
     * @return this builder
     */
    public Builder token(String igUserId, String token, Instant issuedAt, Duration life) {
      tokens.put(
          notBlank(token, "token"),
          new TokenSpec(notBlank(igUserId, "igUserId"), notNull(issuedAt, "issuedAt"), life));
      return this;
    }

    /**
     * The fake's clock: container expiry, the quota window, token ages (default system).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * How many polls of an image or carousel container answer {@code IN_PROGRESS} (default 1).
     *
     * @param polls the number of polls, 0 or more
     * @return this builder
     */
    public Builder imagePolls(int polls) {
      this.imagePolls = atLeast(polls, 0, "polls");
      return this;
    }

    /**
     * How many polls of a video container answer {@code IN_PROGRESS} (default 3).
     *
     * @param polls the number of polls, 0 or more
     * @return this builder
     */
    public Builder videoPolls(int polls) {
      this.videoPolls = atLeast(polls, 0, "polls");
      return this;
    }

    /**
     * API-published posts allowed per account in a rolling 24 h (default 50).
     *
     * @param total the number of posts
     * @return this builder
     */
    public Builder quotaTotal(int total) {
      this.quotaTotal = atLeast(total, 1, "quotaTotal");
      return this;
    }

    /**
     * The app secret {@value FakeInstagram#EXCHANGE} checks.
     *
     * @param secret the app secret
     * @return this builder
     */
    public Builder appSecret(String secret) {
      this.appSecret = notBlank(secret, "appSecret");
      return this;
    }

    /**
     * Builds the fake and starts it.
     *
     * @return the started fake; close it to free its port
     * @throws IllegalStateException if no account was added
     */
    public FakeInstagram start() {
      if (tokens.isEmpty()) {
        throw new IllegalStateException("a FakeInstagram needs an account; add one with account()");
      }
      FakeInstagram fake = new FakeInstagram(this);
      fake.start();
      return fake;
    }
  }
}
