package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Preconditions;

/** What {@link JobStore#apply} did. All implementations are immutable records. */
public sealed interface AdminResult {

  /** The command was applied; {@code job} is the job afterwards. */
  record Applied(JobSnapshot job) implements AdminResult {
    /**
     * Checks the component.
     *
     * @param job the job after the command
     * @throws NullPointerException if {@code job} is null
     */
    public Applied {
      Preconditions.notNull(job, "job");
    }
  }

  /** No job has that id. */
  record NotFound() implements AdminResult {}

  /** The job's status is not one the command applies to. */
  record WrongStatus(JobStatus current) implements AdminResult {
    /**
     * Checks the component.
     *
     * @param current the job's status, which the command does not apply to
     * @throws NullPointerException if {@code current} is null
     */
    public WrongStatus {
      Preconditions.notNull(current, "current");
    }
  }
}
