package dev.herald.platforms.tiktok;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.BinaryBody;
import dev.herald.platforms.internal.http.ContentRange;
import dev.herald.platforms.internal.http.HttpTransport;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.JsonBody;
import dev.herald.platforms.internal.http.RequestBody;
import dev.herald.platforms.internal.http.Uris;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The TikTok Content Posting endpoints on the publishing path, one method per call; no
 * classification here. This class is threadsafe.
 */
final class TikTokApi {

  static final String CREATOR_INFO = "/v2/post/publish/creator_info/query/";
  static final String VIDEO_INIT = "/v2/post/publish/video/init/";
  static final String INBOX_VIDEO_INIT = "/v2/post/publish/inbox/video/init/";
  static final String CONTENT_INIT = "/v2/post/publish/content/init/";
  static final String STATUS = "/v2/post/publish/status/fetch/";
  static final String CANCEL = "/v2/post/publish/cancel/";

  private static final String JSON = "application/json; charset=UTF-8";

  private final URI apiBase;
  private final HttpTransport transport;
  private final Duration uploadTimeout;

  TikTokApi(URI apiBase, HttpTransport transport, Duration uploadTimeout) {
    this.apiBase = apiBase;
    this.transport = transport;
    this.uploadTimeout = uploadTimeout;
  }

  /** {@code POST /v2/post/publish/creator_info/query/}, without a body (limit 20/min). */
  ApiResponse creatorInfo(String token) {
    return post(CREATOR_INFO, BinaryBody.ofBytes(new byte[0], JSON), token);
  }

  /** {@code POST /v2/post/publish/video/init/}: a direct video post (limit 6/min). */
  ApiResponse videoInit(ObjectNode body, String token) {
    return post(VIDEO_INIT, JsonBody.of(body), token);
  }

  /** {@code POST /v2/post/publish/inbox/video/init/}: a video to the creator's inbox. */
  ApiResponse inboxVideoInit(ObjectNode body, String token) {
    return post(INBOX_VIDEO_INIT, JsonBody.of(body), token);
  }

  /** {@code POST /v2/post/publish/content/init/}: a photo post. */
  ApiResponse contentInit(ObjectNode body, String token) {
    return post(CONTENT_INIT, JsonBody.of(body), token);
  }

  /**
   * {@code PUT {upload_url}}: bytes {@code first..last} of {@code file}, with {@code Content-Range}
   * and no auth header. The URL is used verbatim; its query (which carries the upload token) is
   * registered as a secret, so no log line shows it.
   */
  ApiResponse putChunk(URI uploadUrl, Path file, long first, long last, long total, String type) {
    ApiRequest.Builder request =
        ApiRequest.put(uploadUrl, BinaryBody.ofFileRange(file, first, last - first + 1, type))
            .header("Content-Range", ContentRange.of(first, last, total))
            .timeout(uploadTimeout);
    if (uploadUrl.getRawQuery() != null) {
      request.secret(uploadUrl.getRawQuery());
    }
    return transport.send(request.build());
  }

  /** {@code POST /v2/post/publish/status/fetch/} (limit 30/min). */
  ApiResponse status(String publishId, String token) {
    return post(STATUS, JsonBody.of(Json.object().put("publish_id", publishId)), token);
  }

  /** {@code POST /v2/post/publish/cancel/}: stops a PULL_FROM_URL download in progress. */
  ApiResponse cancel(String publishId, String token) {
    return post(CANCEL, JsonBody.of(Json.object().put("publish_id", publishId)), token);
  }

  private ApiResponse post(String path, RequestBody body, String token) {
    return transport.send(ApiRequest.post(Uris.resolve(apiBase, path), body).bearer(token).build());
  }
}
