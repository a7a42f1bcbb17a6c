package dev.herald.platforms.mastodon;

import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Maps Mastodon's error responses to a {@link PublishResult} by HTTP status, the call that got it
 * and locale-independent signals only: the API renders its validation errors in the instance's
 * default locale (mastodon/mastodon {@code app/controllers/api/base_controller.rb} skips the
 * per-user locale), so no rule here reads a translated message.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>Response</th><th>Call</th><th>Result</th></tr>
 *   <tr><td>401</td><td>any</td><td>{@code AuthExpired}: tokens never expire; the user revoked
 *       the app or the account is disabled</td></tr>
 *   <tr><td>403 with {@code WWW-Authenticate: Bearer error="insufficient_scope"} (or {@code
 *       invalid_scope} from older Doorkeeper), or the untranslated body "This action is outside
 *       the authorized scopes"</td><td>any</td><td>{@code AuthExpired}: the token lacks a scope;
 *       the remedy is authorising again with {@code write:statuses write:media}
 *       (doorkeeper-gem/doorkeeper {@code forbidden_token_response.rb},
 *       base_controller.rb {@code doorkeeper_forbidden_render_options})</td></tr>
 *   <tr><td>429</td><td>any</td><td>{@code RateLimited} until {@code X-RateLimit-Reset} /
 *       {@code Retry-After}, else 5 minutes</td></tr>
 *   <tr><td>5xx</td><td>status</td><td>{@code Unknown}: a proxy 502/504 can follow a status the
 *       server created, and servers with mastodon/mastodon#40399 (fixed by #40439) answer 500 to
 *       every replay of a known key; the publishing layer replays with the same key inside the
 *       hour, then asks for review</td></tr>
 *   <tr><td>5xx</td><td>upload, media poll</td><td>{@code RetryLater}: nothing is published by
 *       these</td></tr>
 *   <tr><td>404</td><td>status, not a reply or scheduled</td><td>{@code Unknown}: the server
 *       knows the key, but its first post is gone from where it looks (a scheduled status on 4.3
 *       and later, whose key is looked up in {@code account.statuses} before {@code scheduled_at}
 *       is parsed; post_status_service.rb {@code with_idempotency}); the only other 404 of
 *       the call is a missing {@code in_reply_to_id}</td></tr>
 *   <tr><td>every other status (400, 403, 404, 410, 422…)</td><td>any</td><td>{@code Rejected}
 *       with the status as code and the server's {@code error} as reason</td></tr>
 * </table>
 *
 * <p>The 422 "media not yet processed" is not classified here: {@link MastodonPublication} tells
 * it by the media's processing state ({@code GET /api/v1/media/:id} answers 206), which is the
 * server's own test ({@code not_processed?}) and speaks every language.
 *
 * <p>This class is threadsafe (stateless).
 */
final class MastodonErrors {

  /** The call a response answered. */
  enum Call {
    /** {@code POST /api/v2/media} or {@code GET /api/v1/media/:id}: publishes nothing. */
    MEDIA,
    /** {@code POST /api/v1/statuses} of a reply that is not scheduled. */
    REPLY,
    /** {@code POST /api/v1/statuses} of any other status, scheduled or not. */
    STATUS
  }

  static final Duration RATE_LIMIT_FALLBACK = Duration.ofMinutes(5);

  /** Base_controller.rb's body for Doorkeeper's 403: a Ruby literal, never translated. */
  private static final String OUTSIDE_SCOPES = "This action is outside the authorized scopes";

  private MastodonErrors() {}

  /** The result of an unsuccessful {@code response} to {@code call}. */
  static PublishResult classify(ApiResponse response, Call call, Instant now, Duration retryDelay) {
    int status = response.status();
    String reason = "mastodon " + response.request() + ": HTTP " + status + " " + message(response);
    if (status == 401) {
      return PublishResult.authExpired(reason);
    }
    if (status == 403 && isScopeError(response)) {
      return PublishResult.authExpired(
          reason + " (the token lacks a scope: authorise the app again)");
    }
    if (status == 429) {
      return Outcomes.rateLimited(response, now, RATE_LIMIT_FALLBACK, reason);
    }
    if (status >= 500) {
      return call == Call.MEDIA
          ? PublishResult.retryLater(retryDelay, reason)
          : PublishResult.unknown(reason + " (the status may have been created)");
    }
    if (status == 404 && call == Call.STATUS) {
      return PublishResult.unknown(reason
          + " (the server knows the Idempotency-Key: a replay of a scheduled status on Mastodon"
          + " 4.3 and later, or of a status deleted since)");
    }
    return PublishResult.rejected(Integer.toString(status), reason);
  }

  /** Whether a 403 is Doorkeeper's missing-scope answer. */
  static boolean isScopeError(ApiResponse response) {
    String challenge = response.header("WWW-Authenticate").orElse("").toLowerCase(Locale.ROOT);
    return challenge.contains("error=\"insufficient_scope\"")
        || challenge.contains("error=\"invalid_scope\"")
        || OUTSIDE_SCOPES.equals(Json.text(response.jsonOrMissing(), "error").orElse(""));
  }

  /** The {@code error} member of an error body (redacted), or an empty string. */
  static String message(ApiResponse response) {
    return Json.text(response.jsonOrMissing(), "error")
        .map(m -> response.request().redact(m))
        .orElse("");
  }
}
