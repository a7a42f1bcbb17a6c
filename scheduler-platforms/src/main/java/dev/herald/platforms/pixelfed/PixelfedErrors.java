package dev.herald.platforms.pixelfed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *   <li>403 with an empty {@code error} → {@code AuthExpired}: the token lacks the {@code write}
 *       scope. pixelfed/pixelfed's {@code ApiV1Controller::statusCreate} and {@code
 *       ApiV2Controller::mediaUploadV2} (2024-03) {@code abort_unless($request->user()->tokenCan('write'),
 *       403)} without a message, which {@code app/Exceptions/Handler.php} renders as {@code
 *       {"error":""}}; the remedy is authorising the app again with {@code write}. Their other 403s
 *       carry a message ("Empty statuses are not allowed", "Invalid media id", "Invalid
 *       permissions for this action", "Account size limit reached.") and stay {@code Rejected}.
 *   <li>A body with an {@code errors} member (Laravel validation, 500 or 422) → {@code Rejected}:
 *       code {@value #TEXT_TOO_LONG} for an error on {@code status} (its only rule a string can
 *       fail is {@code max:config_cache('pixelfed.max_caption_length')}), {@value #TOO_MANY_MEDIA}
 *       for one on {@code media_ids} ({@code max:config_cache('pixelfed.max_album_length')}), the
 *       status otherwise. The first two mean the instance enforces a smaller limit than the one
 *       Herald validated against (an admin's override that the instance endpoint did not show
 *       yet); {@link #enforcedLimits} gives the limits to remember.
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

  /** The code of a caption the instance's validation refused as too long. */
  static final String TEXT_TOO_LONG = "text_too_long";

  /** The code of an album the instance's validation refused as too large. */
  static final String TOO_MANY_MEDIA = "too_many_media";

  private static final Pattern NUMBER = Pattern.compile("\\d+");

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
    if (isMissingScope(response)) {
      return PublishResult.authExpired(
          reason
              + " with no message: the token lacks the write scope; authorise the app again with"
              + " the scopes read write");
    }
    if (status == 429) {
      return Outcomes.rateLimited(response, now, RATE_LIMIT_FALLBACK, reason);
    }
    if (isValidationError(response)) {
      if (fieldError(response, "status").isPresent()) {
        return PublishResult.rejected(
            TEXT_TOO_LONG,
            reason + "; the instance enforces a shorter caption than the limit Herald validated"
                + " against, which it now remembers for this instance");
      }
      if (fieldError(response, "media_ids").isPresent()) {
        return PublishResult.rejected(
            TOO_MANY_MEDIA,
            reason + "; the instance enforces a smaller album than the limit Herald validated"
                + " against, which it now remembers for this instance");
      }
      return PublishResult.rejected(Integer.toString(status), reason);
    }
    if (status >= 500) {
      return PublishResult.retryLater(retryDelay, reason);
    }
    return PublishResult.rejected(Integer.toString(status), reason);
  }

  /**
   * Whether {@code response} is Pixelfed's answer to a token without the {@code write} scope: 403
   * with an {@code error} member that is empty.
   */
  static boolean isMissingScope(ApiResponse response) {
    return response.status() == 403
        && response.jsonOrMissing().path("error").isTextual()
        && response.jsonOrMissing().path("error").asText().isBlank();
  }

  /**
   * The limits the instance enforces, as a validation error of the status call shows them: {@code
   * current} with the caption or album limit lowered to the number in the error's message ("The
   * status field must not be greater than 300 characters."), or, when the message has no single
   * number smaller than what was sent (another locale), to one less than what was sent. Empty when
   * the response is not such an error.
   *
   * @param response the unsuccessful response to the status call
   * @param current the limits the post was validated against
   * @param captionLength the caption's length as the instance counts it
   * @param mediaCount how many media ids were sent
   */
  static Optional<PixelfedLimits> enforcedLimits(
      ApiResponse response, PixelfedLimits current, int captionLength, int mediaCount) {
    if (!isValidationError(response)) {
      return Optional.empty();
    }
    Optional<String> caption = fieldError(response, "status");
    if (caption.isPresent() && captionLength > 0) {
      int max = Math.min(current.maxCharacters(), limitIn(caption.get(), captionLength));
      return Optional.of(new PixelfedLimits(max, current.maxMediaAttachments(),
          current.supportedMimeTypes(), current.imageSizeLimit()));
    }
    Optional<String> album = fieldError(response, "media_ids");
    if (album.isPresent() && mediaCount > 0) {
      int max = Math.min(current.maxMediaAttachments(), limitIn(album.get(), mediaCount));
      return Optional.of(new PixelfedLimits(current.maxCharacters(), max,
          current.supportedMimeTypes(), current.imageSizeLimit()));
    }
    return Optional.empty();
  }

  /** The one number in {@code message} below {@code sent}, else {@code sent - 1}. */
  private static int limitIn(String message, int sent) {
    Matcher m = NUMBER.matcher(message);
    List<Integer> numbers = new ArrayList<>();
    while (m.find()) {
      try {
        numbers.add(Integer.parseInt(m.group()));
      } catch (NumberFormatException e) {
        return sent - 1;
      }
    }
    return numbers.size() == 1 && numbers.get(0) < sent ? numbers.get(0) : sent - 1;
  }

  /** The first message of a validation error on {@code field}, if the body has one. */
  private static Optional<String> fieldError(ApiResponse response, String field) {
    JsonNode errors = response.jsonOrMissing().path("errors").path(field);
    if (errors.isArray() && errors.size() > 0) {
      return Optional.of(errors.get(0).asText());
    }
    return errors.isTextual() ? Optional.of(errors.asText()) : Optional.empty();
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
