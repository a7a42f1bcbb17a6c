package dev.herald.platforms.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.internal.meta.GraphApi;
import dev.herald.platforms.internal.meta.GraphError;
import dev.herald.platforms.internal.meta.GraphOutcomes;
import dev.herald.platforms.internal.meta.PublishMemo;
import dev.herald.platforms.internal.meta.PublishStop;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One run of the Instagram publish flow:
 *
 * <ol>
 *   <li>Resume the container remembered for this account and idempotency key, if any: {@code
 *       PUBLISHED} means an earlier attempt went out (its media is looked up), {@code FINISHED} or
 *       {@code IN_PROGRESS} is reused, anything else is dropped.
 *   <li>Read {@code content_publishing_limit}; a used-up quota is {@code RateLimited} before any
 *       container is spent or published.
 *   <li>Otherwise create the containers and wait until {@code FINISHED}; an expired one is
 *       recreated, up to the configured number of container sets.
 *   <li>{@code media_publish}. On 9007/2207027 poll again; on 24/2207008 read the container and
 *       retry after a pause; on 24/2207006 (cannot be found) create a new container, Meta's
 *       remedy; on a timeout, a dropped connection or a 5xx without a Graph error,
 *       re-poll the container: {@code PUBLISHED} means the call went out (the media is found in
 *       {@code GET /{ig-user-id}/media}), {@code FINISHED} means it did not and it is sent again.
 *   <li>Look up the permalink with {@code GET /{ig-media-id}?fields=…,permalink}.
 * </ol>
 *
 * <p>Not threadsafe: one instance per {@code publish} call.
 */
final class InstagramPublication {

  /** The container remembered for a publish, and when it was created. */
  record Remembered(String containerId, Instant createdAt) {}

  /** How many recent media are searched when reconciling a published container. */
  private static final int RECENT_MEDIA = 10;

  /** Slack between our clock and Instagram's timestamps when matching recent media. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

  private final InstagramApi api;
  private final InstagramPublisher.Settings settings;
  private final Sleeper sleeper;
  private final PublishMemo<Remembered> memo;
  private final String token;
  private final InstagramStories stories;

  /** The post of this run; set by {@link #run}. */
  private Post post;

  InstagramPublication(
      InstagramApi api,
      InstagramPublisher.Settings settings,
      Sleeper sleeper,
      PublishMemo<Remembered> memo,
      String token) {
    this.api = api;
    this.settings = settings;
    this.sleeper = sleeper;
    this.memo = memo;
    this.token = token;
    this.stories = new InstagramStories(api, settings, token, CLOCK_SLACK);
  }

  PublishResult run(PublishRequest request) {
    String account = request.account();
    String key = request.idempotencyKey();
    this.post = request.post();
    String caption = InstagramPosts.caption(request.post());
    InstagramContainers containers =
        new InstagramContainers(api, settings, sleeper, account, token);
    try {
      // Resume first: a remembered container that reads PUBLISHED may be what used up the quota.
      Optional<Remembered> resumed = resume(containers, account, key, caption);
      checkPublishingLimit(account);
      for (int set = 1; ; set++) {
        try {
          Remembered root =
              resumed.isPresent() ? resumed.get() : create(containers, request, account, key);
          resumed = Optional.empty();
          return settled(publish(containers, account, key, root, caption), account, key);
        } catch (InstagramContainers.Recreate recreate) {
          memo.remove(account, key);
          if (set >= settings.maxContainerSets()) {
            return PublishResult.retryLater(
                settings.retryDelay(),
                recreate.getMessage() + "; gave up after " + set + " container set(s)");
          }
        }
      }
    } catch (PublishStop stop) {
      return settled(stop.result(), account, key);
    }
  }

  /**
   * {@code result}, the remembered container forgotten when it is final (published, or refused for
   * good); kept otherwise, so that a retry re-polls or reconciles it.
   */
  private PublishResult settled(PublishResult result, String account, String key) {
    if (result instanceof PublishResult.Rejected || result instanceof PublishResult.Published) {
      memo.remove(account, key);
    }
    return result;
  }

  private Remembered create(
      InstagramContainers containers, PublishRequest request, String account, String key)
      throws InstagramContainers.Recreate, PublishStop {
    Instant createdAt = settings.clock().instant();
    String id =
        containers.create(
            request.post(), root -> memo.put(account, key, new Remembered(root, createdAt)));
    return new Remembered(id, createdAt);
  }

  /**
   * The remembered container if it can still be published (awaited until {@code FINISHED}); empty
   * when there is none or it expired or failed. A {@code PUBLISHED} one ends the run.
   */
  private Optional<Remembered> resume(
      InstagramContainers containers, String account, String key, String caption)
      throws PublishStop {
    Optional<Remembered> remembered = memo.get(account, key);
    if (remembered.isEmpty()) {
      return Optional.empty();
    }
    try {
      String code = containers.awaitFinished(remembered.get().containerId());
      if (code.equals(InstagramContainers.PUBLISHED)) {
        throw new PublishStop(
            alreadyPublished(account, remembered.get(), caption, "an earlier attempt"));
      }
      return remembered;
    } catch (InstagramContainers.Recreate e) {
      memo.remove(account, key);
      return Optional.empty();
    }
  }

