package dev.herald.scheduler;

import java.util.Set;

/** An administrative operation does not apply to the job's current status. */
public class InvalidJobStateException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /** The job's status when the operation was refused. */
  private final JobStatus current;

  /**
   * @param operation the operation, e.g. "resume"
   * @param jobId the job
   * @param current its status
   * @param allowed the statuses the operation applies to
   */
  public InvalidJobStateException(
      String operation, String jobId, JobStatus current, Set<JobStatus> allowed) {
    super("cannot " + operation + " job " + jobId + ": it is " + current + "; " + operation
        + " applies to " + allowed.stream().map(Enum::name).sorted().toList());
    this.current = current;
  }

  /**
   * The job's status when the operation was refused.
   *
   * @return the status the operation does not apply to
   */
  public JobStatus currentStatus() {
    return current;
  }
}
