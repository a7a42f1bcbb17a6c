package dev.herald.platforms.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.internal.meta.GraphApi;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the account's stories say about a story publication. Stories are not listed by {@code GET
 * /{ig-user-id}/media} but by {@code GET /{ig-user-id}/stories} (the last 24 hours; IG User Stories
 * reference, https://developers.facebook.com/docs/instagram-api/reference/ig-user/stories), and
 * carry no caption, so a story can only be matched by its media type and time:
 *
 * <ul>
 *   <li>{@link #reconcile}: no story of the post's media type since the attempt, read at least
 *       {@link InstagramPublication#SETTLE} after it, is {@code NotFound} (before that, {@code
 *       Pending}); any such story is {@code Undetermined}, since it may be one the account posted
 *       by other means, and taking it for ours would drop this story for good.
 *   <li>{@link #published}: a container that reads {@code PUBLISHED} did go out; then the one story
 *       of its media type since the container was created is its media. Several, or none, leave
 *       the id unknown.
 * </ul>
 *
 * <p>Listing stories needs the {@code instagram_manage_insights} permission with Facebook Login
 * (the reference's requirements); a refusal is {@code Undetermined}.
 *
 * <p>Threadsafe (holds only threadsafe collaborators and immutable values).
 */
final class InstagramStories {

  private final InstagramApi api;
  private final InstagramPublisher.Settings settings;
  private final String token;
  private final Duration clockSlack;

  InstagramStories(
      InstagramApi api, InstagramPublisher.Settings settings, String token, Duration clockSlack) {
    this.api = api;
    this.settings = settings;
    this.token = token;
    this.clockSlack = clockSlack;
  }

  /** {@link InstagramPublisher#reconcile} for a story. */
  Reconciliation reconcile(String account, Post post, Instant firstSentAt) {
    ApiResponse response;
    try {
      response = api.stories(account, token);
    } catch (TransportException e) {
      return Reconciliation.pending(
          settings.retryDelay(), "the account's stories could not be listed: " + e.getMessage());
    }
    if (!response.isSuccessful()) {
      String why = "the account's stories could not be listed: HTTP " + response.status();
      return response.status() >= 500 || response.status() == 429
          ? Reconciliation.pending(settings.retryDelay(), why)
          : Reconciliation.undetermined(why);
    }
    List<JsonNode> candidates = candidates(response, post, firstSentAt);
    if (!candidates.isEmpty()) {
      return Reconciliation.undetermined(
          candidates.size()
              + " "
              + mediaType(post).toLowerCase(java.util.Locale.ROOT)
              + " story(ies) appeared since the attempt; stories carry no caption to tell whether"
              + " one is this post");
    }
    Instant now = settings.clock().instant();
    Instant settled = firstSentAt.plus(InstagramPublication.SETTLE);
    if (now.isBefore(settled)) {
      return Reconciliation.pending(
          Duration.between(now, settled), "no story since the attempt yet; it may still appear");
    }
    return Reconciliation.notFound(
        "no " + mediaType(post) + " story among the account's stories since " + firstSentAt);
  }

  /**
   * The result for a story container that reads {@code PUBLISHED}, created at {@code createdAt}.
   */
  PublishResult published(String account, Post post, Instant createdAt, String context) {
    ApiResponse response;
    try {
      response = api.stories(account, token);
    } catch (TransportException e) {
      return PublishResult.unknown(
          context + "; its story could not be listed: " + e.getMessage());
    }
    if (!response.isSuccessful()) {
      return PublishResult.unknown(
          context + "; its story could not be listed: HTTP " + response.status());
    }
    List<JsonNode> candidates = candidates(response, post, createdAt);
    if (candidates.size() != 1) {
      return PublishResult.unknown(
          context
              + "; "
              + candidates.size()
              + " stories of its media type since the container was created, not one");
    }
    JsonNode story = candidates.get(0);
    return PublishResult.published(
        Json.text(story, "id").orElseThrow(), uri(story.path("permalink").asText(null)));
  }

  /** The listed stories with an id, of the post's media type, at or after {@code since}. */
  private List<JsonNode> candidates(ApiResponse response, Post post, Instant since) {
    Instant from = since.minus(clockSlack);
    String type = mediaType(post);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode story : response.jsonOrMissing().path("data")) {
      boolean recent =
          GraphApi.parseTime(story.path("timestamp").asText(null))
              .map(t -> !t.isBefore(from))
              .orElse(false);
      boolean sameType = story.path("media_type").asText("").equals(type);
      if (recent && sameType && Json.text(story, "id").isPresent()) {
        out.add(story);
      }
    }
    return out;
  }

  /** {@code IMAGE} or {@code VIDEO}: the IG Media {@code media_type} of the post's story. */
  private static String mediaType(Post post) {
    return post.media().isEmpty() ? "" : post.media().get(0).kind().name();
  }

  private static URI uri(String text) {
    return Optional.ofNullable(text)
        .filter(t -> !t.isBlank())
        .flatMap(
            t -> {
              try {
                return Optional.of(URI.create(t));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            })
        .orElse(null);
  }
}
