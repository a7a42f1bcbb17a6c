package dev.herald.scheduler;

/**
 * This node no longer holds the lease of a job it was running: the lease expired (the store was
 * unreachable for longer than the lease) or was taken over after the node was presumed dead.
 * Another node may be running the job now, so the write that found out was refused.
 */
public class LeaseLostException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /**
   * @param jobId the job
   * @param fencingToken the token the refused write carried
   * @param what the write that was refused, e.g. "checkpoint of step 'upload'"
   */
  public LeaseLostException(String jobId, long fencingToken, String what) {
    super("lease of job " + jobId + " (fencing token " + fencingToken + ") was lost; " + what
        + " was refused");
  }
}
