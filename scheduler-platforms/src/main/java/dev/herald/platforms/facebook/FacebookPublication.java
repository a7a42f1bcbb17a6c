package dev.herald.platforms.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.internal.meta.GraphApi;
import dev.herald.platforms.internal.meta.GraphOutcomes;
import dev.herald.platforms.internal.meta.PublishMemo;
import dev.herald.platforms.internal.meta.PublishStop;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of the Facebook Page publish flow: a
 * text or link post on {@code /feed}; one photo on {@code /photos}; several photos uploaded
 * unpublished, then attached to a {@code /feed} post; a video through {@link FacebookVideos}; a
 * reel through {@link FacebookReels}.
 *
 * <p>Facebook has no idempotency key. When the publishing call's outcome is unknown (a timeout, a
 * dropped connection, a 5xx without a Graph error), the run reads the Page's recent feed: a post
 * with the same text since the attempt is this one ({@code Published}); otherwise the attempt is
 * remembered and the result is {@code Unknown}. A later run of the same publish reads the feed
 * first, and a 506 duplicate answer is taken as "already posted" only when such a remembered
 * attempt is confirmed by the feed.
 *
 * <p>Not threadsafe: one instance per {@code publish} call.
 */
final class FacebookPublication {

  /** A publishing call whose outcome was unknown: the text it sent, and when. */
  record Ambiguous(String message, Instant attemptedAt) {}

  /** How many recent posts are read when reconciling. */
  static final int RECENT_POSTS = 5;

  private static final Duration CLOCK_SLACK = Duration.ofMinutes(2);

  private static final String PERMALINK = "https://www.facebook.com/";

  private final FacebookApi api;
  private final FacebookPublisher.Settings settings;
  private final Sleeper sleeper;
  private final PublishMemo<Ambiguous> memo;
  private final String pageToken;
  private final String userToken;

  FacebookPublication(
      FacebookApi api,
      FacebookPublisher.Settings settings,
      Sleeper sleeper,
      PublishMemo<Ambiguous> memo,
      String pageToken,
      String userToken) {
    this.api = api;
    this.settings = settings;
    this.sleeper = sleeper;
    this.memo = memo;
    this.pageToken = pageToken;
    this.userToken = userToken;
  }

  PublishResult run(PublishRequest request) {
    String page = request.account();
    String key = request.idempotencyKey();
    Post post = request.post();
    try {
      Optional<Ambiguous> earlier = memo.get(page, key);
      if (earlier.isPresent()) {
        Optional<String> found = findInFeed(page, earlier.get());
        if (found.isPresent()) {
          memo.remove(page, key);
          return PublishResult.published(found.get(), permalink(post, found.get()));
        }
      }
      PublishResult result;
      if (post.media().isEmpty()) {
        result = feedPost(request, FacebookPosts.feed(post).build());
      } else if (FacebookPosts.isReel(post)) {
        result =
            new FacebookReels(api, settings, sleeper, pageToken)
                .publish(post, page, request.progress());
      } else if (FacebookPosts.isVideo(post)) {
        result =
            new FacebookVideos(api, settings, sleeper, pageToken, userToken)
                .publish(post, page, request.progress(), call -> publishCall(request, call));
      } else if (post.media().size() == 1) {
        result = photoPost(request);
      } else {
        result = multiPhotoPost(request);
      }
      if (result instanceof PublishResult.Published) {
        memo.remove(page, key);
      }
      return result;
    } catch (PublishStop stop) {
      return stop.result();
    }
  }

  private PublishResult feedPost(PublishRequest request, FormBody form) throws PublishStop {
    ApiResponse response = publishCall(request, () -> api.feed(request.account(), form, pageToken));
    String id = id(response, "id");
    return PublishResult.published(id, permalink(request.post(), id));
  }

  private PublishResult photoPost(PublishRequest request) throws PublishStop {
    Post post = request.post();
    Media media = post.media().get(0);
    FormBody fields = photoFields(media, FacebookPosts.message(post), post).build();
    ApiResponse response =
        publishCall(
            request,
            () ->
                media.isLocalFile()
                    ? api.photoUpload(request.account(), fields, media, pageToken)
                    : api.photoByUrl(request.account(), withUrl(fields, media), pageToken));
    JsonNode body = PublishStop.json("facebook", response, Stage.PUBLISH, settings.retryDelay());
    Optional<String> postId = Json.text(body, "post_id");
    String id = postId.isPresent() ? postId.get() : id(response, "id");
    return PublishResult.published(id, permalink(post, id));
  }

