package dev.herald.platforms.pixelfed;

import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.PublisherBuilder;
import dev.herald.platforms.internal.Instances;
import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.StatusLookup;
import dev.herald.platforms.internal.http.PublisherSettings;
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
 * Publishes posts to any number of Pixelfed instances: uploads {@code file:} media to {@code /api/v2/media}
 * (or {@code /api/v1/media}, see {@link Builder#mediaUpload}) and posts the status. Pixelfed
 * follows Mastodon's API with differences (taken from Pixelfed's source), which shape this
 * adapter:
 *
 * <ul>
 *   <li><b>No deduplication.</b> The request's key is sent as {@code Idempotency-Key}, but Pixelfed
 *       answers a repeat within the hour with 400 "Duplicate idempotency key.", not with the first
 *       status, and stores the key <i>before</i> attempting the post, so a request that then failed
 *       has consumed it too. The key is therefore a fuse, not a replay: a second send of the same
 *       publication inside the hour can never post twice, and its 400 is {@link
 *       PublishResult.Unknown} (an earlier attempt got far enough to consume the key, and whether
 *       it published cannot be told from here: check the account before posting again). It is never
 *       {@code Published} (there is no status to return) and never {@code Rejected}, which would
 *       invite a re-post. {@link #capabilities()} reports an idempotency window of {@link
 *       Duration#ZERO} so that the scheduler does not count on replays.
 *   <li><b>Auth failures are HTTP 500.</b> {@code {"error":"Unauthenticated."}} is {@link
 *       PublishResult.AuthExpired} whatever the status, as is 401 and a redirect to {@code /login};
 *       tokens expire (365 days by default) and can be refreshed with {@link
 *       PixelfedTokenRefresher}. Credentials whose stored expiry has passed give {@code
 *       AuthExpired} without a call.
 *   <li><b>Media is required</b> unless the post is a reply (option {@code in_reply_to_id}), and
 *       uploads are usable at once (no processing wait).
 * </ul>
 *
 * <p>The full classification is in {@code PixelfedErrors}: 429 is {@code RateLimited} (one hour
 * without headers: Pixelfed's caps are daily), other 5xx {@code RetryLater}, validation and other
 * 4xx {@code Rejected}; a transport failure of the status call after sending is {@code Unknown}.
 *
 * <p><b>Instances.</b> One publisher serves every instance: the {@link Target} of a {@link
 * PublishRequest} names the instance ({@code Target.of("pixelfed", "pixelfed.social", "alice")}),
 * reached at {@code https://<instance>} unless {@link Builder#instanceUris} says otherwise; its
 * credentials are those the token store holds for that target. A target without an instance goes
 * to the default instance of {@link #builder(URI)}.
 *
 * <p><b>Limits.</b> Each instance has its own limits, cached per instance. {@link
 * #capabilities(Target)} and {@link #validate(Post, Target)} never touch the network: they use the
 * limits last read from the instance's {@code GET /api/v2/instance}, or {@code GET
 * /api/v1/instance} on an instance without it ({@link PixelfedLimits#DEFAULTS} until then). v2
 * shows the admin's overrides, which Pixelfed enforces; v1 shows the {@code .env} album size and
 * types whatever the admin set, and v2 may show old values for 30 minutes after a change. When the
 * instance's validation refuses a caption or album that met the read limits, the result is {@code
 * Rejected} with code {@code text_too_long} or {@code too_many_media}, and the smaller limit from
 * the error is used for that instance until its limits are read again (not with pinned limits). {@link #publish} reads an instance when its cached limits are older than the
 * configured time to live; {@link #refreshLimits(Target)} does it on demand. The target-less forms
 * use the default instance, or the pinned or default limits without one.
 *
 * <p><b>Post mapping.</b> The text, followed by the post's link if it has one, is the caption; the
 * options {@code visibility} ({@code public}, {@code unlisted}, {@code private}), {@code
 * spoiler_text}, {@code in_reply_to_id} and {@code place_id} are passed through; the boolean
 * options {@code sensitive} and {@code comments_disabled} ({@code true}/{@code false}, {@code
 * 1}/{@code 0}, {@code yes}/{@code no}, {@code on}/{@code off}) are sent as {@code 1} or {@code 0},
 * the only strings Laravel's {@code boolean} rule accepts; a post with a {@code spoiler_text} is
 * sent with {@code sensitive=1}, without which Pixelfed drops the content warning; {@code scheduled_at} is refused (Pixelfed would post at
 * once); other options are ignored. Media must be {@code file:} URIs.
 *
 * <p>This class is threadsafe; build it with {@link #builder()} or {@link #builder(URI)}.
 */
public final class PixelfedPublisher implements PlatformPublisher {

  /** The platform id. */
  public static final String PLATFORM = "pixelfed";

  private static final Logger log = Loggers.platform(PLATFORM);

  /**
   * Which media upload endpoint to use. Both give an id that a status can use at once. Constants
   * are immutable and threadsafe.
   */
  public enum MediaUpload {
    /** {@code POST /api/v1/media}: answers 200 once the file is stored. */
    V1("/api/v1/media"),
    /** {@code POST /api/v2/media}: answers 202 with {@code url: null}; the default. */
    V2("/api/v2/media");

    private final String path;

    MediaUpload(String path) {
      this.path = path;
    }

    /**
     * The endpoint's path.
     *
     * @return the path, relative to the instance, such as {@code /api/v2/media}
     */
    public String path() {
      return path;
    }
  }

  private final TokenStore tokens;
  private final InstantSource clock;
  private final Duration retryDelay;
  private final Duration statusSettle;
  private final Instances<PixelfedApi, PixelfedLimits> servers;
  private final URI defaultInstance;
  private final boolean pinned;
  private final PixelfedEnforcedLimits enforced = new PixelfedEnforcedLimits();

  private PixelfedPublisher(Builder b, PublisherSettings common) {
    this.tokens = common.tokens();
    this.clock = common.clock();
    this.retryDelay = common.retryDelay();
    this.statusSettle = b.statusSettle;
    this.defaultInstance = b.instance;
    this.pinned = b.limits != null;
    this.servers = new Instances<>(
        new Instances.Settings<>(PLATFORM, b.instance, b.instanceUris, clock, b.limitsTtl,
            b.limits, PixelfedLimits.DEFAULTS),
        uri -> new PixelfedApi(uri, common.transport(PLATFORM), common.uploadTimeout(),
            b.mediaUpload),
        enforced::read);
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
   * is at {@code instance}, e.g. {@code https://pixelfed.social}.
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

  /**
   * The capabilities from the default instance's cached limits, for a post that is not a reply; no
   * network call. The idempotency window is {@link Duration#ZERO}: see the class documentation.
   */
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
  public PixelfedLimits limits() {
    PixelfedLimits limits = servers.limits();
    return defaultInstance == null ? limits : enforced.apply(defaultInstance, limits);
  }

  /**
   * The limits in use on {@code target}'s instance: as last read, else the pinned or default ones.
   * No network call.
   *
   * @param target a target on this platform
   * @return the limits a post to the target is validated against
   * @throws IllegalArgumentException if the target is on another platform
   */
  public PixelfedLimits limits(Target target) {
    PixelfedLimits limits = servers.limits(target);
    return servers.of(target).map(s -> enforced.apply(s.uri(), limits)).orElse(limits);
  }

  /**
   * Reads the default instance's limits from {@code GET /api/v1/instance} now and caches them.
   *
   * @return the limits now in use
   * @throws IllegalStateException if the instance did not answer usably (the cached limits are
   *     kept), or the publisher has no default instance
   */
  public PixelfedLimits refreshLimits() {
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
  public PixelfedLimits refreshLimits(Target target) {
    return servers.require(target).limits().refresh();
  }

  /**
   * Every violation of the default instance's cached limits and of Pixelfed's own rules; no network
   * call.
   */
  @Override
  public List<PostViolation> validate(Post post) {
    return PixelfedPosts.validate(post, limits());
  }

  /**
   * Every violation of the cached limits of the target's instance and of Pixelfed's own rules, and
   * a target without an instance when the publisher has no default; no network call.
   */
  @Override
  public List<PostViolation> validate(Post post, Target target) {
    List<PostViolation> noInstance = servers.instanceViolations(target);
    return noInstance.isEmpty() ? PixelfedPosts.validate(post, limits(target)) : noInstance;
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    notNull(request, "request");
    Optional<Instances.Server<PixelfedApi, PixelfedLimits>> server = servers.of(request.target());
    if (server.isEmpty()) {
      return PublishResult.rejected("no_instance", servers.noInstance(request.target()));
    }
    Optional<Credentials> credentials = tokens.get(request.target());
    if (credentials.isEmpty()) {
      return PublishResult.authExpired("no pixelfed credentials stored for " + request.target());
    }
    Instant now = clock.instant();
    if (credentials.get().isExpiredAt(now)) {
      return PublishResult.authExpired(
          "the pixelfed token of "
              + request.target()
              + " expired at "
              + credentials.get().expiresAt().orElseThrow()
              + "; refresh it or authorise again");
    }
    URI uri = server.get().uri();
    PixelfedLimits current = enforced.apply(uri, server.get().limits().current());
    List<PostViolation> violations = PixelfedPosts.validate(request.post(), current);
    if (!violations.isEmpty()) {
      return PublishResult.rejected(
          "invalid_post", new PostValidationException(violations).getMessage());
    }
    PublishResult result =
        new PixelfedPublication(server.get().api(), clock, retryDelay, current,
                credentials.get().accessToken(), learned -> learn(uri, learned))
            .run(request);
    server.get().record(request.account(), result);
    log.debug(
        "pixelfed {} key '{}': {}",
        request.target(),
        request.idempotencyKey(),
        result);
    return result;
  }

  /**
   * Looks the post up among the account's recent statuses with the target's token: {@code Found}
   * with the status, {@code NotFound} when none appears {@link Builder#statusSettle} after the
   * attempt, {@code Pending} before then or while reads fail for a reason that may pass, {@code
   * Undetermined} for replies (Pixelfed never lists them), reads refused for good, and targets
   * without an instance or credentials. See {@code PixelfedReconciliation} for the sources.
   */
  @Override
  public Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    notNull(request, "request");
    notNull(firstSentAt, "firstSentAt");
    Optional<Instances.Server<PixelfedApi, PixelfedLimits>> server = servers.of(request.target());
    if (server.isEmpty()) {
      return Reconciliation.undetermined(servers.noInstance(request.target()));
    }
    Optional<Credentials> credentials = tokens.get(request.target());
    if (credentials.isEmpty()) {
      return Reconciliation.undetermined(
          "no pixelfed credentials stored for " + request.target() + " to read its statuses with");
    }
    Reconciliation answer = PixelfedReconciliation.reconcile(server.get().api(),
        credentials.get().accessToken(),
        new StatusLookup.Settings(PLATFORM, statusSettle, retryDelay, clock), request,
        firstSentAt);
    log.debug("pixelfed {} key '{}' first sent at {}: {}", request.target(),
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

  private void learn(URI instance, PixelfedLimits learned) {
    if (!pinned) {
      enforced.learn(instance, learned);
      log.info("pixelfed {}: the instance enforces smaller limits than it reported: captions of"
          + " at most {} characters, albums of at most {}, until its limits are read again",
          instance, learned.maxCharacters(), learned.maxMediaAttachments());
    }
  }

  @Override
  public String toString() {
    return "PixelfedPublisher[" + servers + "]";
  }


  /**
   * Builds a {@link PixelfedPublisher}. The shared settings are those of {@link PublisherBuilder}
   * (Pixelfed's flow never waits, so there is no sleeper); here the upload timeout (of media
   * uploads) defaults to 5 min and the retry delay to 30 s, and the clock times token expiry,
   * rate-limit deadlines and the limits' time to live. Keep the retry delay well under an hour: a
   * retry inside the hour the Idempotency-Key lives cannot post twice. Not threadsafe.
   */
  public static final class Builder extends PublisherBuilder<Builder> {
    private final URI instance;
    private Function<String, URI> instanceUris = Instances::https;
    private Duration limitsTtl = Duration.ofHours(24);
    private PixelfedLimits limits;
    private MediaUpload mediaUpload = MediaUpload.V2;
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
     * @param uris the base URI of an instance name such as {@code pixelfed.social}; must return an
     *     http(s) URI with a host
     * @return this builder
     */
    public Builder instanceUris(Function<String, URI> uris) {
      this.instanceUris = notNull(uris, "instanceUris");
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
     * Uses {@code limits} on every instance and never asks an instance.
     *
     * @param limits the limits to use
     * @return this builder
     */
    public Builder limits(PixelfedLimits limits) {
      this.limits = notNull(limits, "limits");
      return this;
    }

    /**
     * How long after a publish with an unknown outcome a status missing from the account's statuses
     * counts as not created, so that {@link PixelfedPublisher#reconcile} answers {@code NotFound}
     * and the post is sent once more (default 2 min; Pixelfed creates the status within the
     * request). Before then the answer is {@code Pending}.
     *
     * @param settle the time, positive
     * @return this builder
     */
    public Builder statusSettle(Duration settle) {
      this.statusSettle = positive(settle, "statusSettle");
      return this;
    }

    /**
     * The upload endpoint (default {@link MediaUpload#V2}).
     *
     * @param endpoint the upload endpoint
     * @return this builder
     */
    public Builder mediaUpload(MediaUpload endpoint) {
      this.mediaUpload = notNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Builds the publisher and logs its configuration at INFO.
     *
     * @return the publisher for platform {@code pixelfed}
     * @throws NullPointerException if no token store was set
     */
    public PixelfedPublisher build() {
      PublisherSettings common = publisherSettings();
      PixelfedPublisher publisher = new PixelfedPublisher(this, common);
      log.info(
          "pixelfed publisher for {}: requestTimeout={}, uploadTimeout={}, mediaUpload={},"
              + " retryDelay={}, limits={}",
          instance == null ? "any instance" : instance + " and any instance",
          common.requestTimeout(),
          common.uploadTimeout(),
          mediaUpload.path(),
          common.retryDelay(),
          limits != null ? "pinned" : "from instance, ttl " + limitsTtl);
      return publisher;
    }
  }
}
