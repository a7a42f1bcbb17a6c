package dev.herald.platforms.mastodon;

import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.time.Instant;

/**
 * Maps Mastodon's error responses to a {@link PublishResult} by HTTP status, per the platform's API
 * documentation:
 *
 * <ul>
 *   <li>401 → {@code AuthExpired}: Mastodon tokens never expire and cannot be refreshed; a 401
 *       means the user revoked the app or the account is disabled.
 *   <li>429 → {@code RateLimited} until {@code X-RateLimit-Reset} / {@code Retry-After}, else 5
 *       minutes.
 *   <li>5xx → {@code RetryLater}. On the status call this is safe too: the retry reuses the
 *       Idempotency-Key, so a status the server did create is replayed, not duplicated, as long as
 *       the retry comes within the hour.
 *   <li>422 "Cannot attach files that have not finished processing" → {@code RetryLater}. This is
 *       the one case classified by text: the documentation makes the message the signal.
 *   <li>Every other status (400, 403, 404, 410, other 422…) → {@code Rejected} with the status as
 *       code and the server's {@code error} as reason.
 * </ul>
 *
 * <p>This class is threadsafe (stateless).
 */
final class MastodonErrors {

  static final String NOT_FINISHED_PROCESSING =
      "Cannot attach files that have not finished processing";

  static final Duration RATE_LIMIT_FALLBACK = Duration.ofMinutes(5);

  private MastodonErrors() {}

  /** Whether {@code response} is the 422 a status gets while its media is still processing. */
  static boolean isMediaNotReady(ApiResponse response) {
    return response.status() == 422 && message(response).startsWith(NOT_FINISHED_PROCESSING);
  }

  /** The result of an unsuccessful {@code response}. */
  static PublishResult classify(ApiResponse response, Instant now, Duration retryDelay) {
    int status = response.status();
    String reason = "mastodon " + response.request() + ": HTTP " + status + " " + message(response);
    if (status == 401) {
      return PublishResult.authExpired(reason);
    }
    if (status == 429) {
      return Outcomes.rateLimited(response, now, RATE_LIMIT_FALLBACK, reason);
    }
    if (status >= 500 || isMediaNotReady(response)) {
      return PublishResult.retryLater(retryDelay, reason);
    }
    return PublishResult.rejected(Integer.toString(status), reason);
  }

  /** The {@code error} member of an error body (redacted), or an empty string. */
  static String message(ApiResponse response) {
    return Json.text(response.jsonOrMissing(), "error")
        .map(m -> response.request().redact(m))
        .orElse("");
  }
}