  /**
   * Uploads each photo unpublished (and temporary for a scheduled post, {@link
   * FacebookPosts#needsTemporaryPhotos}), then posts them together on {@code /feed}.
   */
  private PublishResult multiPhotoPost(PublishRequest request) throws PublishStop {
    Post post = request.post();
    List<String> photoIds = new ArrayList<>();
    for (Media media : post.media()) {
      FormBody.Builder unpublished = photoFields(media, "", null).add("published", "false");
      if (FacebookPosts.needsTemporaryPhotos(post)) {
        unpublished.add("temporary", "true");
      }
      FormBody fields = unpublished.build();
      ApiResponse response =
          PublishStop.send(
              () ->
                  media.isLocalFile()
                      ? api.photoUpload(request.account(), fields, media, pageToken)
                      : api.photoByUrl(request.account(), withUrl(fields, media), pageToken),
              Stage.PREPARE,
              settings.retryDelay());
      if (!response.isSuccessful()) {
        throw new PublishStop(classify(response));
      }
      photoIds.add(id(response, "id", Stage.PREPARE));
    }
    FormBody.Builder form = FacebookPosts.feed(post);
    for (int i = 0; i < photoIds.size(); i++) {
      JsonNode attached = Json.object().put("media_fbid", photoIds.get(i));
      form.add(
          "attached_media[" + i + "]", new String(Json.write(attached), StandardCharsets.UTF_8));
    }
    return feedPost(request, form.build());
  }

  /**
   * Sends the call that makes the post public and returns its successful response; every other
   * outcome ends the run: an unknown outcome is reconciled with the feed, a 506 is confirmed
   * against a remembered attempt, errors are classified.
   */
  ApiResponse publishCall(PublishRequest request, Supplier<ApiResponse> call) throws PublishStop {
    String page = request.account();
    String message = FacebookPosts.message(request.post());
    Instant attemptedAt = settings.clock().instant();
    ApiResponse response;
    try {
      response = call.get();
    } catch (TransportException e) {
      if (e.wasNotSent()) {
        throw new PublishStop(PublishResult.retryLater(settings.retryDelay(), e.getMessage()));
      }
      throw new PublishStop(
          ambiguous(request, new Ambiguous(message, attemptedAt), e.getMessage()));
    }
    if (response.isSuccessful()) {
      return response;
    }
    if (FacebookErrors.isAmbiguous(response)) {
      String reason = GraphOutcomes.reason("facebook", response, Optional.empty());
      throw new PublishStop(ambiguous(request, new Ambiguous(message, attemptedAt), reason));
    }
    if (FacebookErrors.isDuplicate(response)) {
      Optional<Ambiguous> earlier = memo.get(page, request.idempotencyKey());
      Optional<String> found =
          earlier.isPresent() ? findInFeed(page, earlier.get()) : Optional.empty();
      if (found.isPresent()) {
        memo.remove(page, request.idempotencyKey());
        throw new PublishStop(
            PublishResult.published(found.get(), permalink(request.post(), found.get())));
      }
    }
    throw new PublishStop(classify(response));
  }

  /**
   * Reconciles an unknown outcome with the feed; remembers the attempt when nothing is found (the
   * earliest one of this publish, so that its post still matches later).
   */
  private PublishResult ambiguous(PublishRequest request, Ambiguous latest, String reason) {
    Ambiguous attempt =
        memo.get(request.account(), request.idempotencyKey())
            .filter(earlier -> earlier.message().equals(latest.message()))
            .orElse(latest);
    PublishResult unknown = PublishResult.unknown(reason);
    try {
      PublishStop.sleep(sleeper, settings.pollInterval(), unknown);
    } catch (PublishStop interrupted) {
      memo.put(request.account(), request.idempotencyKey(), attempt);
      return interrupted.result();
    }
    Optional<String> found = findInFeed(request.account(), attempt);
    if (found.isPresent()) {
      return PublishResult.published(found.get(), permalink(request.post(), found.get()));
    }
    memo.put(request.account(), request.idempotencyKey(), attempt);
    return PublishResult.unknown(
        reason
            + "; no post with the same text among the Page's "
            + RECENT_POSTS
            + " most recent (it may still appear); a retry of this publish checks again first");
  }

  /** The id of a recent Page post with {@code attempt}'s text, published since the attempt. */
  private Optional<String> findInFeed(String page, Ambiguous attempt) {
    return searchFeed(page, attempt).found();
  }

  /**
   * A read of the Page's feed: the post found, or why the feed could not be read and whether that
   * may pass (a network error, a 5xx, a throttle) or not (a 4xx: no permission, no such Page).
   */
  private record FeedSearch(Optional<String> found, String failure, boolean mayPass) {}

