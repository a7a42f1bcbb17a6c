package dev.herald.platforms.pixelfed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Maps Pixelfed's responses to a {@link PublishResult}, per the platform's API documentation.
 * Pixelfed's exception handler renders every error as {@code {"error": "..."}} (or, for
 * validation, {@code {"message", "errors"}}) with the exception's status <i>or 500 when it has
 * none</i>, so the status alone is not enough: two bodies are signals in their own right, as the
 * reference says ("classify by body, not only by status").
 *
 * <ul>
 *   <li>{@code {"error":"Unauthenticated."}} with any status (500 on live servers, issue #5613; 401
 *       on patched handlers), any 401, and a redirect to {@code /login} (what Laravel does for an
 *       expired personal access token, #6166) → {@code AuthExpired}: refresh the token, else
 *       re-authorise. Never retried as a server error.
 *   <li>A body with an {@code errors} member (Laravel validation, 500 or 422) → {@code Rejected}.
 *   <li>On the status call only: 400 {@code "Duplicate idempotency key."} → {@code Unknown}. The
 *       key is stored before the post is attempted, so the 400 proves only that an earlier request
 *       with this key reached Pixelfed within the hour, not whether it published; the reference
 *       says "maybe already posted → reconcile, never success". {@code Rejected} would be wrong
 *       too: it reads as "nothing was posted", which invites a manual re-post of a post that may be
 *       live. The message is the signal here because the other 400s of the endpoint ("Invalid
 *       media_ids", "Direct visibility is not available.") are permanent.
 *   <li>429 → {@code RateLimited} until {@code Retry-After}/{@code X-RateLimit-Reset} if a proxy
 *       sent them, else one hour: Pixelfed's own 429s are daily caps (1,000 posts, 1,250 uploads
 *       per 24 h) without headers, and the reference says to back off hours, not seconds. One hour
 *       is also how long the status call's Idempotency-Key lives, and a capped request has consumed
 *       it, so the retry does not run into "Duplicate idempotency key.".
 *   <li>Other 5xx (500 without those bodies, 502, 503, 504) → {@code RetryLater}.
 *   <li>Other 3xx and 4xx (400, 403 including "Empty statuses are not allowed", 404, 422, 451) →
 *       {@code Rejected}, the status as code.
 * </ul>
 *
 * <p>This class is threadsafe (stateless).
 */
final class PixelfedErrors {

  /** The {@code error} of a bad or expired token, verbatim. */
  static final String UNAUTHENTICATED = "Unauthenticated.";

  /** The {@code error} of a repeated Idempotency-Key, verbatim. */
  static final String DUPLICATE_KEY = "Duplicate idempotency key.";

  /** How long a 429 without rate-limit headers waits: hours, and at least the key's lifetime. */
  static final Duration RATE_LIMIT_FALLBACK = Duration.ofHours(1);

  private PixelfedErrors() {}

  /**
   * Whether {@code response} is the 400 a repeated Idempotency-Key gets (any 4xx with that message,
   * so that a server answering it with another client-error status is not taken as permanent).
   */
  static boolean isDuplicateKey(ApiResponse response) {
    return response.status() >= 400
        && response.status() < 500
        && message(response)
            .trim()
            .toLowerCase(Locale.ROOT)
            .startsWith("duplicate idempotency key");
  }

  /** Whether {@code response} says the token is invalid or expired, whatever its status. */
  static boolean isUnauthenticated(ApiResponse response) {
    return response.status() == 401
        || UNAUTHENTICATED.equals(message(response).trim())
        || isLoginRedirect(response);
  }

  /**
   * The result of an unsuccessful response to the status call: {@link #classify}, except that a
   * duplicate key is {@code Unknown}.
   */
  static PublishResult classifyStatus(ApiResponse response, Instant now, Duration retryDelay) {
    if (isDuplicateKey(response)) {
      return PublishResult.unknown(
          reason(response)
              + "; an earlier request with this Idempotency-Key reached pixelfed within the last"
              + " hour and may have published the post: check the account's recent posts before"
              + " posting again");
    }
    return classify(response, now, retryDelay);
  }

  /** The result of an unsuccessful {@code response} to any call. */
  static PublishResult classify(ApiResponse response, Instant now, Duration retryDelay) {
    int status = response.status();
    String reason = reason(response);
    if (isUnauthenticated(response)) {
      return PublishResult.authExpired(reason);
    }
    if (status == 429) {
      return Outcomes.rateLimited(response, now, RATE_LIMIT_FALLBACK, reason);
    }
    if (isValidationError(response)) {
      return PublishResult.rejected(Integer.toString(status), reason);
    }
    if (status >= 500) {
      return PublishResult.retryLater(retryDelay, reason);
    }
    return PublishResult.rejected(Integer.toString(status), reason);
  }

  /** Whether the body is Laravel's validation envelope ({@code errors} object). */
  static boolean isValidationError(ApiResponse response) {
    return response.jsonOrMissing().path("errors").isObject();
  }

  /**
   * The server's message, redacted: {@code error}, else the validation {@code message}, else empty.
   */
  static String message(ApiResponse response) {
    JsonNode body = response.jsonOrMissing();
    return Json.text(body, "error")
        .or(() -> Json.text(body, "message"))
        .map(m -> response.request().redact(m))
        .orElse("");
  }

  private static boolean isLoginRedirect(ApiResponse response) {
    return response.status() >= 300
        && response.status() < 400
        && response
            .header("Location")
            .map(l -> l.replaceAll("[?#].*$", ""))
            .orElse("")
            .endsWith("/login");
  }

  private static String reason(ApiResponse response) {
    String message = message(response);
    return "pixelfed "
        + response.request()
        + ": HTTP "
        + response.status()
        + (message.isEmpty() ? "" : " " + message);
  }
}
