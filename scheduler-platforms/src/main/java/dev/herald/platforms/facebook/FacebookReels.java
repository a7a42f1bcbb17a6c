package dev.herald.platforms.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.internal.meta.GraphOutcomes;
import dev.herald.platforms.internal.meta.PublishStop;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishProgress;
import dev.herald.scheduler.publish.PublishResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A reel on a Page, per Meta's Reels Publishing API
 * (https://developers.facebook.com/docs/video-api/guides/reels-publishing/):
 *
 * <ol>
 *   <li>{@code POST /{page-id}/video_reels upload_phase=start} with the Page token answers {@code
 *       video_id} (and an {@code upload_url}, not used: the bytes go to the configured upload
 *       host);
 *   <li>the video goes to {@code rupload.facebook.com/video-upload/<version>/<video-id>}: a local
 *       file as the body with {@code offset: 0} and {@code file_size}, a public URL as the {@code
 *       file_url} header; {@code Authorization: OAuth <page token>} either way;
 *   <li>{@code POST /{page-id}/video_reels upload_phase=finish video_id=… video_state=PUBLISHED}
 *       with the {@code description} publishes it ({@code DRAFT} for {@code published=false},
 *       {@code SCHEDULED} with {@code scheduled_publish_time});
 *   <li>{@code GET /{video-id}?fields=status} is polled: {@code video_status=error} or a {@code
 *       processing_phase} in error is a rejection, {@code publishing_phase.status=complete} (or a
 *       {@code ready} draft or scheduled reel) is published; still processing after the last poll
 *       is reported published, as for {@code /videos}.
 * </ol>
 *
 * <p>The reel's video id is recorded in the request's progress as soon as the start answers it,
 * and the time of the finish call just before it is sent, so that {@link
 * FacebookVideoReconciliation} can tell, from any node, a reel never finished from one whose
 * finish may still land.
 *
 * <p>The finish call is the publishing call. Its outcome is unknown when the connection drops after
 * it was sent or Facebook answers a bare 5xx; the reel's status then tells: a publishing phase that
 * has started means the finish took effect and the run goes on polling, anything else is {@code
 * Unknown} (the finish may still land).
 *
 * <p>Not threadsafe: one instance per publish run.
 */
final class FacebookReels {

  private static final String PERMALINK = "https://www.facebook.com/reel/";

  private final FacebookApi api;
  private final FacebookPublisher.Settings settings;
  private final Sleeper sleeper;
  private final String pageToken;

  FacebookReels(
      FacebookApi api, FacebookPublisher.Settings settings, Sleeper sleeper, String pageToken) {
    this.api = api;
    this.settings = settings;
    this.sleeper = sleeper;
    this.pageToken = pageToken;
  }

  PublishResult publish(Post post, String page, PublishProgress progress) throws PublishStop {
    Media media = post.media().get(0);
    ApiResponse start =
        PublishStop.send(() -> api.reelStart(page, pageToken), Stage.PREPARE, settings.retryDelay());
    String videoId = field(start, "video_id");
    progress.record(FacebookVideoReconciliation.VIDEO_ID, videoId);
    upload(videoId, media);
    FormBody finish = finishForm(post, videoId);
    progress.record(
        FacebookVideoReconciliation.FINISH_SENT_AT, settings.clock().instant().toString());
    ApiResponse response;
    try {
      response = api.reelFinish(page, finish, pageToken);
    } catch (TransportException e) {
      if (e.wasNotSent()) {
        throw new PublishStop(PublishResult.retryLater(settings.retryDelay(), e.getMessage()));
      }
      return afterAmbiguousFinish(post, videoId, e.getMessage());
    }
    if (!response.isSuccessful()) {
      if (FacebookErrors.isAmbiguous(response)) {
        return afterAmbiguousFinish(
            post, videoId, GraphOutcomes.reason("facebook", response, Optional.empty()));
      }
      throw new PublishStop(classify(response));
    }
    JsonNode body = PublishStop.json("facebook", response, Stage.PUBLISH, settings.retryDelay());
    if (!body.path("success").asBoolean(false)) {
      throw PublishStop.malformed(
          "facebook", response, Stage.PUBLISH, settings.retryDelay(), "finish not successful");
    }
    return awaitProcessing(post, videoId);
  }

  /** The finish parameters: the video, its state, the description, the scheduled time. */
  static FormBody finishForm(Post post, String videoId) {
    FormBody.Builder form =
        FormBody.builder()
            .add("upload_phase", "finish")
            .add("video_id", videoId)
            .add("video_state", videoState(post));
    String description = FacebookPosts.message(post);
    if (!description.isEmpty()) {
      form.add("description", description);
    }
    post.option("scheduled_publish_time").ifPresent(t -> form.add("scheduled_publish_time", t));
    return form.build();
  }

  /** {@code SCHEDULED} with a scheduled time, {@code DRAFT} for {@code published=false}. */
  static String videoState(Post post) {
    if (post.option("scheduled_publish_time").isPresent()) {
      return "SCHEDULED";
    }
    return post.option("published").filter("false"::equals).isPresent() ? "DRAFT" : "PUBLISHED";
  }

  private void upload(String videoId, Media media) throws PublishStop {
    ApiResponse response;
    if (media.isLocalFile()) {
      Path file = Path.of(media.source());
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw new PublishStop(
            PublishResult.rejected(
                "media_unreadable",
                "facebook: local video " + file.getFileName() + " cannot be read"));
      }
      response =
          PublishStop.send(
              () -> api.reelUpload(videoId, file, size, pageToken),
              Stage.PREPARE,
              settings.retryDelay());
    } else {
      response =
          PublishStop.send(
              () -> api.reelUploadHosted(videoId, media.source(), pageToken),
              Stage.PREPARE,
              settings.retryDelay());
    }
    if (!response.isSuccessful()) {
      throw new PublishStop(classify(response));
    }
    if (!response.jsonOrMissing().path("success").asBoolean(false)) {
      throw PublishStop.malformed(
          "facebook", response, Stage.PREPARE, settings.retryDelay(), "reel upload not successful");
    }
  }

  /**
   * Reads the reel's status after a finish whose outcome is unknown: a publishing phase under way
   * or complete means the finish was taken; otherwise the outcome stays unknown.
   */
  private PublishResult afterAmbiguousFinish(Post post, String videoId, String reason)
      throws PublishStop {
    String phase = "";
    try {
      ApiResponse status = api.videoStatus(videoId, pageToken);
      if (status.isSuccessful()) {
        phase = publishingPhase(status.jsonOrMissing().path("status"));
      }
    } catch (TransportException e) {
      // The status could not be read: the outcome stays unknown.
    }
    if (phase.equals("in_progress") || phase.equals("complete")) {
      return awaitProcessing(post, videoId);
    }
    return PublishResult.unknown(
        reason
            + "; reel "
            + videoId
            + " shows no publishing phase yet (the finish may still land); facebook has no"
            + " idempotency key");
  }

  /**
   * Polls the reel's status. The reel exists once finished, so only an explicit error turns the
   * result into a rejection.
   */
  private PublishResult awaitProcessing(Post post, String videoId) throws PublishStop {
    URI url = FacebookPosts.isDeferred(post) ? null : permalink(videoId);
    PublishResult published = PublishResult.published(videoId, url);
    boolean visible = videoState(post).equals("PUBLISHED");
    for (int poll = 1; poll <= settings.maxPolls(); poll++) {
      JsonNode status;
      try {
        ApiResponse response = api.videoStatus(videoId, pageToken);
        if (!response.isSuccessful()) {
          return published;
        }
        status = response.jsonOrMissing().path("status");
      } catch (TransportException e) {
        return published;
      }
      String video = status.path("video_status").asText("");
      String processing = status.path("processing_phase").path("status").asText("");
      if (video.equals("error") || processing.equals("error")) {
        String why =
            status.path("processing_phase").path("errors").path(0).path("message").asText("");
        return PublishResult.rejected(
            "video_status=error",
            "facebook: reel " + videoId + " failed processing" + (why.isEmpty() ? "" : ": " + why));
      }
      if (visible ? publishingPhase(status).equals("complete") : video.equals("ready")) {
        return published;
      }
      PublishStop.sleep(sleeper, settings.pollInterval(), published);
    }
    return published;
  }

  /** {@code https://www.facebook.com/reel/<video id>/}. */
  static URI permalink(String videoId) {
    return URI.create(PERMALINK + videoId + "/");
  }

  private static String publishingPhase(JsonNode status) {
    return status.path("publishing_phase").path("status").asText("");
  }

  private String field(ApiResponse response, String name) throws PublishStop {
    if (!response.isSuccessful()) {
      throw new PublishStop(classify(response));
    }
    JsonNode body = PublishStop.json("facebook", response, Stage.PREPARE, settings.retryDelay());
    return Json.text(body, name)
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                PublishStop.malformed(
                    "facebook", response, Stage.PREPARE, settings.retryDelay(), "no " + name));
  }

  private PublishResult classify(ApiResponse response) {
    return FacebookErrors.classify(response, settings, settings.clock().instant());
  }
}
