package dev.herald.scheduler;

/**
 * What happens to a job whose node died (stopped renewing its lease) while running it.
 *
 * <p>The node may have done some or all of the job's side effects before dying. Herald cannot know,
 * so the job type says which is worse: a repeat, or a human look.
 */
public enum RecoveryPolicy {
  /**
   * Run it again (the default): the job is idempotent, or checks what it already did with {@link
   * JobContext#step}. The recovered run counts as an attempt.
   */
  RERUN,
  /** Park it as NEEDS_REVIEW: repeating it could do harm (a payment, a post without dedupe). */
  NEEDS_REVIEW
}
