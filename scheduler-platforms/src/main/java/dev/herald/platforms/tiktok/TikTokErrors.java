package dev.herald.platforms.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.http.RateLimits;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Maps TikTok's answers to a {@link PublishResult} by {@code error.code} first and HTTP status
 * second, never by message text. Every
 * Content Posting response carries {@code {"data":{…},"error":{"code","message","log_id"}}} and
 * succeeds only when {@code error.code} is {@code ok}, whatever the HTTP status.
 *
 * <ul>
 *   <li>{@code access_token_invalid} (401) → {@code AuthExpired}: refresh once, else re-authorise.
 *   <li>{@code scope_not_authorized} and {@code scope_permission_missed} (401) → {@code
 *       AuthExpired}: "The user did not authorize the scope required for completing this request.
 *       Please ask the user to authorize and then retry"
 *       (https://developers.tiktok.com/doc/tiktok-api-v2-error-handling); a refresh keeps the
 *       scopes the user granted, so only a new authorisation helps.
 *   <li>{@code rate_limit_exceeded} (429) → {@code RateLimited} until the later of any {@code
 *       Retry-After} and now + 60 s ("retry after ≥ 60 s"; TikTok documents no headers).
 *   <li>{@code spam_risk_too_many_posts}, {@code reached_active_user_cap} (403) → {@code
 *       RateLimited} for 24 h: the creator's daily post cap, the app's daily active-user quota.
 *   <li>{@code spam_risk_too_many_pending_share} (403) → {@code RateLimited} for 1 h: at most 5
 *       pending inbox shares, freed as the creator acts on drafts; a refused init creates
 *       nothing, so trying hourly is free.
 *   <li>{@code internal_error} and any other 5xx → {@code RetryLater} before publishing starts
 *       (creator_info, a FILE_UPLOAD init: nothing goes live before the last chunk). On the call
 *       that starts publishing (a PULL_FROM_URL or photo init) they are {@code Unknown}: TikTok
 *       fetches the media itself once the init is accepted, documents no transaction around it,
 *       and describes {@code internal_error} only as "the generic error code for TikTok internal
 *       errors" (https://developers.tiktok.com/doc/tiktok-api-v2-error-handling), so a 500, 502,
 *       503 or 504 may follow a fetch that started and goes live. Only a refusal with one of the
 *       codes below says nothing started.
 *   <li>{@code invalid_param} / {@code invalid_params} (both spellings), every {@code
 *       *_check_failed}, {@code spam_risk_user_banned_from_posting},
 *       {@code unaudited_client_can_only_post_to_private_accounts}, {@code
 *       url_ownership_unverified}, {@code privacy_level_option_mismatch} and any other 4xx → {@code
 *       Rejected} with the code.
 * </ul>
 *
 * <p>This class is threadsafe (stateless).
 */
final class TikTokErrors {

  static final Duration MIN_RATE_LIMIT = Duration.ofSeconds(60);
  static final Duration DAILY_CAP = Duration.ofHours(24);
  static final Duration PENDING_SHARE_CAP = Duration.ofHours(1);

  private static final Set<String> REJECTED =
      Set.of(
          "invalid_param",
          "invalid_params",
          "spam_risk_user_banned_from_posting",
          "unaudited_client_can_only_post_to_private_accounts",
          "url_ownership_unverified",
          "privacy_level_option_mismatch",
          "invalid_publish_id",
          "token_not_authorized_for_specified_publish_id",
          "publish_not_cancellable");

  private TikTokErrors() {}

  /**
   * The {@code error} member of a response. {@code code} is empty when the body has none (an upload
   * host or a gateway answering); the log id is read from {@code log_id} or {@code logid}.
   */
  record Envelope(String code, String message, String logId) {
    boolean isOk() {
      return code.equals("ok");
    }

    static Envelope of(ApiResponse response) {
      JsonNode body = response.jsonOrMissing();
      JsonNode error = body.path("error");
      if (error.isObject()) {
        return new Envelope(
            Json.text(error, "code").orElse(""),
            Json.text(error, "message").map(m -> response.request().redact(m)).orElse(""),
            Json.text(error, "log_id").or(() -> Json.text(error, "logid")).orElse(""));
      }
      return new Envelope("", "", Json.text(body, "log_id").orElse(""));
    }
  }

  /** Whether {@code response} is a success: {@code error.code == "ok"} in a 2xx. */
  static boolean isOk(ApiResponse response) {
    return response.isSuccessful() && Envelope.of(response).isOk();
  }

  /**
   * The result of a response that is not a success, for a call made at {@code stage}: {@link
   * Stage#PUBLISH} for the call that makes TikTok start publishing (a PULL_FROM_URL or photo init).
   */
  static PublishResult classify(
      ApiResponse response, Stage stage, Instant now, Duration retryDelay) {
    Envelope error = Envelope.of(response);
    String code = error.code();
    String reason = describe(response, error);
    switch (code) {
      case "access_token_invalid":
      case "scope_not_authorized":
      case "scope_permission_missed":
        return PublishResult.authExpired(reason);
      case "rate_limit_exceeded":
        return rateLimited(response, now, reason);
      case "spam_risk_too_many_posts":
      case "reached_active_user_cap":
        return PublishResult.rateLimited(now.plus(DAILY_CAP), reason);
      case "spam_risk_too_many_pending_share":
        return PublishResult.rateLimited(now.plus(PENDING_SHARE_CAP), reason);
      case "internal_error":
        return serverError(stage, reason, retryDelay);
      default:
        break;
    }
    if (REJECTED.contains(code) || code.endsWith("_check_failed")) {
      return PublishResult.rejected(code, reason);
    }
    int status = response.status();
    if (status == 401) {
      return PublishResult.authExpired(reason);
    }
    if (status == 429) {
      return rateLimited(response, now, reason);
    }
    if (status >= 500) {
      return serverError(stage, reason, retryDelay);
    }
    return PublishResult.rejected(code.isEmpty() ? Integer.toString(status) : code, reason);
  }

  /**
   * A server error (5xx, or {@code internal_error}) that does not say TikTok refused the request:
   * {@code Unknown} on the call that starts publishing, which may have started a fetch; {@code
   * RetryLater} before it.
   */
  private static PublishResult serverError(Stage stage, String reason, Duration retryDelay) {
    return stage == Stage.PUBLISH
        ? PublishResult.unknown(
            reason
                + "; TikTok may have started fetching the media before failing and has no"
                + " idempotency key: check the creator's recent posts before publishing again")
        : PublishResult.retryLater(retryDelay, reason);
  }

  /**
   * The result of {@code data.status = FAILED} with {@code failReason}: {@code internal} and
   * the pull failures are retryable; {@code spam_risk_too_many_posts} waits a day; {@code
   * auth_removed} needs the creator to authorise the app again; everything else (the {@code
   * *_check_failed} media checks, {@code publish_cancelled}, the other {@code spam_risk*}, and
   * reasons the reference does not list) is permanent.
   */
  static PublishResult failed(String failReason, String context, Instant now, Duration retry) {
    String reason = context + ": status FAILED, fail_reason " + failReason;
    return switch (failReason) {
      case "internal", "video_pull_failed", "photo_pull_failed" ->
          PublishResult.retryLater(retry, reason);
      case "spam_risk_too_many_posts" -> PublishResult.rateLimited(now.plus(DAILY_CAP), reason);
      case "auth_removed" -> PublishResult.authExpired(reason);
      default -> PublishResult.rejected(failReason.isEmpty() ? "FAILED" : failReason, reason);
    };
  }

  /** Whether a status/fetch error is worth polling again: rate limits and server errors. */
  static boolean isTransient(ApiResponse response) {
    String code = Envelope.of(response).code();
    if (code.equals("rate_limit_exceeded") || code.equals("internal_error")) {
      return true;
    }
    boolean known =
        REJECTED.contains(code)
            || code.equals("access_token_invalid")
            || code.equals("scope_not_authorized")
            || code.equals("scope_permission_missed");
    return !known && (response.status() == 429 || response.status() >= 500);
  }

  /** How long to wait after a 429: until any {@code Retry-After}, and at least 60 s. */
  static Duration rateLimitWait(ApiResponse response, Instant now) {
    Instant floor = now.plus(MIN_RATE_LIMIT);
    Instant until =
        RateLimits.of(response.headers(), now).until().filter(u -> u.isAfter(floor)).orElse(floor);
    return Duration.between(now, until);
  }

  /** {@code tiktok POST …: HTTP 403 spam_risk_too_many_posts "message" (log_id …)}. */
  static String describe(ApiResponse response, Envelope error) {
    return "tiktok "
        + response.request()
        + ": HTTP "
        + response.status()
        + (error.code().isEmpty() ? "" : " " + error.code())
        + (error.message().isEmpty() ? "" : " \"" + error.message() + "\"")
        + (error.logId().isEmpty() ? "" : " (log_id " + error.logId() + ")");
  }

  private static PublishResult rateLimited(ApiResponse response, Instant now, String reason) {
    return PublishResult.rateLimited(now.plus(rateLimitWait(response, now)), reason);
  }

  /** The reason of any result, for an exception message. */
  static String reasonOf(PublishResult result) {
    if (result instanceof PublishResult.RateLimited r) {
      return r.reason() + " (until " + r.until() + ")";
    }
    if (result instanceof PublishResult.AuthExpired a) {
      return a.reason();
    }
    if (result instanceof PublishResult.RetryLater r) {
      return r.reason();
    }
    if (result instanceof PublishResult.Rejected r) {
      return r.reason();
    }
    return result instanceof PublishResult.Unknown u ? u.reason() : String.valueOf(result);
  }
}
