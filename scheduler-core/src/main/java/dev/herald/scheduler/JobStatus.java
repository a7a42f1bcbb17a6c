package dev.herald.scheduler;

/**
 * Where a scheduled job is in its life.
 *
 * <pre>
 *   SCHEDULED ──claim──▶ RUNNING ──success──▶ SCHEDULED (recurring) | COMPLETED (one-time)
 *       ▲  │                 │──failure──▶ SCHEDULED (retry) | FAILED (retries exhausted)
 *       │  └─pause─▶ PAUSED  │──outcome unknown──▶ NEEDS_REVIEW
 *       └──resume────┘       └──cancel requested──▶ CANCELLED
 * </pre>
 */
public enum JobStatus {
  /** Waiting for its next run time. */
  SCHEDULED,
  /** Claimed by a node, which holds a lease on it while it runs. */
  RUNNING,
  /** Held back by an administrator; missed fire times are handled by the misfire policy on resume. */
  PAUSED,
  /** A one-time job that ran successfully, or a recurring job whose trigger has no more fire times. */
  COMPLETED,
  /** Failed with no retries left (the dead-letter list); {@code SchedulerClient.retry} revives it. */
  FAILED,
  /** Cancelled by an administrator. */
  CANCELLED,
  /** Its outcome is unknown and repeating it could do harm: a human decides. */
  NEEDS_REVIEW;

  /**
   * Whether the job will not run again without an administrator's action.
   *
   * @return true for COMPLETED, FAILED, NEEDS_REVIEW and CANCELLED
   */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == NEEDS_REVIEW;
  }
}
