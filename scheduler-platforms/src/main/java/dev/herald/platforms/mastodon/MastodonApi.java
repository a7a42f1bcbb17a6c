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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Mastodon endpoints on the publishing path, one method per call; no classification here. This
 * class is threadsafe.
 */
final class MastodonApi {

  private final URI instance;
  private final HttpTransport transport;
  private final Duration uploadTimeout;
  private final AtomicReference<String> accountToken = new AtomicReference<>();

  MastodonApi(URI instance, HttpTransport transport, Duration uploadTimeout) {
    this.instance = instance;
    this.transport = transport;
    this.uploadTimeout = uploadTimeout;
  }

  /**
   * Remembers the token of an account on this instance, for {@link #instance()} on an instance
   * that refuses anonymous reads. Kept in memory only, like the token store's copy.
   */
  void useAccountToken(String token) {
    accountToken.set(token);
  }

  /**
   * {@code GET /api/v2/instance}: without a token first, as it is public on most instances; again
   * with an account's token when that is refused with 401 or 403, as in limited federation mode,
   * where the instance controllers keep {@code require_authenticated_user!} (mastodon/mastodon
   * {@code app/controllers/api/v1/instances_controller.rb}: {@code skip_before_action
   * :require_authenticated_user!, unless: :limited_federation_mode?}).
   */
  ApiResponse instance() {
    URI uri = Uris.resolve(instance, "/api/v2/instance");
    ApiResponse anonymous = transport.send(ApiRequest.get(uri).build());
    String token = accountToken.get();
    if ((anonymous.status() == 401 || anonymous.status() == 403) && token != null) {
      return transport.send(ApiRequest.get(uri).bearer(token).build());
    }
    return anonymous;
  }

  /**
   * {@code POST /api/v2/media}: the file as multipart, with its alt text as description and the
   * {@code focus} and {@code thumbnail} of {@code attributes}.
   */
  ApiResponse upload(Media media, MastodonMediaAttributes attributes, String token) {
    Path file = Path.of(media.source());
    MultipartBody.Builder body =
        MultipartBody.builder()
            .file("file", String.valueOf(file.getFileName()), media.mimeType(), file);
    if (!media.altText().isEmpty()) {
      body.field("description", media.altText());
    }
    attributes.focus().ifPresent(focus -> body.field("focus", focus));
    attributes.thumbnail().ifPresent(thumbnail -> {
      Path image = Path.of(thumbnail.source());
      body.file("thumbnail", String.valueOf(image.getFileName()), thumbnail.mimeType(), image);
    });
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
  /** {@code GET /api/v1/accounts/verify_credentials}: the token's account. */
  ApiResponse verifyCredentials(String token) {
    return get("/api/v1/accounts/verify_credentials", FormBody.builder(), token);
  }

  /**
   * {@code GET /api/v1/accounts/:id/statuses}, newest first; {@code limit} at most 40 ({@code
   * limit_param} in app/controllers/api/base_controller.rb caps it at twice the default of 20).
   */
  ApiResponse accountStatuses(String accountId, String maxId, int limit, String token) {
    FormBody.Builder query = FormBody.builder().add("limit", Integer.toString(limit));
    if (maxId != null) {
      query.add("max_id", maxId);
    }
    return get("/api/v1/accounts/" + accountId + "/statuses", query, token);
  }

  /**
   * {@code GET /api/v1/statuses/:id/source}: the status's plain {@code text} and {@code
   * spoiler_text} as sent (app/controllers/api/v1/statuses/sources_controller.rb, Mastodon 3.5+).
   */
  ApiResponse statusSource(String statusId, String token) {
    return get("/api/v1/statuses/" + statusId + "/source", FormBody.builder(), token);
  }

  /** {@code GET /api/v1/scheduled_statuses}: the account's scheduled statuses, soonest first. */
  ApiResponse scheduledStatuses(int limit, String token) {
    return get("/api/v1/scheduled_statuses",
        FormBody.builder().add("limit", Integer.toString(limit)), token);
  }

  private ApiResponse get(String path, FormBody.Builder query, String token) {
    return transport.send(
        ApiRequest.get(Uris.withQuery(Uris.resolve(instance, path), query.build()))
            .bearer(token)
            .build());
  }
}
