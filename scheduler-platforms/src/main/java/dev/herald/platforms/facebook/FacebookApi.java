package dev.herald.platforms.facebook;

import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.BinaryBody;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.MultipartBody;
import dev.herald.platforms.internal.http.Uris;
import dev.herald.platforms.internal.meta.GraphApi;
import dev.herald.scheduler.publish.Media;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The Facebook Pages endpoints on the publishing path, one method per call; no classification here.
 * This class is threadsafe.
 */
final class FacebookApi {

  private final GraphApi graph;
  private final URI rupload;
  private final Duration uploadTimeout;

  FacebookApi(GraphApi graph, URI rupload, Duration uploadTimeout) {
    this.graph = graph;
    this.rupload = rupload;
    this.uploadTimeout = uploadTimeout;
  }

  /** {@code POST /{page-id}/feed}: a text, link or multi-photo post. */
  ApiResponse feed(String page, FormBody form, String token) {
    return graph.post("/" + page + "/feed", form, token);
  }

  /** {@code POST /{page-id}/photos} with {@code url}: Facebook fetches the image. */
  ApiResponse photoByUrl(String page, FormBody form, String token) {
    return graph.post("/" + page + "/photos", form, token);
  }

  /** {@code POST /{page-id}/photos} with the local file as multipart {@code source}. */
  ApiResponse photoUpload(String page, FormBody fields, Media media, String token) {
    Path file = Path.of(media.source());
    MultipartBody.Builder body = MultipartBody.builder();
    for (Map.Entry<String, String> field : fields.fields()) {
      body.field(field.getKey(), field.getValue());
    }
    body.file("source", String.valueOf(file.getFileName()), media.mimeType(), file);
    return graph.postMultipart("/" + page + "/photos", body, token, uploadTimeout);
  }

  /** {@code POST /{page-id}/videos}: {@code file_url} or {@code fbuploader_video_file_chunk}. */
  ApiResponse video(String page, FormBody form, String token) {
    return graph.post("/" + page + "/videos", form, token);
  }

  /**
   * {@code POST /{app-id}/uploads?file_name&file_length&file_type}: starts a Resumable Upload API
   * session, with the user token.
   */
  ApiResponse uploadSession(
      String appId, String fileName, long length, String type, String userToken) {
    return graph.post(
        "/" + appId + "/uploads",
        FormBody.builder()
            .add("file_name", fileName)
            .add("file_length", Long.toString(length))
            .add("file_type", type)
            .build(),
        userToken);
  }

  /**
   * {@code POST /upload:<session>}: the bytes, with {@code Authorization: OAuth <user token>} and
   * {@code file_offset: 0}; answers the file handle {@code h}.
   */
  ApiResponse uploadBytes(String session, Path file, long length, String type, String userToken) {
    return graph.send(
        ApiRequest.post(graph.uri("/" + session), BinaryBody.ofFileRange(file, 0, length, type))
            .header("Authorization", "OAuth " + userToken)
            .header("file_offset", "0")
            .timeout(uploadTimeout)
            .build());
  }

  /**
   * {@code POST /{page-id}/video_reels} with {@code upload_phase=start}: answers {@code video_id}
   * and {@code upload_url} (Reels Publishing API, step 1:
   * https://developers.facebook.com/docs/video-api/guides/reels-publishing/).
   */
  ApiResponse reelStart(String page, String token) {
    return graph.post(
        "/" + page + "/video_reels", FormBody.builder().add("upload_phase", "start").build(), token);
  }

  /**
   * Step 2 for a local file: {@code POST rupload.facebook.com/video-upload/<version>/<video-id>}
   * with {@code Authorization: OAuth <page token>}, {@code offset: 0}, {@code file_size} and the
   * bytes as the body (the guide, and Meta's sample fbsamples/reels_publishing_apis
   * fb_reels_publishing_api_sample/index.js); answers {@code {"success": true}}. Always sent to the
   * configured upload host, so the token never goes to a host named in a response.
   */
  ApiResponse reelUpload(String videoId, Path file, long size, String token) {
    return graph.send(
        ApiRequest.post(
                reelUploadUri(videoId),
                BinaryBody.ofFileRange(file, 0, size, "application/octet-stream"))
            .header("Authorization", "OAuth " + token)
            .header("offset", "0")
            .header("file_size", Long.toString(size))
            .timeout(uploadTimeout)
            .build());
  }

  /**
   * Step 2 for a hosted file: the same URL with {@code Authorization: OAuth <page token>} and
   * {@code file_url: <public URL>} and no body; Facebook fetches the video.
   */
  ApiResponse reelUploadHosted(String videoId, URI url, String token) {
    return graph.send(
        ApiRequest.post(reelUploadUri(videoId), BinaryBody.ofBytes(new byte[0], "text/plain"))
            .header("Authorization", "OAuth " + token)
            .header("file_url", url.toString())
            .build());
  }

  /**
   * {@code POST /{page-id}/video_reels} with {@code upload_phase=finish}, {@code video_id}, {@code
   * video_state} and the description and scheduling of {@code form}: publishes the uploaded reel.
   */
  ApiResponse reelFinish(String page, FormBody form, String token) {
    return graph.post("/" + page + "/video_reels", form, token);
  }

  private URI reelUploadUri(String videoId) {
    return Uris.resolve(rupload, "/video-upload/" + graph.version() + "/" + videoId);
  }

  /** {@code GET /{video-id}?fields=status}: {@code status.video_status}. */
  ApiResponse videoStatus(String videoId, String token) {
    return graph.get("/" + videoId, FormBody.builder().add("fields", "status").build(), token);
  }

  /** {@code GET /{page-id}/feed?fields=id,message,created_time&limit=n}, newest first. */
  ApiResponse recentPosts(String page, int limit, String token) {
    return graph.get(
        "/" + page + "/feed",
        FormBody.builder()
            .add("fields", "id,message,created_time")
            .add("limit", Integer.toString(limit))
            .build(),
        token);
  }
}
