package dev.herald.platforms.facebook;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.PublisherBuilder;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.http.PublisherSettings;
import dev.herald.platforms.internal.meta.GraphApi;
import dev.herald.platforms.internal.meta.PublishChecks;
import dev.herald.platforms.internal.meta.PublishMemo;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Publishes to Facebook Pages: text and link posts ({@code /feed}),
 * one photo ({@code /photos}, by URL or uploaded), several photos (uploaded unpublished, attached
 * to a {@code /feed} post), one video ({@code /videos}, by URL or through the Resumable Upload
 * API), and one reel (option {@code facebook.reel=true}: the Reels Publishing API, {@code
 * /video_reels}; a 3–90 s vertical video), synchronously except for video processing.
 *
 * <p><b>Accounts and tokens.</b> The {@code account} of a {@link PublishRequest} is the Page id;
 * its credentials are read from the {@link TokenStore} under platform {@value #PLATFORM}: the
 * access token is the Page token, and the refresh token, when present, is the user token it derives
 * from (as {@link FacebookTokenRefresher} stores it), used for the Resumable Upload API, which
 * takes a user token. Missing or expired credentials, and Graph error 190, give {@link
 * PublishResult.AuthExpired}.
 *
 * <p><b>Post mapping.</b> A post without media is a {@code /feed} post: the text as {@code
 * message}, the link as {@code link}. A photo or video post has no link parameter, so the link is
 * appended to its caption or description; a video's title is the post's title. The options {@code
 * published} and {@code scheduled_publish_time} (Unix seconds or ISO 8601, 10 minutes to 30 days
 * ahead; the post is then not public yet, so the result has no URL) are passed through. Results
 * carry the Page post id ({@code <page-id>_<post-id>}) and {@code https://www.facebook.com/<id>}; a
 * video's result carries the video id and its Page video URL.
 *
 * <p><b>Duplicates.</b> Facebook has no idempotency key and refuses a repeat of the previous post
 * with 506. When the publishing call's outcome is unknown, the publisher reads the Page's recent
 * feed and remembers the attempt per account and idempotency key (in memory, 24 h), so a retry
 * checks the feed before posting again; see {@link FacebookErrors} for every code.
 *
 * <p>This class is threadsafe; build it with {@link #builder()}.
 */
public final class FacebookPublisher implements PlatformPublisher {

  /** The platform id. */
  public static final String PLATFORM = "facebook";

  private static final Logger log = Loggers.platform(PLATFORM);

  /** The knobs of one publish run. */
  record Settings(
      InstantSource clock,
      Duration pollInterval,
      int maxPolls,
      Duration retryDelay,
      Duration rateLimitFallback,
      Duration blockedDefer,
      String appId,
      Duration feedSettle) {}

  private final URI graphBase;
  private final TokenStore tokens;
  private final FacebookApi api;
  private final Sleeper sleeper;
  private final Settings settings;
  private final PublishMemo<FacebookPublication.Ambiguous> memo;

  private FacebookPublisher(Builder b, PublisherSettings common) {
    this.graphBase = b.graphBase;
    this.tokens = common.tokens();
    this.api =
        new FacebookApi(
            new GraphApi(common.transport(PLATFORM), b.graphBase, b.graphVersion),
            b.ruploadBase,
            common.uploadTimeout());
    this.sleeper = common.sleeper();
    this.settings =
        new Settings(
            common.clock(),
            b.pollInterval,
            b.maxPolls,
            common.retryDelay(),
            b.rateLimitFallback,
            b.blockedDefer,
            b.appId,
            b.feedSettle);
    this.memo = new PublishMemo<>(common.clock(), Duration.ofHours(24), 10_000);
  }

  /**
   * A builder for {@code https://graph.facebook.com}.
   *
   * @return a new builder; a token store must be set before {@code build()}
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  /**
   * Text up to 63,206 characters, no media, 1–10 photos, or one video; no idempotency key (506
   * refuses an identical repeat, which is not the same thing).
   */
  @Override
  public PlatformCapabilities capabilities() {
    return FacebookPosts.CAPABILITIES;
  }

  /** Every violation of the Page limits; no network call (local files' sizes are read). */
  @Override
  public List<PostViolation> validate(Post post) {
    return FacebookPosts.validate(notNull(post, "post"), settings.appId() != null);
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    notNull(request, "request");
    Optional<Credentials> credentials = tokens.get(request.target());
    PublishResult result =
        check(request, credentials)
            .orElseGet(
                () -> {
                  Credentials c = credentials.orElseThrow();
                  return new FacebookPublication(
                          api,
                          settings,
                          sleeper,
                          memo,
                          c.accessToken(),
                          c.refreshToken().orElse(c.accessToken()))
                      .run(request);
                });
    log.debug(
        "facebook {} page '{}' key '{}': {}",
        graphBase,
        request.account(),
        request.idempotencyKey(),
        result);
    return result;
  }

  /**
   * Reads the Page's recent feed for a post with the request's text since {@code firstSentAt}:
   * {@code Found} with its id; {@code NotFound} for a visible text or photo post missing from the
   * feed {@link Builder#feedSettle} after the attempt; {@code Pending} before then or when the feed cannot be
   * read; {@code Undetermined} for posts hidden from the feed (scheduled or unpublished), posts
   * without text, and Pages without stored credentials. A video or reel is looked up by the video
   * id {@link #publish} recorded in the request's progress (once {@code /videos} or the reel's
   * start answered it): {@code GET /{video-id}?fields=status} gives {@code Found}, {@code Pending}
   * while it is processed, {@code NotFound} for a video that failed processing or a reel never
   * finished ({@link FacebookVideoReconciliation}); without a recorded id a video not found in the
   * feed is {@code Undetermined}. Works from any node, after a restart: it needs only the request,
   * its progress and the stored Page token.
   */
  @Override
  public Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    notNull(request, "request");
    notNull(firstSentAt, "firstSentAt");
    Optional<Credentials> credentials = tokens.get(request.target());
    if (credentials.isEmpty()) {
      return Reconciliation.undetermined("no facebook credentials stored for "
          + request.target() + " to read its feed with");
    }
    Credentials c = credentials.get();
    Reconciliation answer = new FacebookPublication(api, settings, sleeper, memo,
        c.accessToken(), c.refreshToken().orElse(c.accessToken()))
        .reconcile(request, firstSentAt);
    log.debug("facebook {} key '{}' first sent at {}: {}", request.target(),
        request.idempotencyKey(), firstSentAt, answer);
    return answer;
  }

  private Optional<PublishResult> check(PublishRequest request, Optional<Credentials> credentials) {
    return PublishChecks.before(
        PLATFORM,
        "facebook page token",
        "derive it again from a long-lived user token",
        request,
        credentials,
        settings.clock().instant(),
        validate(request.post()));
  }

  @Override
  public String toString() {
    return "FacebookPublisher[" + graphBase + "]";
  }

  /**
   * Builds a {@link FacebookPublisher}. The shared settings are those of {@link PublisherBuilder},
   * the token store holding Page tokens; here the upload timeout (of photo and video uploads)
   * defaults to 10 min and the retry delay to 1 min, and the clock times token expiry, rate-limit
   * deadlines and remembered attempts. Not threadsafe.
   */
  public static final class Builder extends PublisherBuilder<Builder> {
    private URI graphBase = URI.create("https://graph.facebook.com");
    private URI ruploadBase = URI.create("https://rupload.facebook.com");
    private String graphVersion = "v25.0";
    private String appId;
    private Duration pollInterval = Duration.ofSeconds(10);
    private int maxPolls = 30;
    private Duration rateLimitFallback = Duration.ofMinutes(15);
    private Duration blockedDefer = Duration.ofHours(12);
    private Duration feedSettle = Duration.ofMinutes(2);

    private Builder() {
      super(/* uploadTimeout= */ Duration.ofMinutes(10), /* retryDelay= */ Duration.ofMinutes(1));
    }

    @Override
    public Builder sleeper(Sleeper sleeper) {
      return super.sleeper(sleeper);
    }

    /**
     * The Graph host (default {@code https://graph.facebook.com}).
     *
     * @param uri the Graph host, e.g. a fake server's {@code baseUri()} in tests
     * @return this builder
     */
    public Builder graphBaseUri(URI uri) {
      this.graphBase = httpUri(uri, "graphBaseUri");
      return this;
    }

    /**
     * The host reels are uploaded to (default {@code https://rupload.facebook.com}); the Page token
     * is sent only to this host, whatever {@code upload_url} Facebook answers.
     *
     * @param uri the upload host, e.g. a fake server's {@code baseUri()} in tests
     * @return this builder
     */
    public Builder ruploadBaseUri(URI uri) {
      this.ruploadBase = httpUri(uri, "ruploadBaseUri");
      return this;
    }

    private static URI httpUri(URI uri, String field) {
      notNull(uri, field);
      String scheme = String.valueOf(uri.getScheme());
      if (!scheme.equalsIgnoreCase("https") && !scheme.equalsIgnoreCase("http")) {
        throw new IllegalArgumentException(field + " must be an http(s) URI, was " + uri);
      }
      return uri;
    }

    /**
     * The Graph API version, pinned (default {@code v25.0}).
     *
     * @param version the version, such as {@code v25.0}
     * @return this builder
     * @throws IllegalArgumentException unless it looks like {@code v25.0}
     */
    public Builder graphVersion(String version) {
      this.graphVersion = GraphApi.checkVersion(version);
      return this;
    }

    /**
     * The app id, needed to upload local videos (the Resumable Upload API session is per app).
     *
     * @param appId the Facebook app id
     * @return this builder
     */
    public Builder appId(String appId) {
      this.appId = notBlank(appId, "appId");
      return this;
    }

    /**
     * Video processing polls, and the pause before reading the feed after an ambiguous call: the
     * wait between polls and how many (defaults 10 s and 30).
     *
     * @param interval the wait between polls, positive
     * @param maxPolls the largest number of polls, 1 or more
     * @return this builder
     */
    public Builder videoPolling(Duration interval, int maxPolls) {
      this.pollInterval = positive(interval, "interval");
      this.maxPolls = atLeast(maxPolls, 1, "maxPolls");
      return this;
    }

    /**
     * How long after a publishing call with an unknown outcome a text or photo post missing from
     * the Page's feed counts as not created, so that {@link FacebookPublisher#reconcile} answers
     * {@code NotFound} and the post is sent once more (default 2 min; Facebook shows such posts in
     * the feed at once). Before then the answer is {@code Pending}.
     *
     * @param settle the time, positive
     * @return this builder
     */
    public Builder feedSettle(Duration settle) {
      this.feedSettle = positive(settle, "feedSettle");
      return this;
    }

    /**
     * The wait for a throttle whose headers give no time to regain access (default 15 min).
     *
     * @param wait the wait, positive
     * @return this builder
     */
    public Builder rateLimitFallback(Duration wait) {
      this.rateLimitFallback = positive(wait, "rateLimitFallback");
      return this;
    }

    /**
     * How long code 368 (temporarily blocked) defers a post (default 12 h).
     *
     * @param defer how long to defer, positive
     * @return this builder
     */
    public Builder blockedDefer(Duration defer) {
      this.blockedDefer = positive(defer, "blockedDefer");
      return this;
    }

    /**
     * Builds the publisher and logs its configuration at INFO.
     *
     * @return the publisher for platform {@code facebook}
     * @throws NullPointerException if no token store was set
     */
    public FacebookPublisher build() {
      PublisherSettings common = publisherSettings();
      FacebookPublisher publisher = new FacebookPublisher(this, common);
      log.info(
          "facebook publisher for {}/{}: rupload={}, appId={}, requestTimeout={}, uploadTimeout={},"
              + " videoPolling={} x{}, retryDelay={}, rateLimitFallback={}, blockedDefer={}",
          graphBase,
          graphVersion,
          ruploadBase,
          appId == null ? "none (no local videos)" : appId,
          common.requestTimeout(),
          common.uploadTimeout(),
          pollInterval,
          maxPolls,
          common.retryDelay(),
          rateLimitFallback,
          blockedDefer);
      return publisher;
    }
  }
}
