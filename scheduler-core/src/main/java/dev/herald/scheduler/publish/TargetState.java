package dev.herald.scheduler.publish;

/** Where one target of a post is. */
public enum TargetState {
  /** Waiting for its publish time, or for a retry after an attempt that published nothing. */
  SCHEDULED,
  /**
   * Being published, or an attempt's outcome is unknown and a retry with the same idempotency key
   * is pending.
   */
  PUBLISHING,
  /** Live on the platform; the remote id and URL are known. */
  PUBLISHED,
  /** Refused by the platform for good, or out of retries. */
  FAILED,
  /** The outcome is unknown and a retry could publish twice: a human decides. */
  NEEDS_REVIEW,
  /** Cancelled before it was published. */
  CANCELLED
}
