package dev.herald.platforms.instagram;

import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.meta.GraphError;
import dev.herald.platforms.internal.meta.GraphOutcomes;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Instagram's error responses to a {@link PublishResult} by Graph error code and subcode (the
 * HTTP status is usually 400 whatever happened), per the platform's API documentation.
 * Instagram's own subcodes are checked first, then the general class of the code ({@link
 * GraphError#kind()}):
 *
 * <ul>
 *   <li>190 (any subcode), 102 → {@code AuthExpired}: refresh (Instagram Login) or re-authorise.
 *   <li>10 and 200–299 (a permission not granted or removed, "Handle the missing permissions":
 *       https://developers.facebook.com/docs/graph-api/guides/error-handling) → {@code
 *       AuthExpired}: the user authorises the app again with the permission.
 *   <li>24/2207006 (the media cannot be found) → {@code RetryLater}, not {@code AuthExpired}: Meta
 *       documents it as a "possible permission error due to missing permission or expired token"
 *       whose remedy is "Generate a new container and use it to try again" (Instagram Platform
 *       error codes reference,
 *       https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes).
 *       The publication recreates the container itself; a token that really expired then fails
 *       with 190, a missing permission with 10, and those are {@code AuthExpired}.
 *   <li>9/2207042 (and 9 without subcode), the publishing quota → {@code RateLimited} for the quota
 *       retry interval: "defer until the window rolls, do not retry now".
 *   <li>4, 17, 32, 613, 341, 80002 → {@code RateLimited} until {@code
 *       estimated_time_to_regain_access} / {@code Retry-After}, else the fallback. Except 4/2207051
 *       (activity restricted as suspected spam): {@code Rejected}, "permanent for automation".
 *   <li>368 (temporarily blocked) → {@code RateLimited} for the block deferral (hours).
 *   <li>9007/2207027 (not ready), 24/2207008 (builder expired), -2/2207020 (media expired),
 *       -1/2207032 and -1/2207053 (create failed: new container) → {@code RetryLater}; the
 *       publication polls, retries or recreates before it gives up with this.
 *   <li>1, 2, -1, -2 and {@code is_transient: true} → {@code RetryLater}; but 1/2207057 (thumbnail
 *       offset out of range) → {@code Rejected}.
 *   <li>Everything else (3, 100 with any subcode, 25/2207050, 352, 9004/2207052,
 *       36000–36004…) → {@code Rejected} with the code text, e.g. {@code "36004/2207010"}.
 *   <li>No Graph envelope: 401 → {@code AuthExpired}, 429 → {@code RateLimited}, 5xx → {@code
 *       RetryLater} (the publication reconciles an ambiguous 5xx of {@code media_publish} before it
 *       gets here), other statuses → {@code Rejected} with the status.
 * </ul>
 *
 * <p>This class is threadsafe (stateless).
 */
final class InstagramErrors {

  /** Subcodes after which nothing was published and a new attempt (or container) may succeed. */
  static final Set<Integer> RETRY_SUBCODES =
      Set.of(2207027, 2207008, 2207020, 2207032, 2207053, 2207006);

  /** 24/2207006: the container cannot be found; Meta's remedy is a new container. */
  static final int MEDIA_NOT_FOUND = 2207006;

  /** Container {@code ERROR} subcodes worth a new container (transient causes). */
  static final Set<Integer> TRANSIENT_CONTAINER_SUBCODES =
      Set.of(2207001, 2207003, 2207008, 2207020, 2207032, 2207053);

  private InstagramErrors() {}

  /** The result of an unsuccessful {@code response}. */
  static PublishResult classify(
      ApiResponse response, InstagramPublisher.Settings settings, Instant now) {
    Optional<GraphError> parsed = GraphOutcomes.error(response);
    String reason = GraphOutcomes.reason(InstagramPublisher.PLATFORM, response, parsed);
    if (parsed.isEmpty()) {
      return byStatus(response, settings, now, reason);
    }
    GraphError e = parsed.get();
    int sub = e.subcode().orElse(0);
    if (e.code() == 9) {
      return PublishResult.rateLimited(now.plus(settings.quotaRetryInterval()), reason);
    }
    if (e.is(4, 2207051) || e.is(1, 2207057)) {
      return PublishResult.rejected(e.codeText(), reason);
    }
    if (RETRY_SUBCODES.contains(sub)) {
      return PublishResult.retryLater(settings.retryDelay(), reason);
    }
    return switch (e.kind()) {
      case AUTH, PERMISSION -> PublishResult.authExpired(reason);
      case THROTTLED ->
          GraphOutcomes.rateLimited(response, now, settings.rateLimitFallback(), reason);
      case BLOCKED -> PublishResult.rateLimited(now.plus(settings.blockedDefer()), reason);
      case TRANSIENT -> PublishResult.retryLater(settings.retryDelay(), reason);
      case PERMANENT -> PublishResult.rejected(e.codeText(), reason);
    };
  }

  /** Whether {@code response} is a 5xx without a Graph envelope: the server may have acted. */
  static boolean isAmbiguous(ApiResponse response) {
    return response.status() >= 500 && GraphOutcomes.error(response).isEmpty();
  }

  private static PublishResult byStatus(
      ApiResponse response, InstagramPublisher.Settings settings, Instant now, String reason) {
    int status = response.status();
    if (status == 401) {
      return PublishResult.authExpired(reason);
    }
    if (status == 429) {
      return GraphOutcomes.rateLimited(response, now, settings.rateLimitFallback(), reason);
    }
    if (status >= 500) {
      return PublishResult.retryLater(settings.retryDelay(), reason);
    }
    return PublishResult.rejected(Integer.toString(status), reason);
  }
}
