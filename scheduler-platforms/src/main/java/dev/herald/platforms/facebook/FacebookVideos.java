package dev.herald.platforms.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.internal.meta.PublishStop;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishProgress;
import dev.herald.scheduler.publish.PublishResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A video post on a Page, the current path: a public URL goes to
 * {@code POST /{page-id}/videos} as {@code file_url}; a local file goes through the Resumable
 * Upload API ({@code POST /{app-id}/uploads} → {@code POST /upload:<session>} with {@code
 * Authorization: OAuth <user token>} → file handle) and then to {@code /videos} as {@code
 * fbuploader_video_file_chunk}. Processing is asynchronous, so {@code status.video_status} is
 * polled: {@code ready} is published, {@code error} rejected; still processing after the last poll
 * is reported published (the video exists and Facebook finishes it). The video id is recorded in
 * the request's progress before the first poll, for {@link FacebookVideoReconciliation}.
 *
 * <p>Not threadsafe: one instance per publish run.
 */
final class FacebookVideos {

  /** Sends the publishing call; ends the run on anything but success. */
  interface PublishCall {
    ApiResponse send(Supplier<ApiResponse> call) throws PublishStop;
  }

  private final FacebookApi api;
  private final FacebookPublisher.Settings settings;
  private final Sleeper sleeper;
  private final String pageToken;
  private final String userToken;

  FacebookVideos(
      FacebookApi api,
      FacebookPublisher.Settings settings,
      Sleeper sleeper,
      String pageToken,
      String userToken) {
    this.api = api;
    this.settings = settings;
    this.sleeper = sleeper;
    this.pageToken = pageToken;
    this.userToken = userToken;
  }

  PublishResult publish(Post post, String page, PublishProgress progress, PublishCall publishCall)
      throws PublishStop {
    Media media = post.media().get(0);
    FormBody.Builder form = FormBody.builder();
    if (media.isLocalFile()) {
      form.add("fbuploader_video_file_chunk", upload(media));
    } else {
      form.add("file_url", media.source().toString());
    }
    String description = FacebookPosts.message(post);
    if (!description.isEmpty()) {
      form.add("description", description);
    }
    post.title().ifPresent(t -> form.add("title", t));
    FormBody fields = FacebookPosts.scheduling(post, form).build();
    ApiResponse response = publishCall.send(() -> api.video(page, fields, pageToken));
    JsonNode body = PublishStop.json("facebook", response, Stage.PUBLISH, settings.retryDelay());
    String videoId =
        Json.text(body, "id")
            .orElseThrow(
                () ->
                    PublishStop.malformed(
                        "facebook", response, Stage.PUBLISH, settings.retryDelay(), "no video id"));
    progress.record(FacebookVideoReconciliation.VIDEO_ID, videoId);
    URI url =
        FacebookPosts.isDeferred(post)
            ? null
            : URI.create("https://www.facebook.com/" + page + "/videos/" + videoId + "/");
    return awaitProcessing(videoId, url);
  }

  /**
   * Starts a session, sends the bytes, returns the file handle. The session is always declared
   * {@value FacebookPosts#UPLOAD_VIDEO_TYPE}, a {@code .mov} too: see {@link
   * FacebookPosts#UPLOAD_VIDEO_TYPE}.
   */
  private String upload(Media media) throws PublishStop {
    Path file = Path.of(media.source());
    long length;
    try {
      length = Files.size(file);
    } catch (IOException e) {
      throw new PublishStop(
          PublishResult.rejected(
              "media_unreadable",
              "facebook: local video " + file.getFileName() + " cannot be read"));
    }
    String name = String.valueOf(file.getFileName());
    ApiResponse session =
        PublishStop.send(
            () ->
                api.uploadSession(
                    settings.appId(), name, length, FacebookPosts.UPLOAD_VIDEO_TYPE, userToken),
            Stage.PREPARE,
            settings.retryDelay());
    String sessionId = field(session, "id");
    ApiResponse bytes =
        PublishStop.send(
            () ->
                api.uploadBytes(
                    sessionId, file, length, FacebookPosts.UPLOAD_VIDEO_TYPE, userToken),
            Stage.PREPARE,
            settings.retryDelay());
    return field(bytes, "h");
  }

  private String field(ApiResponse response, String name) throws PublishStop {
    if (!response.isSuccessful()) {
      throw new PublishStop(
          FacebookErrors.classify(response, settings, settings.clock().instant()));
    }
    JsonNode body = PublishStop.json("facebook", response, Stage.PREPARE, settings.retryDelay());
    return Json.text(body, name)
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                PublishStop.malformed(
                    "facebook", response, Stage.PREPARE, settings.retryDelay(), "no " + name));
  }

  /**
   * Polls {@code status.video_status}. The video exists whatever the polls answer, so only an
   * explicit {@code error} turns the result into a rejection.
   */
  private PublishResult awaitProcessing(String videoId, URI url) throws PublishStop {
    PublishResult published = PublishResult.published(videoId, url);
    for (int poll = 1; poll <= settings.maxPolls(); poll++) {
      String status;
      try {
        ApiResponse response = api.videoStatus(videoId, pageToken);
        if (!response.isSuccessful()) {
          return published;
        }
        status = response.jsonOrMissing().path("status").path("video_status").asText("");
      } catch (TransportException e) {
        return published;
      }
      if (status.equals("error")) {
        return PublishResult.rejected(
            "video_status=error", "facebook: video " + videoId + " failed processing");
      }
      if (!status.equals("processing") && !status.equals("uploading")) {
        return published;
      }
      PublishStop.sleep(sleeper, settings.pollInterval(), published);
    }
    return published;
  }
}
