package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notNull;

import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.time.Instant;

/**
 * Classification shared by every adapter: what a transport failure or a rate-limit response means
 * for a publish. This class is threadsafe (stateless).
 */
public final class Outcomes {

  /** Where in a publish flow a call happens. */
  public enum Stage {
    /**
     * Before the call that makes the post public (media uploads, polls, container creation): its
     * failure leaves nothing published, at worst an orphan upload the platform cleans up.
     */
    PREPARE,
    /** The call that makes the post public: a failure after sending may have published it. */
    PUBLISH
  }

  private Outcomes() {}

  /**
   * {@link PublishResult.RetryLater} when nothing can have been published ({@code stage} is {@link
   * Stage#PREPARE} or the request was never sent), else {@link PublishResult.Unknown}.
   */
  public static PublishResult transportFailure(
      TransportException e, Stage stage, Duration retryDelay) {
    notNull(e, "e");
    if (stage == Stage.PREPARE || e.wasNotSent()) {
      return PublishResult.retryLater(retryDelay, e.getMessage());
    }
    return PublishResult.unknown(e.getMessage());
  }

  /**
   * {@link PublishResult.RateLimited} until the time {@code response}'s headers give ({@link
   * RateLimits#until()}), or {@code now + fallback} when they give none.
   */
  public static PublishResult.RateLimited rateLimited(
      ApiResponse response, Instant now, Duration fallback, String reason) {
    Instant until =
        RateLimits.of(response.headers(), now).until().orElseGet(() -> now.plus(fallback));
    return PublishResult.rateLimited(until, reason);
  }
}
