package dev.herald.platforms.tiktok;

import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import java.time.Instant;

/**
 * {@link TikTokPublisher#reconcile}: one read of {@code POST /v2/post/publish/status/fetch/} for
 * the {@code publish_id} the attempt recorded, per TikTok's Get Post Status reference
 * (https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status):
 *
 * <ul>
 *   <li>{@code PUBLISH_COMPLETE} → {@code Found}: the post id ({@code publicaly_available_post_id},
 *       which the reference says TikTok gives only once moderation is done: "usually within one
 *       minute", "in some cases … a few hours") with the video's URL, else the publish id without
 *       URL: the id {@link TikTokPublisher#publish} records for the same status ({@link
 *       TikTokPolling#settled}), so both agree.
 *   <li>{@code SEND_TO_USER_INBOX} → {@code Found} as the publish id, without URL, as {@code
 *       publish} records an inbox delivery.
 *   <li>{@code FAILED} → {@code NotFound}, with TikTok's {@code fail_reason} as evidence: the
 *       reference's own FAILED example ({@code picture_size_check_failed}) carries an empty {@code
 *       publicaly_available_post_id}, and FAILED is final: that publish never becomes a post.
 *   <li>{@code PROCESSING_UPLOAD}, {@code PROCESSING_DOWNLOAD} (or a status this class does not
 *       know) → {@code Pending}, asked again after one publish run's polling schedule: the
 *       reference guarantees no time limit for processing.
 *   <li>The status cannot be read: a network error, a malformed body, a server error or {@code
 *       internal_error}, and a rate limit (after TikTok's wait) → {@code Pending}, as the publish
 *       run polls through them ({@link TikTokErrors#isTransient}); any other error (the token was
 *       revoked, {@code invalid_publish_id}, a publish id of another account) → {@code
 *       Undetermined}: it will not pass by asking again.
 * </ul>
 *
 * <p>Not threadsafe: one instance per reconcile call.
 */
final class TikTokReconciliation {

  private final TikTokRun run;

  TikTokReconciliation(TikTokRun run) {
    this.run = run;
  }

  /** The answer when the attempt recorded no publish id: nothing can be asked. */
  static Reconciliation withoutPublishId(Instant firstSentAt) {
    return Reconciliation.undetermined(
        "tiktok cannot be searched for a post (no idempotency key, no lookup by caption), and"
            + " the attempt first sent at "
            + firstSentAt
            + " recorded no publish_id: it stopped before TikTok's init answered");
  }

  Reconciliation reconcile(Post post, String publishId) {
    String what = "tiktok publish_id " + publishId;
    ApiResponse response;
    try {
      response = run.api.status(publishId, run.token);
    } catch (TransportException e) {
      return Reconciliation.pending(
          run.retryDelay(), what + ": the status could not be read: " + e.getMessage());
    }
    if (!TikTokErrors.isOk(response)) {
      return unreadable(response, what);
    }
    TikTokStatus status;
    try {
      status = TikTokStatus.parse(response.json().path("data"));
    } catch (MalformedResponseException e) {
      return Reconciliation.pending(
          run.retryDelay(), what + ": the status could not be read: " + e.getMessage());
    }
    return switch (status.status()) {
      case TikTokStatus.PUBLISH_COMPLETE, TikTokStatus.SEND_TO_USER_INBOX -> found(
          post, publishId, status);
      case TikTokStatus.FAILED -> Reconciliation.notFound(
          what
              + ": status FAILED, fail_reason "
              + (status.failReason().isEmpty() ? "(none given)" : status.failReason())
              + "; TikTok created no post");
      default -> Reconciliation.pending(
          run.settings.pollingSchedule(),
          what
              + " is "
              + (status.status().isEmpty() ? "without a status" : "still " + status.status()));
    };
  }

  private Reconciliation unreadable(ApiResponse response, String what) {
    TikTokErrors.Envelope error = TikTokErrors.Envelope.of(response);
    String why = what + ": the status could not be read: " + TikTokErrors.describe(response, error);
    if (response.status() == 429 || error.code().equals("rate_limit_exceeded")) {
      return Reconciliation.pending(TikTokErrors.rateLimitWait(response, run.now()), why);
    }
    if (TikTokErrors.isTransient(response)) {
      return Reconciliation.pending(run.retryDelay(), why);
    }
    return Reconciliation.undetermined(why);
  }

  /**
   * The publish as {@code publish} would record it; the creator's user name, for a video's URL, is
   * read only when there is a post id to link to, and a failure to read it only drops the URL.
   */
  private Reconciliation found(Post post, String publishId, TikTokStatus status) {
    boolean video = !TikTokPosts.isPhoto(post);
    TikTokCreatorInfo creator = null;
    if (video && !status.postIds().isEmpty() && !TikTokPosts.isInbox(post)) {
      try {
        creator = new TikTokPublication(run).creatorInfo();
      } catch (TikTokStop unreadable) {
        creator = null; // the post exists all the same; only its URL is unknown
      }
    }
    TikTokPolling.Started started =
        new TikTokPolling.Started(publishId, false, video, creator, post);
    PublishResult.Published published =
        (PublishResult.Published) new TikTokPolling(run).settled(started, status);
    return Reconciliation.found(published.remoteId(), published.url().orElse(null));
  }
}