  private FeedSearch searchFeed(String page, Ambiguous attempt) {
    if (attempt.message().isBlank()) {
      return new FeedSearch(Optional.empty(), "the post has no text to find it by", false);
    }
    ApiResponse response;
    try {
      response = api.recentPosts(page, RECENT_POSTS, pageToken);
    } catch (TransportException e) {
      return new FeedSearch(Optional.empty(), "the Page's feed could not be read: "
          + e.getMessage(), true);
    }
    if (!response.isSuccessful()) {
      int status = response.status();
      return new FeedSearch(Optional.empty(), "the Page's feed could not be read: "
          + GraphOutcomes.reason("facebook", response, Optional.empty()),
          status >= 500 || status == 429);
    }
    Instant since = attempt.attemptedAt().minus(CLOCK_SLACK);
    for (JsonNode post : response.jsonOrMissing().path("data")) {
      boolean same = post.path("message").asText("").strip().equals(attempt.message().strip());
      boolean recent =
          GraphApi.parseTime(post.path("created_time").asText(null))
              .map(t -> !t.isBefore(since))
              .orElse(false);
      if (same && recent && Json.text(post, "id").isPresent()) {
        return new FeedSearch(Json.text(post, "id"), null, false);
      }
    }
    return new FeedSearch(Optional.empty(), null, false);
  }

  /**
   * {@link FacebookPublisher#reconcile}: the Page's recent feed, read from any node, says whether
   * {@code request}, first sent at {@code firstSentAt}, created a post. A post with its text since
   * then is {@code Found}. Nothing found is {@code NotFound} only for a visible text or photo post
   * read at least {@code feedSettle} after the attempt (Facebook shows such posts in the feed at
   * once); before that, or while the feed cannot be read for a reason that may pass, {@code
   * Pending}; a feed refused for good (a 4xx) is {@code Undetermined}. A video (it appears once
   * processed) or a post hidden from the feed (scheduled, {@code published=false}) is
   * {@code Undetermined} unless found. A video or reel whose video id the attempt recorded is
   * asked about by that id instead ({@link FacebookVideoReconciliation}).
   */
  Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    Post post = request.post();
    Optional<String> videoId = request.progress().get(FacebookVideoReconciliation.VIDEO_ID);
    if (videoId.isPresent() && FacebookPosts.isVideo(post)) {
      return new FacebookVideoReconciliation(api, settings, pageToken)
          .reconcile(post, request.account(), videoId.get(), request.progress());
    }
    FeedSearch search =
        searchFeed(request.account(), new Ambiguous(FacebookPosts.message(post), firstSentAt));
    if (search.found().isPresent()) {
      String id = search.found().get();
      return Reconciliation.found(id, permalink(post, id));
    }
    if (FacebookPosts.message(post).isBlank() || FacebookPosts.isVideo(post)
        || FacebookPosts.isDeferred(post)) {
      return Reconciliation.undetermined("facebook cannot show whether "
          + (FacebookPosts.isVideo(post) ? "a video" : FacebookPosts.isDeferred(post)
              ? "a post hidden from the feed" : "a post without text")
          + " was created" + (search.failure() == null ? "" : " (" + search.failure() + ")"));
    }
    if (search.failure() != null) {
      return search.mayPass() ? Reconciliation.pending(settings.retryDelay(), search.failure())
          : Reconciliation.undetermined(search.failure());
    }
    Instant settled = firstSentAt.plus(settings.feedSettle());
    Instant now = settings.clock().instant();
    if (now.isBefore(settled)) {
      return Reconciliation.pending(Duration.between(now, settled),
          "no post with its text in the Page's feed yet; it may still appear");
    }
    return Reconciliation.notFound("no post with its text among the Page's " + RECENT_POSTS
        + " most recent since " + firstSentAt.minus(CLOCK_SLACK));
  }

  private FormBody.Builder photoFields(Media media, String caption, Post post) {
    FormBody.Builder form = FormBody.builder();
    if (!caption.isEmpty()) {
      form.add("caption", caption);
    }
    if (!media.altText().isEmpty()) {
      form.add("alt_text_custom", media.altText());
    }
    return post == null ? form : FacebookPosts.scheduling(post, form);
  }

  private static FormBody withUrl(FormBody fields, Media media) {
    FormBody.Builder form = FormBody.builder().add("url", media.source().toString());
    fields.fields().forEach(f -> form.add(f.getKey(), f.getValue()));
    return form.build();
  }

  private PublishResult classify(ApiResponse response) {
    return FacebookErrors.classify(response, settings, settings.clock().instant());
  }

  private String id(ApiResponse response, String field) throws PublishStop {
    return id(response, field, Stage.PUBLISH);
  }

  private String id(ApiResponse response, String field, Stage stage) throws PublishStop {
    JsonNode body = PublishStop.json("facebook", response, stage, settings.retryDelay());
    return Json.text(body, field)
        .orElseThrow(
            () ->
                PublishStop.malformed(
                    "facebook", response, stage, settings.retryDelay(), "no " + field));
  }

  /** {@code https://www.facebook.com/<post id>}, or null for a post not shown yet (scheduled). */
  static URI permalink(Post post, String postId) {
    if (FacebookPosts.isDeferred(post)) {
      return null;
    }
    try {
      return URI.create(PERMALINK + postId);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
