package dev.herald.scheduler;

import java.util.Map;

/**
 * Callbacks for what a scheduler does, for metrics, tracing and alerts. Every method has a no-op
 * default, so new events can be added without breaking implementations.
 *
 * <p>Callbacks run on the scheduler's own threads (workers, poller, completion writer), so they
 * must be fast and must not block or do I/O; hand work off to your own executor if needed. An
 * exception thrown by a callback is logged and otherwise ignored. Implementations must be
 * threadsafe.
 */
public interface SchedulerListener {

  /** A listener that does nothing. */
  SchedulerListener NONE = new SchedulerListener() {};

  /**
   * The scheduler started.
   *
   * @param nodeId the id of the node that started
   */
  default void onStarted(String nodeId) {}

  /**
   * A job is about to run on this node. Called on the worker thread.
   *
   * @param job the job as claimed, RUNNING
   */
  default void onJobStarted(JobSnapshot job) {}

  /**
   * A run ended (or a fire time was skipped, or a dead node's run was recovered) and its outcome is
   * durably recorded.
   *
   * @param attempt the history row
   * @param newStatus the job's status afterwards
   */
  default void onJobFinished(JobAttempt attempt, JobStatus newStatus) {}

  /**
   * This node lost the lease of a job it was running: the store refused a fenced write, or the
   * lease could not be renewed in time. The run was told to stop; another node may run the job.
   *
   * @param jobId the job's id
   * @param fencingToken the token of the lost claim
   */
  default void onLeaseLost(String jobId, long fencingToken) {}

  /**
   * Due jobs exist whose type no handler on this node is registered for. They are left untouched
   * for a node that knows them.
   *
   * @param dueByType the count of due jobs per unknown type
   */
  default void onUnknownJobTypes(Map<String, Long> dueByType) {}

  /**
   * A call to the job store failed. The scheduler backs off and retries; nothing is lost.
   *
   * @param operation what was attempted, e.g. "claim" or "complete"
   * @param error the failure
   */
  default void onStoreError(String operation, Exception error) {}

  /**
   * The scheduler stopped.
   *
   * @param nodeId the id of the node that stopped
   */
  default void onStopped(String nodeId) {}
}
