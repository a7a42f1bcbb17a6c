package dev.herald.platforms.facebook;

import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.meta.GraphError;
import dev.herald.platforms.internal.meta.GraphOutcomes;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Instant;
import java.util.Optional;

/**
 * Maps Facebook Page errors to a {@link PublishResult} by Graph error code (the HTTP status is
 * usually 400 whatever happened), per the platform's API documentation:
 *
 * <ul>
 *   <li>190 (any subcode: 463 expired, 460 password changed, 458 app removed…), 102 → {@code
 *       AuthExpired}: a Page token has no refresh endpoint; it is derived again from the user
 *       token, or the user logs in again.
 *   <li>4, 17, 32, 613, 341, 80001 → {@code RateLimited} until {@code
 *       estimated_time_to_regain_access} ({@code X-Business-Use-Case-Usage}) or {@code
 *       Retry-After}, else the fallback ({@code X-App-Usage} and {@code X-Page-Usage} give only
 *       percentages).
 *   <li>368 (temporarily blocked, "going too fast") → {@code RateLimited} for the block deferral:
 *       "wait hours", a "long defer", not a rejection of the content.
 *   <li>1609005 (the link could not be scraped) → {@code RetryLater}: "check URL, retry later".
 *   <li>1, 2 and {@code is_transient: true} → {@code RetryLater}.
 *   <li>506 (duplicate of the previous post) → {@code Rejected}, unless the publication confirms
 *       the earlier post is this publish's own (then {@code Published}).
 *   <li>10 and 200–299 (a permission not granted or removed: "Handle the missing permissions",
 *       https://developers.facebook.com/docs/graph-api/guides/error-handling) → {@code
 *       AuthExpired}: the remedy is the user authorising the app again with the permission, not a
 *       change to the post.
 *   <li>100, 324, 3 and every other code → {@code Rejected} with the code text.
 *   <li>No Graph envelope: 401 → {@code AuthExpired}, 429 → {@code RateLimited}, 5xx → {@code
 *       RetryLater} (an ambiguous 5xx of the publishing call is reconciled first), other statuses →
 *       {@code Rejected} with the status.
 * </ul>
 *
 * <p>This class is threadsafe (stateless).
 */
final class FacebookErrors {

  /** Duplicate post: the same content as the previous post. */
  static final int DUPLICATE = 506;

  private FacebookErrors() {}

  /** The result of an unsuccessful {@code response}. */
  static PublishResult classify(
      ApiResponse response, FacebookPublisher.Settings settings, Instant now) {
    Optional<GraphError> parsed = GraphOutcomes.error(response);
    String reason = GraphOutcomes.reason(FacebookPublisher.PLATFORM, response, parsed);
    if (parsed.isEmpty()) {
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
    GraphError e = parsed.get();
    if (e.code() == 1609005) {
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

  /** Whether {@code response} is Graph error 506, a duplicate of the previous post. */
  static boolean isDuplicate(ApiResponse response) {
    return GraphOutcomes.error(response).filter(e -> e.code() == DUPLICATE).isPresent();
  }

  /** Whether {@code response} is a 5xx without a Graph envelope: the server may have acted. */
  static boolean isAmbiguous(ApiResponse response) {
    return response.status() >= 500 && GraphOutcomes.error(response).isEmpty();
  }
}
