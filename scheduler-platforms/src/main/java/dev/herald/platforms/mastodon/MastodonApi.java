package dev.herald.platforms.mastodon;

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
 * The Mastodon endpoints on the publishing path, one method per call; no classification here. This
 * class is threadsafe.
 */
final class MastodonApi {

  private final URI instance;
  private final HttpTransport transport;
  private final Duration uploadTimeout;

  MastodonApi(URI instance, HttpTransport transport, Duration uploadTimeout) {
    this.instance = instance;
    this.transport = transport;
    this.uploadTimeout = uploadTimeout;
  }

  /** {@code GET /api/v2/instance} (public, no token). */
  ApiResponse instance() {
    return transport.send(ApiRequest.get(Uris.resolve(instance, "/api/v2/instance")).build());
  }

  /** {@code POST /api/v2/media}: the file as multipart, with its alt text as description. */
  ApiResponse upload(Media media, String token) {
    Path file = Path.of(media.source());
    MultipartBody.Builder body =
        MultipartBody.builder()
            .file("file", String.valueOf(file.getFileName()), media.mimeType(), file);
    if (!media.altText().isEmpty()) {
      body.field("description", media.altText());
    }
    return transport.send(
        ApiRequest.post(Uris.resolve(instance, "/api/v2/media"), body.build())
            .bearer(token)
            .timeout(uploadTimeout)
            .build());
  }

  /** {@code GET /api/v1/media/:id}: 200 processed, 206 still processing. */
  ApiResponse media(String id, String token) {
    return transport.send(
        ApiRequest.get(Uris.resolve(instance, "/api/v1/media/" + id)).bearer(token).build());
  }

  /** {@code POST /api/v1/statuses} with {@code Idempotency-Key}. */
  ApiResponse postStatus(FormBody status, String idempotencyKey, String token) {
    return transport.send(
        ApiRequest.post(Uris.resolve(instance, "/api/v1/statuses"), status)
            .bearer(token)
            .header("Idempotency-Key", idempotencyKey)
            .build());
  }
}
