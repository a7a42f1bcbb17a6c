package dev.herald.scheduler;

/** No job has the given id. */
public class JobNotFoundException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /**
   * @param jobId the id that was not found
   */
  public JobNotFoundException(String jobId) {
    super("no job with id '" + jobId + "'");
  }
}