  private PublishResult publish(
      InstagramContainers containers, String account, String key, Remembered root, String caption)
      throws InstagramContainers.Recreate, PublishStop {
    String id = root.containerId();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= settings.maxPublishAttempts();
      ApiResponse response;
      try {
        response = api.publish(account, id, token);
      } catch (TransportException e) {
        if (e.wasNotSent()) {
          return PublishResult.retryLater(settings.retryDelay(), e.getMessage());
        }
        reconcile(containers, account, root, caption, e.getMessage(), last);
        continue;
      }
      if (response.isSuccessful()) {
        return published(response, account, key);
      }
      if (InstagramErrors.isAmbiguous(response)) {
        String reason = GraphOutcomes.reason("instagram", response, Optional.empty());
        reconcile(containers, account, root, caption, reason, last);
        continue;
      }
      GraphError error = GraphOutcomes.error(response).orElse(null);
      if (error != null && !last && error.is(9007, 2207027)) {
        publishedMeanwhile(containers.awaitFinished(id), account, root, caption);
        continue;
      }
      if (error != null && !last && error.is(24, 2207008)) {
        publishedMeanwhile(containers.awaitFinished(id), account, root, caption);
        PublishStop.sleep(
            sleeper, settings.builderRetryDelay(), "instagram", settings.retryDelay());
        continue;
      }
      if (error != null && error.is(-2, 2207020)) {
        throw new InstagramContainers.Recreate(
            "instagram: the media of container " + id + " expired");
      }
      if (error != null && error.is(24, InstagramErrors.MEDIA_NOT_FOUND)) {
        // "Generate a new container and use it to try again" (Instagram error codes reference).
        throw new InstagramContainers.Recreate(
            "instagram: container " + id + " cannot be found (24/2207006)");
      }
      return InstagramErrors.classify(response, settings, settings.clock().instant());
    }
  }

  /** Ends the run if {@code code} says the container went out while we were told otherwise. */
  private void publishedMeanwhile(String code, String account, Remembered root, String caption)
      throws PublishStop {
    if (code.equals(InstagramContainers.PUBLISHED)) {
      throw new PublishStop(alreadyPublished(account, root, caption, "media_publish"));
    }
  }

  /**
   * After a {@code media_publish} whose outcome is unknown: waits a poll interval and reads the
   * container. {@code PUBLISHED} ends the run with the media found; {@code FINISHED} returns, so
   * the caller sends {@code media_publish} again (unless this was its last attempt); anything else,
   * or an unreadable container, ends the run as {@code Unknown}.
   */
  private void reconcile(
      InstagramContainers containers,
      String account,
      Remembered root,
      String caption,
      String reason,
      boolean last)
      throws PublishStop {
    PublishResult unknown = PublishResult.unknown(reason);
    PublishStop.sleep(sleeper, settings.pollInterval(), unknown);
    String code;
    try {
      code = containers.read(root.containerId()).path("status_code").asText("");
    } catch (PublishStop unreadable) {
      throw new PublishStop(
          PublishResult.unknown(reason + "; the container could not be read to reconcile"));
    }
    if (code.equals(InstagramContainers.PUBLISHED)) {
      throw new PublishStop(alreadyPublished(account, root, caption, "media_publish"));
    }
    if (!code.equals(InstagramContainers.FINISHED) || last) {
      throw new PublishStop(PublishResult.unknown(reason + "; the container then read " + code));
    }
  }

  /** How long after an attempt a post missing from the account's media counts as not created. */
  static final Duration SETTLE = Duration.ofMinutes(2);

  /**
   * {@link InstagramPublisher#reconcile}: for a story, {@link InstagramStories#reconcile}; otherwise
   * the account's most recent media, read from any node, say
   * whether {@code request}, first sent at {@code firstSentAt}, was published: media with its
   * caption since then is {@code Found}; none, {@value #RECENT_MEDIA} media read at least {@link
   * #SETTLE} after the attempt, is {@code NotFound} ({@code media_publish} answers once the media
   * exists); before that, or while the media cannot be listed for a reason that may pass, {@code
   * Pending}; a post without a caption, or a listing refused for good, {@code Undetermined}.
   */
  Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    if (InstagramKind.of(request.post()) == InstagramKind.STORIES) {
      // Stories are not in /{ig-user-id}/media and have no caption: see InstagramStories.
      return stories.reconcile(request.account(), request.post(), firstSentAt);
    }
    String caption = InstagramPosts.caption(request.post());
    if (caption.isBlank()) {
      return Reconciliation.undetermined("a post without a caption cannot be told apart among the"
          + " account's media");
    }
    ApiResponse response;
    try {
      response = api.recentMedia(request.account(), RECENT_MEDIA, token);
    } catch (TransportException e) {
      return Reconciliation.pending(settings.retryDelay(),
          "the account's media could not be listed: " + e.getMessage());
    }
    if (!response.isSuccessful()) {
      String why = "the account's media could not be listed: HTTP " + response.status();
      return response.status() >= 500 || response.status() == 429
          ? Reconciliation.pending(settings.retryDelay(), why)
          : Reconciliation.undetermined(why);
    }
    Instant since = firstSentAt.minus(CLOCK_SLACK);
    for (JsonNode media : response.jsonOrMissing().path("data")) {
      boolean sameCaption = media.path("caption").asText("").strip().equals(caption.strip());
      boolean recent = GraphApi.parseTime(media.path("timestamp").asText(null))
          .map(t -> !t.isBefore(since)).orElse(false);
      Optional<String> id = Json.text(media, "id");
      if (sameCaption && recent && id.isPresent()) {
        return Reconciliation.found(id.get(), uri(media.path("permalink").asText(null)));
      }
    }
    Instant now = settings.clock().instant();
    Instant settled = firstSentAt.plus(SETTLE);
    if (now.isBefore(settled)) {
      return Reconciliation.pending(Duration.between(now, settled),
          "no media with its caption yet; it may still appear");
    }
    return Reconciliation.notFound("no media with its caption among the account's "
        + RECENT_MEDIA + " most recent since " + since);
  }

  /**
   * The result for a container that reads {@code PUBLISHED}: the media with the same caption
   * published since the container was created, among the account's most recent media.
   */
  private PublishResult alreadyPublished(
      String account, Remembered root, String caption, String by) {
    String context =
        "instagram: container " + root.containerId() + " reads PUBLISHED (" + by + " went out)";
    if (post != null && InstagramKind.of(post) == InstagramKind.STORIES) {
      return stories.published(account, post, root.createdAt(), context);
    }
    ApiResponse response;
    try {
      response = api.recentMedia(account, RECENT_MEDIA, token);
    } catch (TransportException e) {
      return PublishResult.unknown(context + "; its media could not be listed: " + e.getMessage());
    }
    if (!response.isSuccessful()) {
      return PublishResult.unknown(
          context + "; its media could not be listed: HTTP " + response.status());
    }
    Instant since = root.createdAt().minus(CLOCK_SLACK);
    for (JsonNode media : response.jsonOrMissing().path("data")) {
      boolean sameCaption = media.path("caption").asText("").strip().equals(caption.strip());
      boolean recent =
          GraphApi.parseTime(media.path("timestamp").asText(null))
              .map(t -> !t.isBefore(since))
              .orElse(false);
      Optional<String> id = Json.text(media, "id");
      if (sameCaption && recent && id.isPresent()) {
        return PublishResult.published(id.get(), uri(media.path("permalink").asText(null)));
      }
    }
    return PublishResult.unknown(
        context + "; no media among the " + RECENT_MEDIA + " most recent matches its caption");
  }

  private PublishResult published(ApiResponse response, String account, String key)
      throws PublishStop {
    JsonNode body = PublishStop.json("instagram", response, Stage.PUBLISH, settings.retryDelay());
    String mediaId =
        Json.text(body, "id")
            .orElseThrow(
                () ->
                    PublishStop.malformed(
                        "instagram",
                        response,
                        Stage.PUBLISH,
                        settings.retryDelay(),
                        "no media id"));
    memo.remove(account, key);
    return PublishResult.published(mediaId, permalink(mediaId));
  }

  /** The permalink from the media's fields; null if the lookup fails (the post is out anyway). */
  private URI permalink(String mediaId) {
    try {
      ApiResponse response = api.media(mediaId, token);
      return response.isSuccessful()
          ? uri(response.jsonOrMissing().path("permalink").asText(null))
          : null;
    } catch (TransportException e) {
      return null;
    }
  }

  private void checkPublishingLimit(String account) throws PublishStop {
    if (!settings.checkPublishingLimit()) {
      return;
    }
    ApiResponse response;
    try {
      response = api.publishingLimit(account, token);
    } catch (TransportException e) {
      return; // advisory: media_publish enforces the quota itself
    }
    Instant now = settings.clock().instant();
    if (!response.isSuccessful()) {
      PublishResult result = InstagramErrors.classify(response, settings, now);
      if (result instanceof PublishResult.AuthExpired
          || result instanceof PublishResult.RateLimited) {
        throw new PublishStop(result);
      }
      return;
    }
    JsonNode limit = response.jsonOrMissing().path("data").path(0);
    JsonNode usage = limit.path("quota_usage");
    JsonNode total = limit.path("config").path("quota_total");
    if (usage.canConvertToLong() && total.canConvertToLong() && usage.asLong() >= total.asLong()) {
      Duration window =
          Duration.ofSeconds(limit.path("config").path("quota_duration").asLong(86_400));
      Duration wait =
          window.compareTo(settings.quotaRetryInterval()) < 0
              ? window
              : settings.quotaRetryInterval();
      throw new PublishStop(
          PublishResult.rateLimited(
              now.plus(wait),
              "instagram: "
                  + usage.asLong()
                  + " of "
                  + total.asLong()
                  + " API posts published in the rolling "
                  + window.toHours()
                  + " h window (content_publishing_limit); waiting for the window to free a slot"));
    }
  }

  private static URI uri(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
