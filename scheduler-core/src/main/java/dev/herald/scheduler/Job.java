package dev.herald.scheduler;

/**
 * The host's code that a job runs. A job <em>type</em> is a name registered on the {@link
 * SchedulerBuilder} with an implementation (or a {@code jakarta.inject.Provider} of one); scheduled
 * jobs carry the type name and a payload.
 *
 * <p>Return normally for success. Throw to fail: the type's {@link
 * dev.herald.scheduler.retry.RetryPolicy} decides whether and when to retry. Throw {@link
 * dev.herald.scheduler.retry.RetryAfterException} to choose the retry time yourself (for example
 * from a platform's {@code Retry-After}), or {@link dev.herald.scheduler.retry.NeedsReviewException}
 * to park the job for a human when repeating it could do harm.
 *
 * <p>A job instance may run on several worker threads at once (for different scheduled jobs of its
 * type), so implementations must be threadsafe; keep per-run state in locals, and durable per-run
 * state in {@link JobContext#step}.
 */
@FunctionalInterface
public interface Job {

  /**
   * Runs the job.
   *
   * @param context the scheduled job being run, its payload, attempt and lease
   * @throws Exception to report a failure
   */
  void execute(JobContext context) throws Exception;
}
