package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;
import java.util.Map;

/**
 * A job a node has just claimed: RUNNING, leased to the node, its fencing token incremented.
 *
 * @param job the job after the claim
 * @param steps the durable step results stored for the pending fire time, by step name
 * @param claimedAt the store's time at the claim (used to judge how late the job is)
 */
public record ClaimedJob(JobSnapshot job, Map<String, String> steps, Instant claimedAt) {
  /**
   * Checks the components and copies {@code steps}.
   *
   * @param job the job after the claim, RUNNING
   * @param steps the stored step results, by step name
   * @param claimedAt the store's time at the claim
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code job} is not RUNNING
   */
  public ClaimedJob {
    Preconditions.notNull(job, "job");
    if (job.status() != JobStatus.RUNNING) { // the message is built only on failure
      throw new IllegalArgumentException("a claimed job must be RUNNING, was " + job.status());
    }
    steps = Map.copyOf(Preconditions.notNull(steps, "steps"));
    Preconditions.notNull(claimedAt, "claimedAt");
  }

  /**
   * The lease this claim holds.
   *
   * @return the job's id and the fencing token of this claim
   */
  public LeaseRef lease() {
    return new LeaseRef(job.id(), job.fencingToken());
  }
}
