package dev.herald.platforms.pixelfed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.Outcomes;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run of the Pixelfed publish flow: check the local files,
 * upload each one (200 or 202, both usable at once: Pixelfed does not make a status wait for media
 * processing, so there is nothing to poll), then post the status with the request's key as {@code
 * Idempotency-Key}.
 *
 * <p>Only the status call can publish, so only its transport failures and a duplicate-key answer
 * give {@code Unknown}; a failed upload leaves at most an unattached upload behind.
 *
 * <p>Not threadsafe: one instance per {@code publish} call.
 */
final class PixelfedPublication {

  /** Thrown inside the flow to end it with {@code result}. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    final transient PublishResult result;

    Stop(PublishResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  private final PixelfedApi api;
  private final InstantSource clock;
  private final Duration retryDelay;
  private final PixelfedLimits limits;
  private final String token;
  private final Consumer<PixelfedLimits> enforced;

  /**
   * @param enforced told the limits the instance showed it enforces, when its validation refused
   *     the caption or the album that passed {@code limits}
   */
  PixelfedPublication(
      PixelfedApi api,
      InstantSource clock,
      Duration retryDelay,
      PixelfedLimits limits,
      String token,
      Consumer<PixelfedLimits> enforced) {
    this.api = api;
    this.clock = clock;
    this.retryDelay = retryDelay;
    this.limits = limits;
    this.token = token;
    this.enforced = enforced;
  }

  PublishResult run(PublishRequest request) {
    try {
      List<Media> media = request.post().media();
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < media.size(); i++) {
        files.add(checkedFile(i, media.get(i)));
      }
      List<String> mediaIds = new ArrayList<>();
      for (int i = 0; i < media.size(); i++) {
        mediaIds.add(upload(media.get(i), files.get(i)));
      }
      FormBody status = PixelfedPosts.statusForm(request.post(), mediaIds);
      ApiResponse response =
          call(() -> api.postStatus(status, request.idempotencyKey(), token), Stage.PUBLISH);
      if (!response.isSuccessful()) {
        PixelfedErrors.enforcedLimits(
                response,
                limits,
                limits.textLength().of(PixelfedPosts.statusText(request.post())),
                mediaIds.size())
            .ifPresent(enforced);
        return PixelfedErrors.classifyStatus(response, clock.instant(), retryDelay);
      }
      return published(response);
    } catch (Stop stop) {
      return stop.result;
    }
  }

  /** The file of {@code media}, readable and within the instance's size limit, or a rejection. */
  private Path checkedFile(int index, Media media) throws Stop {
    Path file = localFile(media);
    long size;
    try {
      if (file == null || !Files.isReadable(file)) {
        throw new IOException("unreadable");
      }
      size = Files.size(file);
    } catch (IOException e) {
      throw new Stop(
          PublishResult.rejected(
              "media_unreadable",
              "pixelfed: media["
                  + index
                  + "] "
                  + media.source()
                  + " does not exist or cannot be read"));
    }
    if (limits.imageSizeLimit() > 0 && size > limits.imageSizeLimit()) {
      throw new Stop(
          PublishResult.rejected(
              "media_too_large",
              "pixelfed: media["
                  + index
                  + "] is "
                  + size
                  + " bytes; the instance allows at most "
                  + limits.imageSizeLimit()));
    }
    return file;
  }

  private String upload(Media media, Path file) throws Stop {
    ApiResponse response = call(() -> api.upload(media, file, token), Stage.PREPARE);
    if (!response.isSuccessful()) {
      throw new Stop(PixelfedErrors.classify(response, clock.instant(), retryDelay));
    }
    JsonNode body = bodyOf(response, Stage.PREPARE);
    if (body.isArray()) {
      throw new Stop(inactiveAccount(response));
    }
    return Json.text(body, "id")
        .orElseThrow(() -> new Stop(malformed(response, Stage.PREPARE, "no media id")));
  }

  private PublishResult published(ApiResponse response) throws Stop {
    JsonNode body = bodyOf(response, Stage.PUBLISH);
    if (body.isArray()) {
      return inactiveAccount(response);
    }
    String id =
        Json.text(body, "id")
            .orElseThrow(() -> new Stop(malformed(response, Stage.PUBLISH, "no status id")));
    return PublishResult.published(
        id, Json.text(body, "url").map(PixelfedPublication::uri).orElse(null));
  }

  /**
   * Pixelfed answers 200 with {@code []} instead of an entity when the account has never been
   * active on the web ({@code last_active_at} null), before creating anything.
   */
  private static PublishResult inactiveAccount(ApiResponse response) {
    return PublishResult.rejected(
        "inactive_account",
        "pixelfed "
            + response.request()
            + ": HTTP "
            + response.status()
            + " with an empty list:"
            + " the account has never been active; its owner must sign in on the web once");
  }

  /** The status URL, or null if the server sent something that is not a URI. */
  private static URI uri(String url) {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Path localFile(Media media) {
    try {
      return Path.of(media.source());
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return null;
    }
  }

  private JsonNode bodyOf(ApiResponse response, Stage stage) throws Stop {
    try {
      return response.json();
    } catch (MalformedResponseException e) {
      throw new Stop(malformed(response, stage, e.getMessage()));
    }
  }

  /**
   * A 2xx without the expected body: after the status call the post may exist ({@code Unknown});
   * before it nothing was published.
   */
  private PublishResult malformed(ApiResponse response, Stage stage, String what) {
    String reason = "pixelfed " + response + ": unexpected body, " + what;
    return stage == Stage.PUBLISH
        ? PublishResult.unknown(reason)
        : PublishResult.retryLater(retryDelay, reason);
  }

  private interface Call {
    ApiResponse send();
  }

  private ApiResponse call(Call call, Stage stage) throws Stop {
    try {
      return call.send();
    } catch (TransportException e) {
      throw new Stop(Outcomes.transportFailure(e, stage, retryDelay));
    }
  }
}
