package dev.herald.platforms.instagram;

import static dev.herald.platforms.internal.Preconditions.atLeast;
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
 * Publishes to Instagram professional accounts through the Graph API content publishing flow:
 * containers, status polling until {@code FINISHED}, {@code media_publish}, and the permalink.
 * Works with both {@linkplain InstagramFlavour flavours}; the
 * publishing calls are the same on both hosts.
 *
 * <p><b>Accounts and tokens.</b> The {@code account} of a {@link PublishRequest} is the IG user id;
 * its credentials are read from the {@link TokenStore} under platform {@value #PLATFORM}. Missing
 * or expired credentials, and Graph error 190, give {@link PublishResult.AuthExpired}. Keep tokens
 * fresh with {@link InstagramTokenRefresher} (Instagram Login) or {@code
 * FacebookTokenRefresher.forInstagram} (Facebook Login), each run by a {@code TokenRefreshJob}.
 *
 * <p><b>Post mapping.</b> Instagram has no text-only posts: a post needs one image or video, or
 * 2–10 items for a carousel. The caption is the text, then the link (Instagram does not link it).
 * Images are JPEG at public {@code https:} URLs, which Instagram fetches; videos are published as
 * reels from an {@code https:} URL, or, with Facebook Login, uploaded from a {@code file:} URL
 * through a resumable session. The options {@code location_id}, {@code user_tags}, {@code
 * collaborators}, {@code product_tags} (images), {@code share_to_feed}, {@code cover_url}, {@code
 * thumb_offset}, {@code audio_name} (reels) are passed through; others are ignored. {@link
 * #validate(Post)} checks all of it without a network call.
 *
 * <p><b>Duplicates.</b> Instagram has no idempotency key. The publisher remembers, per account and
 * idempotency key, the container it created (in memory, for the container's 24 h lifetime), so a
 * retry re-polls that container instead of creating another, and a container that reads {@code
 * PUBLISHED} is reported as published (its media found by caption) instead of being published
 * again. {@code media_publish} is never called before the container is {@code FINISHED}.
 *
 * <p>This class is threadsafe; build it with {@link #builder(InstagramFlavour)}.
 */
public final class InstagramPublisher implements PlatformPublisher {

  /** The platform id. */
  public static final String PLATFORM = "instagram";

  private static final Logger log = Loggers.platform(PLATFORM);

  /** The knobs of one publish run. */
  record Settings(
      InstantSource clock,
      Duration pollInterval,
      int maxPolls,
      int maxContainerSets,
      int maxPublishAttempts,
      Duration builderRetryDelay,
      Duration retryDelay,
      Duration rateLimitFallback,
      Duration quotaRetryInterval,
      Duration blockedDefer,
      boolean checkPublishingLimit) {}

  private final InstagramFlavour flavour;
  private final URI graphBase;
  private final TokenStore tokens;
  private final InstagramApi api;
  private final Sleeper sleeper;
  private final Settings settings;
  private final PublishMemo<InstagramPublication.Remembered> memo;

  private InstagramPublisher(Builder b, PublisherSettings common) {
    this.flavour = b.flavour;
    this.graphBase = b.graphBase;
    this.tokens = common.tokens();
    this.api =
        new InstagramApi(
            new GraphApi(common.transport(PLATFORM), b.graphBase, b.graphVersion),
            b.ruploadBase,
            common.uploadTimeout());
    this.sleeper = common.sleeper();
    this.settings =
        new Settings(
            common.clock(),
            b.pollInterval,
            b.maxPolls,
            b.maxContainerSets,
            b.maxPublishAttempts,
            b.builderRetryDelay,
            common.retryDelay(),
            b.rateLimitFallback,
            b.quotaRetryInterval,
            b.blockedDefer,
            b.checkPublishingLimit);
    this.memo = new PublishMemo<>(common.clock(), Duration.ofHours(24), 10_000);
  }

  /**
   * A builder for {@code flavour}, with its production host.
   *
   * @param flavour how the accounts log in, which decides the host and the upload options
   * @return a new builder; a token store must be set before {@code build()}
   */
  public static Builder builder(InstagramFlavour flavour) {
    return new Builder(flavour);
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  /**
   * The flavour this publisher speaks.
   *
   * @return the flavour, as given to the builder
   */
  public InstagramFlavour flavour() {
    return flavour;
  }

  /**
   * Caption of 2,200 characters with 30 hashtags and 20 @-mentions, 1–10 JPEG images or MP4/MOV
   * videos (mixed in a carousel), no idempotency key.
   */
  @Override
  public PlatformCapabilities capabilities() {
    return InstagramPosts.CAPABILITIES;
  }

  /** Every violation of Instagram's limits and of this flavour's media rules; no network call. */
  @Override
  public List<PostViolation> validate(Post post) {
    return InstagramPosts.validate(notNull(post, "post"), flavour);
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    notNull(request, "request");
    Optional<Credentials> credentials = tokens.get(request.target());
    PublishResult result =
        check(request, credentials)
            .orElseGet(
                () ->
                    new InstagramPublication(
                            api, settings, sleeper, memo, credentials.orElseThrow().accessToken())
                        .run(request));
    log.debug(
        "instagram {} account '{}' key '{}': {}",
        graphBase,
        request.account(),
        request.idempotencyKey(),
        result);
    return result;
  }

  /**
   * The result that ends a publish before any call: no token, an invalid post, unreadable files.
   */
  private Optional<PublishResult> check(PublishRequest request, Optional<Credentials> credentials) {
    return PublishChecks.before(
        PLATFORM,
        "instagram token",
        "refresh it or authorise again",
        request,
        credentials,
        settings.clock().instant(),
        validate(request.post()));
  }

  /**
   * Lists the account's most recent media for one with the request's caption since {@code
   * firstSentAt}: {@code Found} with its id and permalink; {@code NotFound} when none appears two
   * minutes after the attempt; {@code Pending} before then or while the media cannot be listed;
   * {@code Undetermined} for a post without a caption, an account without stored credentials, or a
   * listing refused for good. Works from any node, after a restart.
   */
  @Override
  public Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    notNull(request, "request");
    notNull(firstSentAt, "firstSentAt");
    Optional<Credentials> credentials = tokens.get(request.target());
    if (credentials.isEmpty()) {
      return Reconciliation.undetermined("no instagram credentials stored for "
          + request.target() + " to list its media with");
    }
    return new InstagramPublication(api, settings, sleeper, memo,
        credentials.get().accessToken()).reconcile(request, firstSentAt);
  }

  @Override
  public String toString() {
    return "InstagramPublisher[" + flavour + ", " + graphBase + "]";
  }

  /**
   * Builds an {@link InstagramPublisher}. The shared settings are those of {@link
   * PublisherBuilder}; here the upload timeout (of resumable video uploads) defaults to 10 min and
   * the retry delay to 1 min, and the clock times token expiry, rate-limit deadlines and remembered
   * containers. Not threadsafe.
   */
  public static final class Builder extends PublisherBuilder<Builder> {
    private final InstagramFlavour flavour;
    private URI graphBase;
    private URI ruploadBase = URI.create("https://rupload.facebook.com");
    private String graphVersion = "v25.0";
    private Duration pollInterval = Duration.ofSeconds(10);
    private int maxPolls = 30;
    private int maxContainerSets = 2;
    private int maxPublishAttempts = 3;
    private Duration builderRetryDelay = Duration.ofSeconds(30);
    private Duration rateLimitFallback = Duration.ofMinutes(15);
    private Duration quotaRetryInterval = Duration.ofHours(1);
    private Duration blockedDefer = Duration.ofHours(12);
    private boolean checkPublishingLimit = true;

    private Builder(InstagramFlavour flavour) {
      super(/* uploadTimeout= */ Duration.ofMinutes(10), /* retryDelay= */ Duration.ofMinutes(1));
      this.flavour = notNull(flavour, "flavour");
      this.graphBase = flavour.defaultGraphBaseUri();
    }

    @Override
    public Builder sleeper(Sleeper sleeper) {
      return super.sleeper(sleeper);
    }

    /**
     * The Graph host (default: the flavour's, {@code https://graph.facebook.com} or instagram).
     *
     * @param uri the Graph host, e.g. a fake server's {@code baseUri()} in tests
     * @return this builder
     */
    public Builder graphBaseUri(URI uri) {
      this.graphBase = httpUri(uri, "graphBaseUri");
      return this;
    }

    /**
     * The resumable upload host (default {@code https://rupload.facebook.com}).
     *
     * @param uri the resumable upload host
     * @return this builder
     */
    public Builder ruploadBaseUri(URI uri) {
      this.ruploadBase = httpUri(uri, "ruploadBaseUri");
      return this;
    }

    /**
     * The Graph API version, pinned (default {@code v25.0}, the latest in the reference).
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
     * Container status polls: the wait between polls and how many polls before the run gives up
     * with {@code RetryLater} (the next attempt polls the same container). Defaults 10 s and 30,
     * Meta's "up to five minutes".
     *
     * @param interval the wait between polls, positive
     * @param maxPolls the largest number of polls per run, 1 or more
     * @return this builder
     */
    public Builder containerPolling(Duration interval, int maxPolls) {
      this.pollInterval = positive(interval, "interval");
      this.maxPolls = atLeast(maxPolls, 1, "maxPolls");
      return this;
    }

    /**
     * How many container sets one run may create when they expire or fail (default 2).
     *
     * @param sets the largest number of container sets, 1 or more
     * @return this builder
     */
    public Builder maxContainerSets(int sets) {
      this.maxContainerSets = atLeast(sets, 1, "maxContainerSets");
      return this;
    }

    /**
     * How many {@code media_publish} calls one run may make for one container (default 3).
     *
     * @param attempts the largest number of calls, 1 or more
     * @return this builder
     */
    public Builder maxPublishAttempts(int attempts) {
      this.maxPublishAttempts = atLeast(attempts, 1, "maxPublishAttempts");
      return this;
    }

    /**
     * The pause before retrying {@code media_publish} after 24/2207008 (default 30 s).
     *
     * @param delay the pause, zero or more
     * @return this builder
     */
    public Builder builderRetryDelay(Duration delay) {
      this.builderRetryDelay = positive(delay, "builderRetryDelay");
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
     * How long a used-up publishing quota defers a post before it is checked again (default 1 h).
     * The rolling 24 h window frees a slot when the oldest post in it ages out, which the API does
     * not report.
     *
     * @param interval the interval, positive
     * @return this builder
     */
    public Builder quotaRetryInterval(Duration interval) {
      this.quotaRetryInterval = positive(interval, "quotaRetryInterval");
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
     * Whether {@code content_publishing_limit} is read before each publish (default true).
     *
     * @param check whether to read the publishing limit first
     * @return this builder
     */
    public Builder checkPublishingLimit(boolean check) {
      this.checkPublishingLimit = check;
      return this;
    }

    /**
     * Builds the publisher and logs its configuration at INFO.
     *
     * @return the publisher for platform {@code instagram}
     * @throws NullPointerException if no token store was set
     */
    public InstagramPublisher build() {
      PublisherSettings common = publisherSettings();
      InstagramPublisher publisher = new InstagramPublisher(this, common);
      log.info(
          "instagram publisher ({}) for {}/{}: rupload={}, requestTimeout={}, uploadTimeout={},"
              + " containerPolling={} x{}, maxContainerSets={}, maxPublishAttempts={},"
              + " retryDelay={}, rateLimitFallback={}, quotaRetryInterval={}, checkLimit={}",
          flavour,
          graphBase,
          graphVersion,
          ruploadBase,
          common.requestTimeout(),
          common.uploadTimeout(),
          pollInterval,
          maxPolls,
          maxContainerSets,
          maxPublishAttempts,
          common.retryDelay(),
          rateLimitFallback,
          quotaRetryInterval,
          checkPublishingLimit);
      return publisher;
    }

    private static URI httpUri(URI uri, String name) {
      notNull(uri, name);
      String scheme = String.valueOf(uri.getScheme());
      if (!scheme.equalsIgnoreCase("https") && !scheme.equalsIgnoreCase("http")) {
        throw new IllegalArgumentException(name + " must be an http(s) URI, was " + uri);
      }
      return uri;
    }
  }
}
