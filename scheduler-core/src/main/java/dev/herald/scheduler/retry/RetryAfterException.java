package dev.herald.scheduler.retry;

import dev.herald.scheduler.SchedulerException;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Thrown by a job to choose when it runs again, instead of the retry policy's backoff: "the
 * platform said Retry-After: 120", "the quota resets at midnight".
 *
 * <p>{@link #after(Duration, String)} and {@link #at(Instant, String)} count the run as a failed
 * attempt (when none are left, the job fails as usual). {@link #deferUntil(Instant, String)} does
 * not: the job was not allowed to try (a rate limit), so it keeps its attempts.
 */
public final class RetryAfterException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /** The delay from the end of the run, or null when an instant is given. */
  private final Duration delay;
  /** The time of the next run, or null when a delay is given. */
  private final Instant at;
  /** Whether the run counts as a failed attempt. */
  private final boolean countsAsAttempt;

  private RetryAfterException(String reason, Duration delay, Instant at, boolean counts) {
    super(reason);
    this.delay = delay;
    this.at = at;
    this.countsAsAttempt = counts;
  }

  /**
   * Retry after {@code delay}; counts as a failed attempt.
   *
   * @param delay how long after the end of the run the job runs again
   * @param reason why, recorded as the attempt's error
   * @return the exception to throw
   */
  public static RetryAfterException after(Duration delay, String reason) {
    Preconditions.notNegative(delay, "retry delay");
    return new RetryAfterException(Preconditions.notNull(reason, "reason"), delay, null, true);
  }

  /**
   * Retry at {@code instant}; counts as a failed attempt.
   *
   * @param instant when the job runs again
   * @param reason why, recorded as the attempt's error
   * @return the exception to throw
   */
  public static RetryAfterException at(Instant instant, String reason) {
    Preconditions.notNull(instant, "retry time");
    return new RetryAfterException(Preconditions.notNull(reason, "reason"), null, instant, true);
  }

  /**
   * Run again at {@code instant} without counting an attempt (a rate limit, a quota).
   *
   * @param instant when the job runs again
   * @param reason why, recorded as the job's last error
   * @return the exception to throw
   */
  public static RetryAfterException deferUntil(Instant instant, String reason) {
    Preconditions.notNull(instant, "defer time");
    return new RetryAfterException(Preconditions.notNull(reason, "reason"), null, instant, false);
  }

  /**
   * The delay from the end of the run, when given as a delay.
   *
   * @return the delay, or empty if the exception gives an instant
   */
  public Optional<Duration> delay() {
    return Optional.ofNullable(delay);
  }

  /**
   * The instant, when given as an instant.
   *
   * @return the instant, or empty if the exception gives a delay
   */
  public Optional<Instant> instant() {
    return Optional.ofNullable(at);
  }

  /**
   * Whether the run counts as a failed attempt.
   *
   * @return true for {@link #after} and {@link #at}; false for {@link #deferUntil}
   */
  public boolean countsAsAttempt() {
    return countsAsAttempt;
  }
}
