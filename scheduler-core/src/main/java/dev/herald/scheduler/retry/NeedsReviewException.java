package dev.herald.scheduler.retry;

import dev.herald.scheduler.SchedulerException;

/**
 * Thrown by a job whose outcome is unknown and whose repetition could do harm (a post sent to a
 * platform that cannot deduplicate, and whose response was lost). The job ends NEEDS_REVIEW with
 * this message, is never retried automatically, and waits for a human.
 */
public final class NeedsReviewException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /**
   * @param reason what is unknown, for the human who reviews it
   */
  public NeedsReviewException(String reason) {
    super(reason);
  }

  /**
   * With the failure that left the outcome unknown.
   *
   * @param reason what is unknown, for the human who reviews it
   * @param cause the failure that left the outcome unknown
   */
  public NeedsReviewException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
