package dev.herald.platforms.instagram;

import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.BinaryBody;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.Uris;
import dev.herald.platforms.internal.meta.GraphApi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Instagram Graph API endpoints on the publishing path, one method per call; no classification
 * here. This class is threadsafe.
 */
final class InstagramApi {

  private final GraphApi graph;
  private final URI rupload;
  private final Duration uploadTimeout;

  InstagramApi(GraphApi graph, URI rupload, Duration uploadTimeout) {
    this.graph = graph;
    this.rupload = rupload;
    this.uploadTimeout = uploadTimeout;
  }

  /** {@code GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config}. */
  ApiResponse publishingLimit(String igUser, String token) {
    return graph.get(
        "/" + igUser + "/content_publishing_limit",
        FormBody.builder().add("fields", "quota_usage,config").build(),
        token);
  }

  /** {@code POST /{ig-user-id}/media}: creates a container. */
  ApiResponse createContainer(String igUser, FormBody params, String token) {
    return graph.post("/" + igUser + "/media", params, token);
  }

  /** {@code GET /{container-id}?fields=status_code,status}. */
  ApiResponse containerStatus(String containerId, String token) {
    return graph.get(
        "/" + containerId, FormBody.builder().add("fields", "status_code,status").build(), token);
  }

  /**
   * Uploads {@code file} to a resumable container's session on {@code rupload.facebook.com}: {@code
   * Authorization: OAuth <token>}, {@code offset: 0}, {@code file_size}, the bytes as the body.
   */
  ApiResponse upload(URI target, Path file, long size, String token) {
    return graph.send(
        ApiRequest.post(target, BinaryBody.ofFileRange(file, 0, size, "application/octet-stream"))
            .header("Authorization", "OAuth " + token)
            .header("offset", "0")
            .header("file_size", Long.toString(size))
            .timeout(uploadTimeout)
            .build());
  }

  /**
   * Where to upload a resumable container's bytes: the path of the {@code uri} the container
   * returned (or the documented {@code /ig-api-upload/<version>/<container-id>}) on the configured
   * upload host, so the token is only ever sent to a host the operator configured.
   */
  URI uploadUri(String containerId, Optional<String> returned) {
    String path =
        returned
            .map(InstagramApi::pathOf)
            .filter(p -> p.startsWith("/ig-api-upload/"))
            .orElse("/ig-api-upload/" + graph.version() + "/" + containerId);
    return Uris.resolve(rupload, path);
  }

  /** {@code POST /{ig-user-id}/media_publish} with {@code creation_id}. */
  ApiResponse publish(String igUser, String containerId, String token) {
    return graph.post(
        "/" + igUser + "/media_publish",
        FormBody.builder().add("creation_id", containerId).build(),
        token);
  }

  /** {@code GET /{ig-media-id}?fields=id,permalink,timestamp,media_type}. */
  ApiResponse media(String mediaId, String token) {
    return graph.get(
        "/" + mediaId,
        FormBody.builder().add("fields", "id,permalink,timestamp,media_type").build(),
        token);
  }

  /**
   * {@code GET /{ig-user-id}/media?fields=id,caption,timestamp,permalink&limit=n}, newest first.
   */
  ApiResponse recentMedia(String igUser, int limit, String token) {
    return graph.get(
        "/" + igUser + "/media",
        FormBody.builder()
            .add("fields", "id,caption,timestamp,permalink")
            .add("limit", Integer.toString(limit))
            .build(),
        token);
  }

  /**
   * {@code GET /{ig-user-id}/stories?fields=id,media_type,timestamp,permalink}: the account's
   * stories of the last 24 hours, which {@code /{ig-user-id}/media} does not list (IG User Stories
   * reference, https://developers.facebook.com/docs/instagram-api/reference/ig-user/stories).
   */
  ApiResponse stories(String igUser, String token) {
    return graph.get(
        "/" + igUser + "/stories",
        FormBody.builder().add("fields", "id,media_type,timestamp,permalink").build(),
        token);
  }

  private static String pathOf(String uri) {
    try {
      String path = URI.create(uri).getRawPath();
      return path == null ? "" : path;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
