package dev.herald.platforms.mastodon;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.PublisherBuilder;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.InstanceLimits;
import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.PublisherSettings;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.token.Credentials;
import dev.herald.platforms.token.TokenStore;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostValidationException;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Publishes statuses to one Mastodon instance: uploads {@code file:} media to {@code
 * /api/v2/media}, waits for processing, and posts the status with {@code Idempotency-Key} set to
 * the request's key, so a retry within the hour returns the first status instead of posting twice.
 *
 * <p><b>Accounts and tokens.</b> The {@code account} of a {@link PublishRequest} names the
 * credentials in the {@link TokenStore} (platform {@value #PLATFORM}). Mastodon tokens do not
 * expire and cannot be refreshed; missing credentials or a 401 give {@link
 * PublishResult.AuthExpired}. A host publishing to several instances builds one publisher per
 * instance.
 *
 * <p><b>Limits.</b> {@link #capabilities()} and {@link #validate(Post)} never touch the network:
 * they use the limits last read from {@code GET /api/v2/instance} ({@link MastodonLimits#DEFAULTS}
 * until then). {@link #publish} reads the instance when its cached limits are older than the
 * configured time to live, and {@link #refreshLimits()} does it on demand (at start-up, say).
 *
 * <p><b>Post mapping.</b> The text, followed by the post's link if it has one, is the status; the
 * options {@code visibility}, {@code spoiler_text} (counted toward the limit), {@code sensitive},
 * {@code language}, {@code in_reply_to_id} and {@code scheduled_at} (RFC 3339; the result is then
 * the ScheduledStatus id, without URL) are passed through; other options are ignored. Media must be
 * {@code file:} URIs: Mastodon needs the bytes uploaded, and this adapter does not download {@code
 * https:} media on the host's behalf (that would make it an HTTP client for arbitrary URLs, with
 * the size and SSRF questions that brings), so {@link #validate} rejects them.
 *
 * <p>This class is threadsafe; build it with {@link #builder(URI)}.
 */
public final class MastodonPublisher implements PlatformPublisher {

  /** The platform id. */
  public static final String PLATFORM = "mastodon";

  private static final Logger log = Loggers.platform(PLATFORM);

  private final URI instance;
  private final TokenStore tokens;
  private final MastodonApi api;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final PollSettings polling;
  private final Duration retryDelay;
  private final InstanceLimits<MastodonLimits> limits;

  private MastodonPublisher(Builder b, PublisherSettings common) {
    this.instance = b.instance;
    this.tokens = common.tokens();
    this.api = new MastodonApi(instance, common.transport(PLATFORM), common.uploadTimeout());
    this.clock = common.clock();
    this.sleeper = common.sleeper();
    this.polling =
        new PollSettings(b.pollInterval, b.maxPollInterval, b.maxPolls, b.maxStatusAttempts);
    this.retryDelay = common.retryDelay();
    this.limits = new InstanceLimits<>(PLATFORM, instance, this::readLimits, clock, b.limitsTtl,
        b.limits, MastodonLimits.DEFAULTS);
  }

  /**
   * A builder for the instance at {@code instance}, e.g. {@code https://mastodon.social}.
   *
   * @param instance the instance's base URI
   * @return a new builder; a token store must be set before {@code build()}
   */
  public static Builder builder(URI instance) {
    return new Builder(instance);
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  /** The capabilities from the cached limits; no network call. */
  @Override
  public PlatformCapabilities capabilities() {
    return limits().capabilities();
  }

  /**
   * The limits in use: the instance's as last read, else the pinned or default ones.
   *
   * @return the limits a post is validated against
   */
  public MastodonLimits limits() {
    return limits.get();
  }

  /**
   * Reads the limits from {@code GET /api/v2/instance} now and caches them. A 404 (servers before
   * 4.0) or an entity without {@code configuration} gives {@link MastodonLimits#DEFAULTS}.
   *
   * @return the limits now in use
   * @throws IllegalStateException if the instance did not answer usably; the cached limits are kept
   */
  public MastodonLimits refreshLimits() {
    return limits.refresh();
  }

  private MastodonLimits readLimits() {
    try {
      ApiResponse response = api.instance();
      MastodonLimits read;
      if (response.status() == 404) {
        read = MastodonLimits.DEFAULTS;
      } else if (response.isSuccessful()) {
        read = MastodonLimits.fromInstance(response.json());
      } else {
        throw new IllegalStateException("mastodon " + response + ": cannot read instance limits");
      }
      log.debug("mastodon {}: limits {}", instance, read);
      return read;
    } catch (TransportException | MalformedResponseException e) {
      throw new IllegalStateException("cannot read instance limits: " + e.getMessage(), e);
    }
  }


  /** Every violation of the cached limits and of Mastodon's own rules; no network call. */
  @Override
  public List<PostViolation> validate(Post post) {
    return MastodonPosts.validate(post, limits());
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    notNull(request, "request");
    Optional<Credentials> credentials = tokens.get(PLATFORM, request.account());
    if (credentials.isEmpty()) {
      return PublishResult.authExpired(
          "no mastodon credentials stored for account '" + request.account() + "'");
    }
    List<PostViolation> violations = MastodonPosts.validate(request.post(), currentLimits());
    if (!violations.isEmpty()) {
      return PublishResult.rejected(
          "invalid_post", new PostValidationException(violations).getMessage());
    }
    PublishResult result =
        new MastodonPublication(
                api, clock, sleeper, polling, retryDelay, credentials.get().accessToken())
            .run(request, MastodonPosts.statusText(request.post()));
    log.debug(
        "mastodon {} account '{}' key '{}': {}",
        instance,
        request.account(),
        request.idempotencyKey(),
        result);
    return result;
  }

  @Override
  public String toString() {
    return "MastodonPublisher[" + instance + "]";
  }

  private MastodonLimits currentLimits() {
    return limits.current();
  }


  /** How media processing is awaited and how often a not-ready status is retried. */
  record PollSettings(
      Duration interval, Duration maxInterval, int maxPolls, int maxStatusAttempts) {
    /** The wait before poll {@code n} (1-based): the interval doubling up to the maximum. */
    Duration waitBefore(int n) {
      Duration wait = interval.multipliedBy(1L << Math.min(n - 1, 20));
      return wait.compareTo(maxInterval) > 0 ? maxInterval : wait;
    }
  }

  /**
   * Builds a {@link MastodonPublisher}. The shared settings are those of {@link PublisherBuilder};
   * here the upload timeout (of media uploads) defaults to 5 min and the retry delay to 30 s, and
   * the clock times rate-limit deadlines and the limits' time to live. Not threadsafe.
   */
  public static final class Builder extends PublisherBuilder<Builder> {
    private final URI instance;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration maxPollInterval = Duration.ofSeconds(5);
    private int maxPolls = 60;
    private int maxStatusAttempts = 3;
    private Duration limitsTtl = Duration.ofHours(24);
    private MastodonLimits limits;

    private Builder(URI instance) {
      super(/* uploadTimeout= */ Duration.ofMinutes(5), /* retryDelay= */ Duration.ofSeconds(30));
      notNull(instance, "instance");
      if (!"https".equalsIgnoreCase(instance.getScheme())
          && !"http".equalsIgnoreCase(instance.getScheme())) {
        throw new IllegalArgumentException("instance must be an http(s) URI, was " + instance);
      }
      this.instance = instance;
    }

    @Override
    public Builder sleeper(Sleeper sleeper) {
      return super.sleeper(sleeper);
    }

    /**
     * Media processing polls: the first wait, doubling up to {@code maxInterval}, and at most
     * {@code maxPolls} polls before the status is tried anyway (defaults 1 s, 5 s, 60).
     *
     * @param interval the first wait, positive
     * @param maxInterval the longest wait, not shorter than {@code interval}
     * @param maxPolls the largest number of polls, 1 or more
     * @return this builder
     */
    public Builder mediaPolling(Duration interval, Duration maxInterval, int maxPolls) {
      this.pollInterval = positive(interval, "interval");
      this.maxPollInterval = positive(maxInterval, "maxInterval");
      this.maxPolls = atLeast(maxPolls, 1, "maxPolls");
      if (maxInterval.compareTo(interval) < 0) {
        throw new IllegalArgumentException(
            "maxInterval must be at least interval, were " + maxInterval + " < " + interval);
      }
      return this;
    }

    /**
     * How many times the status is sent, with the same key, while the server answers that its media
     * has not finished processing (default 3); then the result is {@code RetryLater}.
     *
     * @param attempts the largest number of sends, 1 or more
     * @return this builder
     */
    public Builder maxStatusAttempts(int attempts) {
      this.maxStatusAttempts = atLeast(attempts, 1, "maxStatusAttempts");
      return this;
    }

    /**
     * How long instance limits are cached before {@code publish} reads them again (default 24 h).
     *
     * @param ttl how long limits are cached, positive
     * @return this builder
     */
    public Builder limitsTtl(Duration ttl) {
      this.limitsTtl = positive(ttl, "limitsTtl");
      return this;
    }

    /**
     * Uses {@code limits} and never asks the instance.
     *
     * @param limits the limits to use
     * @return this builder
     */
    public Builder limits(MastodonLimits limits) {
      this.limits = notNull(limits, "limits");
      return this;
    }

    /**
     * Builds the publisher and logs its configuration at INFO.
     *
     * @return the publisher for platform {@code mastodon}
     * @throws NullPointerException if no token store was set
     */
    public MastodonPublisher build() {
      PublisherSettings common = publisherSettings();
      MastodonPublisher publisher = new MastodonPublisher(this, common);
      log.info(
          "mastodon publisher for {}: requestTimeout={}, uploadTimeout={}, mediaPolling={}..{} x{},"
              + " maxStatusAttempts={}, retryDelay={}, limits={}",
          instance,
          common.requestTimeout(),
          common.uploadTimeout(),
          pollInterval,
          maxPollInterval,
          maxPolls,
          maxStatusAttempts,
          common.retryDelay(),
          limits != null ? "pinned" : "from instance, ttl " + limitsTtl);
      return publisher;
    }
  }
}
