package dev.herald.platforms.pixelfed;

import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.HttpTransport;
import dev.herald.platforms.internal.http.MultipartBody;
import dev.herald.platforms.internal.http.Uris;
import dev.herald.scheduler.publish.Media;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Pixelfed endpoints on the publishing path, one method per call; no classification here. Every
 * request carries {@code Accept: application/json}: without it Laravel answers errors with HTML
 * pages or a redirect to {@code /login} instead of JSON. This class is threadsafe.
 */
final class PixelfedApi {

  private final URI instance;
  private final HttpTransport transport;
  private final Duration uploadTimeout;
  private final PixelfedPublisher.MediaUpload mediaUpload;

  PixelfedApi(
      URI instance,
      HttpTransport transport,
      Duration uploadTimeout,
      PixelfedPublisher.MediaUpload mediaUpload) {
    this.instance = instance;
    this.transport = transport;
    this.uploadTimeout = uploadTimeout;
    this.mediaUpload = mediaUpload;
  }

  /**
   * {@code GET /api/v2/instance} (public, no token): every limit as enforced ({@code config_cache}),
   * on Pixelfed since 2023-05.
   */
  ApiResponse instanceV2() {
    return transport.send(json(ApiRequest.get(Uris.resolve(instance, "/api/v2/instance"))).build());
  }

  /** {@code GET /api/v1/instance} (public, no token). */
  ApiResponse instance() {
    return transport.send(json(ApiRequest.get(Uris.resolve(instance, "/api/v1/instance"))).build());
  }

  /**
   * {@code POST /api/v2/media} (202, usable at once) or {@code /api/v1/media} (200): the file as
   * multipart, with its alt text as description.
   */
  ApiResponse upload(Media media, Path file, String token) {
    MultipartBody.Builder body =
        MultipartBody.builder()
            .file("file", String.valueOf(file.getFileName()), media.mimeType(), file);
    if (!media.altText().isEmpty()) {
      body.field("description", media.altText());
    }
    return transport.send(
        json(ApiRequest.post(Uris.resolve(instance, mediaUpload.path()), body.build()))
            .bearer(token)
            .timeout(uploadTimeout)
            .build());
  }

  /** {@code POST /api/v1/statuses} with {@code Idempotency-Key}. */
  ApiResponse postStatus(FormBody status, String idempotencyKey, String token) {
    return transport.send(
        json(ApiRequest.post(Uris.resolve(instance, "/api/v1/statuses"), status))
            .bearer(token)
            .header("Idempotency-Key", idempotencyKey)
            .build());
  }

  /** {@code GET /api/v1/accounts/verify_credentials}: the token's account. */
  ApiResponse verifyCredentials(String token) {
    return transport.send(json(ApiRequest.get(
        Uris.resolve(instance, "/api/v1/accounts/verify_credentials"))).bearer(token).build());
  }

  /**
   * {@code GET /api/v1/accounts/:id/statuses}, newest first; {@code limit} at most 40 ({@code
   * ApiV1Controller::accountStatusesById} caps it), {@code max_id} exclusive.
   */
  ApiResponse accountStatuses(String accountId, String maxId, int limit, String token) {
    FormBody.Builder query = FormBody.builder().add("limit", Integer.toString(limit));
    if (maxId != null) {
      query.add("max_id", maxId);
    }
    URI uri = Uris.withQuery(
        Uris.resolve(instance, "/api/v1/accounts/" + accountId + "/statuses"), query.build());
    return transport.send(json(ApiRequest.get(uri)).bearer(token).build());
  }

  private static ApiRequest.Builder json(ApiRequest.Builder request) {
    return request.header("Accept", "application/json");
  }
}
