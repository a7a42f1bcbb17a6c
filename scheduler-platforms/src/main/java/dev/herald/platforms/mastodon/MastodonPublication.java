package dev.herald.platforms.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.Outcomes;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One run of the Mastodon publish flow: upload each file, poll the uploads that are still
 * processing, post the status with the Idempotency-Key, and on a 422 while some upload was not yet
 * seen processed, poll again and resend the status with the same key.
 *
 * <p><b>"Not finished processing".</b> The 422 Mastodon answers while an attachment is still
 * processing ({@code media_attachments.validations.not_ready} in post_status_service.rb
 * {@code validate_media!}) is rendered in the instance's locale, so it is not told by its text: a
 * 422 is that refusal only while an attachment has not been seen processed (200 on upload or on
 * {@code GET /api/v1/media/:id}; 206 means {@code not_processed?}, app/controllers/api/v1/
 * media_controller.rb). Once every attachment was seen processed before the send, a 422 is the
 * status's own refusal.
 *
 * <p>A transport failure, a 5xx or (outside replies) a 404 of the status call may follow a created
 * status and gives {@code Unknown} ({@link MastodonErrors}); failed uploads and polls leave at
 * most an unattached upload, which the server deletes after a day.
 *
 * <p>Not threadsafe: one instance per {@code publish} call.
 */
final class MastodonPublication {

  /** Thrown inside the flow to end it with {@code result}. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    final transient PublishResult result;

    Stop(PublishResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  private final MastodonApi api;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final MastodonPublisher.PollSettings polling;
  private final Duration retryDelay;
  private final String token;

  MastodonPublication(
      MastodonApi api,
      InstantSource clock,
      Sleeper sleeper,
      MastodonPublisher.PollSettings polling,
      Duration retryDelay,
      String token) {
    this.api = api;
    this.clock = clock;
    this.sleeper = sleeper;
    this.polling = polling;
    this.retryDelay = retryDelay;
    this.token = token;
  }

  PublishResult run(PublishRequest request, String statusText) {
    try {
      List<String> mediaIds = new ArrayList<>();
      Set<String> processing = new LinkedHashSet<>();
      List<Media> media = request.post().media();
      for (int i = 0; i < media.size(); i++) {
        upload(media.get(i), MastodonMediaAttributes.of(request.post(), i), mediaIds, processing);
      }
      Post post = request.post();
      boolean scheduled = MastodonPosts.scheduledAtToSend(post, clock.instant()).isPresent();
      FormBody status = statusForm(post, statusText, mediaIds, scheduled);
      MastodonErrors.Call call =
          post.option("in_reply_to_id").isPresent() && !scheduled
              ? MastodonErrors.Call.REPLY
              : MastodonErrors.Call.STATUS;
      for (int attempt = 1; ; attempt++) {
        awaitProcessing(processing);
        boolean mediaSeenProcessed = processing.isEmpty();
        ApiResponse response = postStatus(status, request.idempotencyKey());
        if (response.isSuccessful()) {
          return published(response);
        }
        if (response.status() != 422 || mediaSeenProcessed) {
          return MastodonErrors.classify(response, call, clock.instant(), retryDelay);
        }
        if (attempt >= polling.maxStatusAttempts()) {
          return PublishResult.retryLater(retryDelay, "mastodon " + response.request()
              + ": HTTP 422 while media " + processing + " had not been seen processed after "
              + attempt + " attempts: " + MastodonErrors.message(response));
        }
        sleep(polling.waitBefore(attempt));
      }
    } catch (Stop stop) {
      return stop.result;
    }
  }

  private void upload(
      Media media, MastodonMediaAttributes attributes, List<String> mediaIds,
      Set<String> processing) throws Stop {
    requireReadable(media);
    if (attributes.thumbnail().isPresent()) {
      requireReadable(attributes.thumbnail().get());
    }
    ApiResponse response = call(() -> api.upload(media, attributes, token), Stage.PREPARE);
    if (response.status() != 200 && response.status() != 202) {
      throw new Stop(
          MastodonErrors.classify(response, MastodonErrors.Call.MEDIA, clock.instant(),
              retryDelay));
    }
    String id =
        Json.text(bodyOf(response, Stage.PREPARE), "id")
            .orElseThrow(() -> new Stop(malformed(response, Stage.PREPARE, "no media id")));
    mediaIds.add(id);
    if (response.status() == 202) {
      processing.add(id);
    }
  }

  private static void requireReadable(Media media) throws Stop {
    Path file = localFile(media);
    if (file == null || !Files.isReadable(file)) {
      throw new Stop(
          PublishResult.rejected(
              "media_unreadable",
              "mastodon: media file " + media.source() + " does not exist or cannot be read"));
    }
  }

  /**
   * Polls every id in {@code processing} until processed (200), at most {@code maxPolls} rounds;
   * ids still processing stay in the set, and the status is tried anyway: its 422 tells for sure.
   */
  private void awaitProcessing(Set<String> processing) throws Stop {
    for (int poll = 1; poll <= polling.maxPolls() && !processing.isEmpty(); poll++) {
      sleep(polling.waitBefore(poll));
      for (String id : List.copyOf(processing)) {
        ApiResponse response = call(() -> api.media(id, token), Stage.PREPARE);
        if (response.status() == 200) {
          processing.remove(id);
        } else if (response.status() != 206) {
          throw new Stop(processingFailed(id, response));
        }
      }
    }
  }

  private PublishResult processingFailed(String id, ApiResponse response) {
    if (response.status() == 422) {
      return PublishResult.rejected(
          "422",
          "mastodon: processing of media " + id + " failed: " + MastodonErrors.message(response));
    }
    return MastodonErrors.classify(response, MastodonErrors.Call.MEDIA, clock.instant(),
        retryDelay);
  }

  private ApiResponse postStatus(FormBody status, String key) throws Stop {
    return call(() -> api.postStatus(status, key, token), Stage.PUBLISH);
  }

  private PublishResult published(ApiResponse response) throws Stop {
    JsonNode body = bodyOf(response, Stage.PUBLISH);
    String id =
        Json.text(body, "id")
            .orElseThrow(() -> new Stop(malformed(response, Stage.PUBLISH, "no status id")));
    return PublishResult.published(
        id, Json.text(body, "url").map(MastodonPublication::uri).orElse(null));
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

  /**
   * The status form; {@code scheduled_at} only when {@code scheduled} (see {@link
   * MastodonPosts#scheduledAtToSend}).
   */
  private static FormBody statusForm(
      Post post, String text, List<String> mediaIds, boolean scheduled) {
    FormBody.Builder form = FormBody.builder();
    if (!text.isEmpty()) {
      form.add("status", text);
    }
    form.addAll("media_ids[]", mediaIds);
    for (String option :
        List.of(
            "visibility",
            "spoiler_text",
            "sensitive",
            "language",
            "in_reply_to_id")) {
      post.option(option).ifPresent(v -> form.add(option, v));
    }
    MastodonPoll.of(post).ifPresent(poll -> poll.addTo(form));
    if (scheduled) {
      post.option("scheduled_at").ifPresent(v -> form.add("scheduled_at", v));
    }
    return form.build();
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
    String reason = "mastodon " + response + ": unexpected body, " + what;
    return stage == Stage.PUBLISH
        ? PublishResult.unknown(reason)
        : PublishResult.retryLater(retryDelay, reason);
  }

  private void sleep(Duration duration) throws Stop {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stop(PublishResult.retryLater(retryDelay, "mastodon: interrupted while waiting"));
    }
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
