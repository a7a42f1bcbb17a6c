package dev.herald.platforms.facebook;

import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.BinaryBody;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.MultipartBody;
import dev.herald.platforms.internal.meta.GraphApi;
import dev.herald.scheduler.publish.Media;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The Facebook Pages endpoints on the publishing path, one method per call; no classification here.
 * This class is threadsafe.
 */
final class FacebookApi {

  private final GraphApi graph;
  private final Duration uploadTimeout;

  FacebookApi(GraphApi graph, Duration uploadTimeout) {
    this.graph = graph;
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
