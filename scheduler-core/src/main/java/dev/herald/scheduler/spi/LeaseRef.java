package dev.herald.scheduler.spi;

import dev.herald.scheduler.internal.Preconditions;

/**
 * Identifies one claim of a job: its id and the fencing token the claim produced. Every write a
 * node makes after claiming carries it; the store applies the write only if the job is still
 * RUNNING under this token.
 *
 * @param jobId the job
 * @param fencingToken the token of the claim
 */
public record LeaseRef(String jobId, long fencingToken) {
  /**
   * Checks the components.
   *
   * @param jobId the job's id
   * @param fencingToken the token the claim produced
   * @throws NullPointerException if {@code jobId} is null
   */
  public LeaseRef {
    Preconditions.notNull(jobId, "jobId");
  }
}
