package dev.herald.platforms.internal.meta;

import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.RateLimits;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the Instagram and Facebook adapters share when turning a Graph API response into a {@link
 * PublishResult}: reading the error envelope, the time a throttle lifts, and a redacted reason.
 *
 * <p>This class is threadsafe (stateless).
 */
public final class GraphOutcomes {

  private GraphOutcomes() {}

  /** The Graph error envelope of {@code response}, if its body is one. */
  public static Optional<GraphError> error(ApiResponse response) {
    return GraphError.parse(response.jsonOrMissing());
  }

  /**
   * When a throttled caller may call again: the later of {@code now +
   * estimated_time_to_regain_access} (the usage headers, in minutes) and {@code Retry-After};
   * {@code now + fallback} when neither is given (platform rate limits report only percentages in
   * {@code X-App-Usage}).
   */
  public static Instant throttledUntil(ApiResponse response, Instant now, Duration fallback) {
    MetaUsage usage = MetaUsage.of(response.headers());
    Optional<Instant> regain =
        usage.regainAccessIn().isZero()
            ? Optional.empty()
            : Optional.of(now.plus(usage.regainAccessIn()));
    Optional<Instant> retryAfter = RateLimits.of(response.headers(), now).until();
    if (regain.isPresent() && retryAfter.isPresent()) {
      return regain.get().isAfter(retryAfter.get()) ? regain.get() : retryAfter.get();
    }
    return regain.or(() -> retryAfter).orElseGet(() -> now.plus(fallback));
  }

  /** {@link PublishResult.RateLimited} until {@link #throttledUntil}. */
  public static PublishResult.RateLimited rateLimited(
      ApiResponse response, Instant now, Duration fallback, String reason) {
    return PublishResult.rateLimited(throttledUntil(response, now, fallback), reason);
  }

  /**
   * A redacted reason: {@code instagram POST https://…/media_publish: HTTP 400 (#9/2207042
   * OAuthException) …}, or the status alone when the body is not a Graph error.
   */
  public static String reason(String platform, ApiResponse response, Optional<GraphError> error) {
    String text =
        platform
            + " "
            + response.request()
            + ": HTTP "
            + response.status()
            + error.map(e -> " " + e.describe()).orElse("");
    return response.request().redact(text);
  }
}
