package dev.herald.platforms.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishProgress;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@link FacebookPublisher#reconcile} of a video or reel whose video id the attempt recorded in its
 * {@link PublishProgress}: one read of {@code GET /{video-id}?fields=status}. The fields are those
 * of the Graph API's Video Status reference
 * (https://developers.facebook.com/docs/graph-api/reference/video-status/: {@code video_status},
 * {@code uploading_phase}, {@code processing_phase}, {@code publishing_phase} with its {@code
 * status} and {@code publish_status}), and a reel's phases follow the Reels Publishing guide
 * (https://developers.facebook.com/docs/video-api/guides/reels-publishing/): nothing is processed
 * or published before the {@code upload_phase=finish} call.
 *
 * <ul>
 *   <li>{@code video_status=error}, or a processing phase in error → {@code NotFound}: Facebook
 *       will not show the video ({@code publish} reports the same status as a rejection).
 *   <li>A reel: published ({@code publishing_phase.status=complete}; for a draft or a scheduled
 *       reel, {@code video_status=ready}, as {@link FacebookReels} decides) → {@code Found} as the
 *       video id with its {@code /reel/} link. Nothing started (no processing, no publishing
 *       phase): if the attempt recorded no finish call, it stopped before publishing, → {@code
 *       NotFound}; after a finish call, {@code Pending} until the feed-settle time has passed since
 *       it, then {@code NotFound} (a finish Facebook received starts the phases at once). Anything
 *       else (processing, publishing in progress) → {@code Pending}.
 *   <li>A {@code /videos} video exists once {@code /videos} answered its id: {@code processing} or
 *       {@code uploading} → {@code Pending}, any other status → {@code Found}, as {@link
 *       FacebookVideos} decides.
 *   <li>The status cannot be read: what {@link FacebookErrors} would retry (a network error, a
 *       5xx, a throttle) → {@code Pending}; anything else (no permission, no such video) → {@code
 *       Undetermined}.
 * </ul>
 *
 * <p>Not threadsafe: one instance per reconcile call.
 */
final class FacebookVideoReconciliation {

  /** The progress name of the video id ({@code /videos} answer, or a reel's start answer). */
  static final String VIDEO_ID = "facebook.video_id";

  /** The progress name of the time a reel's finish call was about to be sent (ISO-8601). */
  static final String FINISH_SENT_AT = "facebook.reel_finish_sent_at";

  private final FacebookApi api;
  private final FacebookPublisher.Settings settings;
  private final String pageToken;

  FacebookVideoReconciliation(
      FacebookApi api, FacebookPublisher.Settings settings, String pageToken) {
    this.api = api;
    this.settings = settings;
    this.pageToken = pageToken;
  }

  Reconciliation reconcile(Post post, String page, String videoId, PublishProgress progress) {
    boolean reel = FacebookPosts.isReel(post);
    String what = "facebook " + (reel ? "reel " : "video ") + videoId;
    ApiResponse response;
    try {
      response = api.videoStatus(videoId, pageToken);
    } catch (TransportException e) {
      return Reconciliation.pending(
          settings.retryDelay(), what + ": its status could not be read: " + e.getMessage());
    }
    if (!response.isSuccessful()) {
      return unreadable(response, what);
    }
    JsonNode status = response.jsonOrMissing().path("status");
    String video = status.path("video_status").asText("");
    String processing = status.path("processing_phase").path("status").asText("");
    if (video.equals("error") || processing.equals("error")) {
      String why =
          status.path("processing_phase").path("errors").path(0).path("message").asText("");
      return Reconciliation.notFound(
          what
              + " failed processing (video_status "
              + video
              + (why.isEmpty() ? "" : ": " + why)
              + "); Facebook will not publish it");
    }
    Duration patience = settings.pollInterval().multipliedBy(settings.maxPolls());
    if (!reel) {
      return video.equals("processing") || video.equals("uploading")
          ? Reconciliation.pending(patience, what + " is still " + video)
          : Reconciliation.found(videoId, videoUrl(post, page, videoId));
    }
    String publishing = status.path("publishing_phase").path("status").asText("");
    boolean visible = FacebookReels.videoState(post).equals("PUBLISHED");
    if (visible ? publishing.equals("complete") : video.equals("ready")) {
      return Reconciliation.found(
          videoId, FacebookPosts.isDeferred(post) ? null : FacebookReels.permalink(videoId));
    }
    if (notStarted(processing) && notStarted(publishing)) {
      return notFinished(what, video, progress.get(FINISH_SENT_AT));
    }
    return Reconciliation.pending(
        patience,
        what + " is still being processed or published (video_status " + video
            + ", publishing_phase " + publishing + ")");
  }

  /** A reel with no processing nor publishing phase: finished by this attempt, or not. */
  private Reconciliation notFinished(String what, String video, Optional<String> finishSentAt) {
    String state = what + " shows no processing or publishing phase (video_status " + video + ")";
    if (finishSentAt.isEmpty()) {
      return Reconciliation.notFound(state + ", and the attempt stopped before its finish call");
    }
    Instant sent;
    try {
      sent = Instant.parse(finishSentAt.get());
    } catch (DateTimeParseException e) {
      return Reconciliation.undetermined(state + "; its finish time is unreadable: " + e);
    }
    Instant settled = sent.plus(settings.feedSettle());
    Instant now = settings.clock().instant();
    if (now.isBefore(settled)) {
      return Reconciliation.pending(
          Duration.between(now, settled), state + " yet; the finish sent at " + sent
              + " may still land");
    }
    return Reconciliation.notFound(
        state + " " + Duration.between(sent, now) + " after its finish call: the finish never"
            + " landed");
  }

  private Reconciliation unreadable(ApiResponse response, String what) {
    Instant now = settings.clock().instant();
    PublishResult classified = FacebookErrors.classify(response, settings, now);
    String why = what + ": its status could not be read: " + reason(classified);
    if (classified instanceof PublishResult.RetryLater later) {
      return Reconciliation.pending(atLeastASecond(later.after()), why);
    }
    if (classified instanceof PublishResult.RateLimited limited) {
      return Reconciliation.pending(atLeastASecond(Duration.between(now, limited.until())), why);
    }
    return Reconciliation.undetermined(why);
  }

  private static boolean notStarted(String phase) {
    return phase.isEmpty() || phase.equals("not_started");
  }

  private static Duration atLeastASecond(Duration wait) {
    return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
  }

  private static String reason(PublishResult result) {
    if (result instanceof PublishResult.RetryLater r) {
      return r.reason();
    }
    if (result instanceof PublishResult.RateLimited r) {
      return r.reason();
    }
    if (result instanceof PublishResult.Rejected r) {
      return r.reason();
    }
    return result instanceof PublishResult.AuthExpired a ? a.reason() : String.valueOf(result);
  }

  /** The Page video URL {@link FacebookVideos} reports, or null for a post not shown yet. */
  private static URI videoUrl(Post post, String page, String videoId) {
    return FacebookPosts.isDeferred(post)
        ? null
        : URI.create("https://www.facebook.com/" + page + "/videos/" + videoId + "/");
  }
}
