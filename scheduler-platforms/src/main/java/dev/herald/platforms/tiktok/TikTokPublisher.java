package dev.herald.platforms.tiktok;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.PublisherBuilder;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.http.PublisherSettings;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostValidationException;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishProgress;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TextLength;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Publishes to TikTok through the Content Posting API's Direct Post flow: creator_info, init,
 * chunked upload or pull, status polling.
 *
 * <p><b>Posts.</b> TikTok has no text-only posts: a post is one video or 1 to {@value
 * TikTokLimits#MAX_PHOTOS} photos, and {@link #validate(Post)} refuses anything else.
 *
 * <ul>
 *   <li>A video with a {@code file:} source is uploaded (FILE_UPLOAD, in chunks of {@link
 *       Builder#chunkSize}); with an {@code https:} source TikTok pulls it (PULL_FROM_URL; the
 *       domain must be verified for the app). Its caption is the text (then the link, if any), at
 *       most {@value TikTokLimits#VIDEO_TITLE_MAX} UTF-16 units.
 *   <li>Photos are always pulled from {@code https:} URLs (JPEG or WebP). The post's title is the
 *       photo title (at most {@value TikTokLimits#PHOTO_TITLE_MAX}), the text the description (at
 *       most {@value TikTokLimits#PHOTO_DESCRIPTION_MAX}).
 *   <li>Options, named as in TikTok's API: {@code privacy_level} (required for direct posts, and it
 *       must be one the creator offers: TikTok's guidelines forbid a preselected default), {@code
 *       disable_comment}, {@code disable_duet}, {@code disable_stitch}, {@code
 *       video_cover_timestamp_ms}, {@code brand_content_toggle}, {@code brand_organic_toggle},
 *       {@code is_aigc}, {@code auto_add_music}, {@code photo_cover_index}, and {@code
 *       post_mode=MEDIA_UPLOAD} to send the post to the creator's inbox as a draft instead.
 * </ul>
 *
 * <p><b>Creator info.</b> Every direct post first reads creator_info: a privacy level the creator
 * does not offer, or a local MP4/QuickTime video longer than {@code max_video_post_duration_sec},
 * is rejected before anything is sent; interactions the creator turned off are sent as disabled.
 *
 * <p><b>Results.</b> The remote id is the post id ({@code publicaly_available_post_id}, exact) with
 * the video URL {@code https://www.tiktok.com/@{username}/video/{id}}; when TikTok reports no post
 * id (a {@code SELF_ONLY} post, one still in moderation, an inbox draft) it is the {@code
 * publish_id}, without URL. TikTok has no idempotency key: an outcome that cannot be settled is
 * {@code Unknown} and its reason names the publish id. A server error (5xx) answering a
 * PULL_FROM_URL or photo init is {@code Unknown} too: TikTok may have started fetching the media,
 * and there is no publish id to check.
 *
 * <p><b>Reconciling.</b> The publish id is recorded in the request's {@link PublishProgress} (as
 * {@value #PUBLISH_ID}) as soon as an init answers it, before the upload or the first status poll,
 * so {@link #reconcile} can read the publish's status later, from any node, even after the run
 * died: see {@link TikTokReconciliation} for each answer. Without a recorded id it answers {@code
 * Undetermined}: TikTok cannot be searched for a post. {@link #checkStatus} reads a status for a
 * host that kept the id itself.
 *
 * <p><b>Tokens.</b> The {@code account} of a request is the creator's {@code open_id}, whose
 * credentials the {@link TokenStore} holds under {@value #PLATFORM}; keep them fresh with a {@link
 * TikTokTokenRefresher} run by a recurring {@link dev.herald.platforms.token.TokenRefreshJob}. This
 * publisher only reads the store: missing or expired credentials, {@code access_token_invalid},
 * or a scope the user did not grant ({@code scope_not_authorized}) give {@code AuthExpired}.
 *
 * <p>This class is threadsafe; build it with {@link #builder()}.
 */
public final class TikTokPublisher implements PlatformPublisher {

  /** The platform id. */
  public static final String PLATFORM = "tiktok";

  /** TikTok's API host. */
  public static final URI DEFAULT_API_BASE = URI.create("https://open.tiktokapis.com");

  /** The name under which {@link #publish} records TikTok's {@code publish_id} in the progress. */
  static final String PUBLISH_ID = "tiktok.publish_id";

  private static final Logger log = Loggers.platform(PLATFORM);

  private static final PlatformCapabilities CAPABILITIES =
      PlatformCapabilities.builder(PLATFORM)
          .maxTextLength(TikTokLimits.PHOTO_DESCRIPTION_MAX, TextLength.utf16Units())
          .media(1, TikTokLimits.MAX_PHOTOS, MediaKind.IMAGE, MediaKind.VIDEO)
          .mimeTypes("image/jpeg", "image/webp", "video/mp4", "video/quicktime", "video/webm")
          .allowsMixedMedia(false)
          .publishBudget(TikTokLimits.POSTS_PER_DAY, Duration.ofHours(24))
          .build();

  private final URI apiBase;
  private final TokenStore tokens;
  private final TikTokApi api;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final TikTokSettings settings;

  private TikTokPublisher(Builder b, PublisherSettings common) {
    this.apiBase = b.apiBase;
    this.tokens = common.tokens();
    this.api = new TikTokApi(apiBase, common.transport(PLATFORM), common.uploadTimeout());
    this.clock = common.clock();
    this.sleeper = common.sleeper();
    this.settings =
        new TikTokSettings(
            b.chunkSize,
            b.pollInterval,
            b.maxPollInterval,
            b.maxPolls,
            b.postIdPolls,
            common.retryDelay(),
            b.cancelStalledPulls);
  }

  /**
   * A builder for TikTok's API at {@link #DEFAULT_API_BASE}.
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
   * 1 video or 1 to 35 photos, JPEG/WebP/MP4/QuickTime/WebM, text counted in UTF-16 units up to the
   * photo description's 4,000 (a video caption allows 2,200: {@link #validate} checks per kind); no
   * idempotency window.
   */
  @Override
  public PlatformCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** Every violation of TikTok's rules (per post kind and option); no network call. */
  @Override
  public List<PostViolation> validate(Post post) {
    return TikTokPosts.validate(notNull(post, "post"));
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    notNull(request, "request");
    List<PostViolation> violations = validate(request.post());
    if (!violations.isEmpty()) {
      return PublishResult.rejected(
          "invalid_post", new PostValidationException(violations).getMessage());
    }
    Optional<TikTokRun> run = run(request.account(), request.progress());
    if (run.isEmpty()) {
      return expired(request.account());
    }
    PublishResult result = new TikTokPublication(run.get()).run(request.post());
    log.debug(
        "tiktok account '{}' key '{}': {}", request.account(), request.idempotencyKey(), result);
    return result;
  }

  /**
   * Asks TikTok for the status of the publish this attempt started, by the {@code publish_id}
   * {@link #publish} recorded in {@code request.progress()}: see {@link TikTokReconciliation}.
   * {@code Undetermined} without a recorded id (TikTok cannot be searched for a post) or without
   * usable credentials.
   */
  @Override
  public Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    notNull(request, "request");
    notNull(firstSentAt, "firstSentAt");
    Optional<String> publishId = request.progress().get(PUBLISH_ID);
    Optional<TikTokRun> run = run(request.account(), PublishProgress.inMemory());
    Reconciliation answer =
        publishId.isEmpty()
            ? TikTokReconciliation.withoutPublishId(firstSentAt)
            : run.isEmpty()
                ? Reconciliation.undetermined(TikTokErrors.reasonOf(expired(request.account()))
                    + "; the status of publish_id " + publishId.get() + " cannot be read")
                : new TikTokReconciliation(run.get()).reconcile(request.post(), publishId.get());
    log.debug("tiktok account '{}' key '{}' publish_id {}: {}", request.account(),
        request.idempotencyKey(), publishId.orElse("none"), answer);
    return answer;
  }

  /**
   * Reads what TikTok says about {@code account}'s creator now.
   *
   * @param account the TikTok account, as stored in the token store
   * @return the creator's current settings
   * @throws IllegalStateException if there are no usable credentials or TikTok did not answer
   *     usably; the message says why and never contains a token
   */
  public TikTokCreatorInfo creatorInfo(String account) {
    TikTokRun run =
        run(notBlank(account, "account"), PublishProgress.inMemory())
            .orElseThrow(() -> new IllegalStateException(TikTokErrors.reasonOf(expired(account))));
    try {
      return new TikTokPublication(run).creatorInfo();
    } catch (TikTokStop stop) {
      throw new IllegalStateException(TikTokErrors.reasonOf(stop.result));
    }
  }

  /**
   * Reads the status of a publish once, to settle an {@code Unknown} result whose reason named
   * {@code publishId}, for a host that calls {@link #publish} itself (Herald's publishing job
   * uses {@link #reconcile}): {@code Published} (with the post id if TikTok reports one, without URL),
   * {@code RetryLater}/{@code Rejected}/{@code RateLimited}/{@code AuthExpired} for a failed
   * publish (by {@code fail_reason}), {@code Unknown} while it is still processing or unreadable.
   *
   * @param account the TikTok account, as stored in the token store
   * @param publishId the publish id the {@code Unknown} result named
   * @return the publish's outcome as TikTok reports it now
   */
  public PublishResult checkStatus(String account, String publishId) {
    notBlank(publishId, "publishId");
    Optional<TikTokRun> run = run(notBlank(account, "account"), PublishProgress.inMemory());
    if (run.isEmpty()) {
      return expired(account);
    }
    return new TikTokPolling(run.get())
        .check(new TikTokPolling.Started(publishId, false, false, null, null));
  }

  @Override
  public String toString() {
    return "TikTokPublisher[" + apiBase + "]";
  }

  private Optional<TikTokRun> run(String account, PublishProgress progress) {
    Optional<Credentials> credentials = tokens.get(Target.of(PLATFORM, account));
    if (credentials.isEmpty() || credentials.get().isExpiredAt(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(
        new TikTokRun(
            api, clock, sleeper, settings, account, credentials.get().accessToken(), progress));
  }

  private PublishResult expired(String account) {
    Optional<Instant> expiry =
        tokens.get(Target.of(PLATFORM, account)).flatMap(Credentials::expiresAt);
    if (expiry.isEmpty()) {
      return PublishResult.authExpired(
          "no tiktok credentials stored for account '" + account + "'");
    }
    return PublishResult.authExpired(
        "the tiktok access token of account '"
            + account
            + "' expired at "
            + expiry.get()
            + "; refresh it (TikTokTokenRefresher) or have the creator authorise again");
  }

  /**
   * Builds a {@link TikTokPublisher}. The shared settings are those of {@link PublisherBuilder};
   * here the upload timeout (of each chunk upload) defaults to 5 min and the retry delay to 30 s,
   * the clock times token expiry and rate-limit deadlines, and the sleeper also paces chunk
   * retries. Not threadsafe.
   */
  public static final class Builder extends PublisherBuilder<Builder> {
    private URI apiBase = DEFAULT_API_BASE;
    private long chunkSize = TikTokLimits.DEFAULT_CHUNK_SIZE;
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration maxPollInterval = Duration.ofSeconds(30);
    private int maxPolls = 20;
    private int postIdPolls = 3;
    private boolean cancelStalledPulls = true;

    private Builder() {
      super(/* uploadTimeout= */ Duration.ofMinutes(5), /* retryDelay= */ Duration.ofSeconds(30));
    }

    @Override
    public Builder sleeper(Sleeper sleeper) {
      return super.sleeper(sleeper);
    }

    /**
     * The API host (default {@link #DEFAULT_API_BASE}); a fake server's {@code baseUri()} in tests.
     * Uploads go to the {@code upload_url} each init returns, used verbatim.
     *
     * @param apiBase the API host
     * @return this builder
     * @throws IllegalArgumentException unless it is an absolute http(s) URI
     */
    public Builder apiBase(URI apiBase) {
      notNull(apiBase, "apiBase");
      String scheme = String.valueOf(apiBase.getScheme()).toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException("apiBase must be an http(s) URI, was " + apiBase);
      }
      this.apiBase = apiBase;
      return this;
    }

    /**
     * The chunk size of FILE_UPLOAD (default 10,000,000 bytes); a file smaller than a chunk goes
     * whole, and the size is adjusted when the file needs it.
     *
     * @param bytes the chunk size, in bytes
     * @return this builder
     * @throws IllegalArgumentException unless it is within {@link TikTokLimits#MIN_CHUNK_SIZE} and
     *     {@link TikTokLimits#MAX_CHUNK_SIZE}
     */
    public Builder chunkSize(long bytes) {
      if (bytes < TikTokLimits.MIN_CHUNK_SIZE || bytes > TikTokLimits.MAX_CHUNK_SIZE) {
        throw new IllegalArgumentException(
            "chunkSize must be "
                + TikTokLimits.MIN_CHUNK_SIZE
                + ".."
                + TikTokLimits.MAX_CHUNK_SIZE
                + " bytes (5 to 64 MB), was "
                + bytes);
      }
      this.chunkSize = bytes;
      return this;
    }

    /**
     * Status polls: the first wait, doubling up to {@code maxInterval}, at most {@code maxPolls}
     * polls (defaults 5 s, 30 s, 20: about nine minutes; TikTok allows 30 status reads a minute).
     *
     * @param interval the first wait, positive
     * @param maxInterval the longest wait
     * @param maxPolls the largest number of polls, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code maxInterval} is shorter than {@code interval}
     */
    public Builder statusPolling(Duration interval, Duration maxInterval, int maxPolls) {
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
     * How many more polls a public post gets after {@code PUBLISH_COMPLETE} without a post id
     * (moderation pending) before its publish id is returned instead (default 3).
     *
     * @param polls the number of extra polls, 0 or more
     * @return this builder
     */
    public Builder postIdPolls(int polls) {
      this.postIdPolls = atLeast(polls, 0, "postIdPolls");
      return this;
    }

    /**
     * Whether a PULL_FROM_URL still downloading when the polls run out is cancelled, making the
     * result {@code RetryLater} instead of {@code Unknown} (default true).
     *
     * @param cancel whether to cancel a stalled pull
     * @return this builder
     */
    public Builder cancelStalledPulls(boolean cancel) {
      this.cancelStalledPulls = cancel;
      return this;
    }

    /**
     * Builds the publisher and logs its configuration at INFO.
     *
     * @return the publisher for platform {@code tiktok}
     * @throws NullPointerException if no token store was set
     */
    public TikTokPublisher build() {
      PublisherSettings common = publisherSettings();
      TikTokPublisher publisher = new TikTokPublisher(this, common);
      log.info(
          "tiktok publisher for {}: requestTimeout={}, uploadTimeout={}, chunkSize={},"
              + " statusPolling={}..{} x{}, postIdPolls={}, retryDelay={}, cancelStalledPulls={}",
          apiBase,
          common.requestTimeout(),
          common.uploadTimeout(),
          chunkSize,
          pollInterval,
          maxPollInterval,
          maxPolls,
          postIdPolls,
          common.retryDelay(),
          cancelStalledPulls);
      return publisher;
    }
  }
}
