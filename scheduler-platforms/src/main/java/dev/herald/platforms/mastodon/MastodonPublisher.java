package dev.herald.platforms.mastodon;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.PublisherBuilder;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.Instances;
import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.PublisherSettings;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostValidationException;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Publishes statuses to any number of Mastodon instances: uploads {@code file:} media to {@code
 * /api/v2/media}, waits for processing, and posts the status with {@code Idempotency-Key} set to
 * the request's key, so a retry within the hour returns the first status instead of posting twice.
 *
 * <p><b>Instances, accounts and tokens.</b> One publisher serves every instance: the {@link
 * Target} of a {@link PublishRequest} names the instance ({@code Target.of("mastodon",
 * "mastodon.social", "alice")}), which is reached at {@code https://<instance>} unless {@link
 * Builder#instanceUris} says otherwise, and its credentials are those the {@link TokenStore} holds
 * for that target. A target without an instance goes to the default instance of {@link
 * #builder(URI)}. Mastodon tokens do not expire and cannot be refreshed; missing credentials or a
 * 401 give {@link PublishResult.AuthExpired}.
 *
 * <p><b>Limits.</b> Each instance has its own limits, cached per instance. {@link
 * #capabilities(Target)} and {@link #validate(Post, Target)} never touch the network: they use the
 * limits last read from the instance's {@code GET /api/v2/instance} ({@link
 * MastodonLimits#DEFAULTS} until then). {@link #publish} reads an instance when its cached limits are older than the
 * configured time to live, and {@link #refreshLimits(Target)} does it on demand (when an account is
 * connected, say). The target-less forms ({@link #capabilities()}, {@link #validate(Post)}, {@link
 * #limits()}) use the default instance, or the pinned or default limits without one.
 *
 * <p><b>Post mapping.</b> The text, followed by the post's link if it has one, is the status; the
 * options {@code visibility}, {@code spoiler_text} (counted toward the limit), {@code sensitive},
 * {@code language}, {@code in_reply_to_id} and {@code scheduled_at} (RFC 3339; the result is then
 * the ScheduledStatus id, without URL) are passed through ({@code language} must be a code
 * Mastodon supports); a poll ({@code poll[options][]}, one option per line, {@code
 * poll[expires_in]}, {@code poll[multiple]}, {@code poll[hide_totals]}) and per-attachment {@code
 * media[<i>].focus} and {@code media[<i>].thumbnail} are validated and sent; other options are
 * ignored. Media must be
 * {@code file:} URIs: Mastodon needs the bytes uploaded, and this adapter does not download {@code
 * https:} media on the host's behalf (that would make it an HTTP client for arbitrary URLs, with
 * the size and SSRF questions that brings), so {@link #validate} rejects them.
 *
 * <p>This class is threadsafe; build it with {@link #builder()} or {@link #builder(URI)}.
 */
public final class MastodonPublisher implements PlatformPublisher {

  /** The platform id. */
  public static final String PLATFORM = "mastodon";

  private static final Logger log = Loggers.platform(PLATFORM);

  private final TokenStore tokens;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final PollSettings polling;
  private final Duration retryDelay;
  private final Duration statusSettle;
  private final Instances<MastodonApi, MastodonLimits> servers;

  private MastodonPublisher(Builder b, PublisherSettings common) {
    this.tokens = common.tokens();
    this.clock = common.clock();
    this.sleeper = common.sleeper();
    this.polling =
        new PollSettings(b.pollInterval, b.maxPollInterval, b.maxPolls, b.maxStatusAttempts);
    this.retryDelay = common.retryDelay();
    this.statusSettle = b.statusSettle;
    this.servers = new Instances<>(
        new Instances.Settings<>(PLATFORM, b.instance, b.instanceUris, clock, b.limitsTtl,
            b.limits, MastodonLimits.DEFAULTS),
        uri -> new MastodonApi(uri, common.transport(PLATFORM), common.uploadTimeout()),
        MastodonPublisher::readLimits);
  }

  /**
   * A builder for a publisher of every instance, each reached at {@code https://<instance>} (see
   * {@link Builder#instanceUris}); targets must name their instance.
   *
   * @return a new builder; a token store must be set before {@code build()}
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * A builder for a publisher of every instance whose default instance, for targets that name none,
   * is at {@code instance}, e.g. {@code https://mastodon.social}.
   *
   * @param instance the default instance's base URI
   * @return a new builder; a token store must be set before {@code build()}
   * @throws IllegalArgumentException if {@code instance} is not an http(s) URI with a host
   */
  public static Builder builder(URI instance) {
    return new Builder(Instances.checkBaseUri(instance, "instance"));
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  /** The capabilities from the default instance's cached limits; no network call. */
  @Override
  public PlatformCapabilities capabilities() {
    return limits().capabilities();
  }

  /** The capabilities from the cached limits of the target's instance; no network call. */
  @Override
  public PlatformCapabilities capabilities(Target target) {
    return limits(target).capabilities();
  }

  /**
   * The limits in use on the default instance: as last read, else the pinned or default ones; the
   * pinned or default ones if the publisher has no default instance.
   *
   * @return the limits a post to a target without an instance is validated against
   */
  public MastodonLimits limits() {
    return servers.limits();
  }

  /**
   * The limits in use on {@code target}'s instance: as last read, else the pinned or default ones.
   * No network call.
   *
   * @param target a target on this platform
   * @return the limits a post to the target is validated against
   * @throws IllegalArgumentException if the target is on another platform
   */
  public MastodonLimits limits(Target target) {
    return servers.limits(target);
  }

  /**
   * Reads the default instance's limits from {@code GET /api/v2/instance} now and caches them. A
   * 404 (servers before 4.0) or an entity without {@code configuration} gives {@link
   * MastodonLimits#DEFAULTS}.
   *
   * @return the limits now in use
   * @throws IllegalStateException if the instance did not answer usably (the cached limits are
   *     kept), or the publisher has no default instance
   */
  public MastodonLimits refreshLimits() {
    return servers.refreshDefault();
  }

  /**
   * Reads the limits of {@code target}'s instance now and caches them, as {@link #refreshLimits()}.
   *
   * @param target a target on this platform that names an instance (or a publisher with a default)
   * @return the limits now in use on that instance
   * @throws IllegalStateException if the instance did not answer usably; the cached limits are kept
   * @throws IllegalArgumentException if the target is on another platform or has no instance
   */
  public MastodonLimits refreshLimits(Target target) {
    Instances.Server<MastodonApi, MastodonLimits> server = servers.require(target);
    tokens.get(target).ifPresent(c -> server.api().useAccountToken(c.accessToken()));
    return server.limits().refresh();
  }

  private static MastodonLimits readLimits(URI instance, MastodonApi api) {
    try {
      ApiResponse response = api.instance();
      MastodonLimits read;
      if (response.status() == 404) {
        read = MastodonLimits.DEFAULTS;
      } else if (response.isSuccessful()) {
        read = MastodonLimits.fromInstance(response.json());
      } else {
        throw unreadable(instance, "mastodon " + response + ": cannot read instance limits");
      }
      log.debug("mastodon {}: limits {}", instance, read);
      return read;
    } catch (TransportException | MalformedResponseException e) {
      throw unreadable(instance, "cannot read instance limits: " + e.getMessage());
    }
  }

  /**
   * Logs at WARN that {@code instance}'s limits could not be read, so that the cached or default
   * limits (500 characters until an instance answered) are never used silently.
   */
  private static IllegalStateException unreadable(URI instance, String why) {
    log.warn("mastodon {}: {}; validating against the limits last read, or Mastodon's defaults"
        + " (500 characters) if none were", instance, why);
    return new IllegalStateException(why);
  }


  /**
   * Every violation of the default instance's cached limits and of Mastodon's own rules; no network
   * call.
   */
  @Override
  public List<PostViolation> validate(Post post) {
    return MastodonPosts.validate(post, limits());
  }

  /**
   * Every violation of the cached limits of the target's instance and of Mastodon's own rules, and
   * a target without an instance when the publisher has no default; no network call.
   */
  @Override
  public List<PostViolation> validate(Post post, Target target) {
    List<PostViolation> noInstance = servers.instanceViolations(target);
    return noInstance.isEmpty() ? MastodonPosts.validate(post, limits(target)) : noInstance;
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    notNull(request, "request");
    Optional<Instances.Server<MastodonApi, MastodonLimits>> server = servers.of(request.target());
    if (server.isEmpty()) {
      return PublishResult.rejected("no_instance", servers.noInstance(request.target()));
    }
    Optional<Credentials> credentials = tokens.get(request.target());
    if (credentials.isEmpty()) {
      return PublishResult.authExpired(
          "no mastodon credentials stored for " + request.target());
    }
    server.get().api().useAccountToken(credentials.get().accessToken());
    List<PostViolation> violations =
        MastodonPosts.validate(request.post(), server.get().limits().current());
    if (!violations.isEmpty()) {
      return PublishResult.rejected(
          "invalid_post", new PostValidationException(violations).getMessage());
    }
    PublishResult result =
        new MastodonPublication(server.get().api(), clock, sleeper, polling, retryDelay,
                credentials.get().accessToken())
            .run(request, MastodonPosts.statusText(request.post()));
    server.get().record(request.account(), result);
    log.debug(
        "mastodon {} key '{}': {}",
        request.target(),
        request.idempotencyKey(),
        result);
    return result;
  }

  /**
   * Looks the post up among the account's recent statuses (and, for a {@code scheduled_at} post,
   * its scheduled statuses) with the target's token: {@code Found} with the status id (a scheduled
   * status's id, without URL, as {@link #publish} answers); {@code NotFound} when no status since
   * the attempt has its text and media {@link Builder#statusSettle} after it; {@code Pending}
   * before then or while reads fail for a reason that may pass; {@code Undetermined} for reads
   * refused for good, posts without text or alt text, and targets without an instance or
   * credentials. See {@code MastodonReconciliation} for the sources.
   */
  @Override
  public Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    notNull(request, "request");
    notNull(firstSentAt, "firstSentAt");
    Optional<Instances.Server<MastodonApi, MastodonLimits>> server = servers.of(request.target());
    if (server.isEmpty()) {
      return Reconciliation.undetermined(servers.noInstance(request.target()));
    }
    Optional<Credentials> credentials = tokens.get(request.target());
    if (credentials.isEmpty()) {
      return Reconciliation.undetermined(
          "no mastodon credentials stored for " + request.target() + " to read its statuses with");
    }
    Reconciliation answer = new MastodonReconciliation(server.get().api(),
        credentials.get().accessToken(), statusSettle, retryDelay, clock)
        .reconcile(request, firstSentAt);
    log.debug("mastodon {} key '{}' first sent at {}: {}", request.target(),
        request.idempotencyKey(), firstSentAt, answer);
    return answer;
  }

  /**
   * When {@code target} may publish again, if its last publish was rate limited until a later
   * time: remembered per instance and account, so that the other posts due for the account wait
   * without a call each. No network call.
   */
  @Override
  public Optional<Instant> quotaExhaustedUntil(Target target) {
    return servers.of(target).flatMap(s -> s.rateLimitedUntil(target.account(), clock.instant()));
  }

  @Override
  public String toString() {
    return "MastodonPublisher[" + servers + "]";
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
    private Function<String, URI> instanceUris = Instances::https;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration maxPollInterval = Duration.ofSeconds(5);
    private int maxPolls = 60;
    private int maxStatusAttempts = 3;
    private Duration limitsTtl = Duration.ofHours(24);
    private MastodonLimits limits;
    private Duration statusSettle = Duration.ofMinutes(2);

    private Builder(URI instance) {
      super(/* uploadTimeout= */ Duration.ofMinutes(5), /* retryDelay= */ Duration.ofSeconds(30));
      this.instance = instance;
    }

    /**
     * How an instance named by a target is reached: its base URI from its name (default {@code
     * https://<instance>}). Tests of loopback fakes map names to {@code http://} URIs; a host may
     * route an instance through a proxy. Called once per instance, on first use.
     *
     * @param uris the base URI of an instance name such as {@code mastodon.social}; must return an
     *     http(s) URI with a host
     * @return this builder
     */
    public Builder instanceUris(Function<String, URI> uris) {
      this.instanceUris = notNull(uris, "instanceUris");
      return this;
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
     * How long each instance's limits are cached before {@code publish} reads them again (default
     * 24 h).
     *
     * @param ttl how long limits are cached, positive
     * @return this builder
     */
    public Builder limitsTtl(Duration ttl) {
      this.limitsTtl = positive(ttl, "limitsTtl");
      return this;
    }

    /**
     * How long after a publish with an unknown outcome a status missing from the account's statuses
     * counts as not created, so that {@link MastodonPublisher#reconcile} answers {@code NotFound}
     * and the post is sent once more (default 2 min; Mastodon creates the status within the
     * request, so it is listed as soon as the request is done). Before then the answer is {@code
     * Pending}.
     *
     * @param settle the time, positive
     * @return this builder
     */
    public Builder statusSettle(Duration settle) {
      this.statusSettle = positive(settle, "statusSettle");
      return this;
    }

    /**
     * Uses {@code limits} on every instance and never asks an instance.
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
          instance == null ? "any instance" : instance + " and any instance",
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
