package dev.herald.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What a running {@link Job} knows about itself, and what it can do durably.
 *
 * <p>A context belongs to one run on one worker thread; it is threadsafe only in that the lease and
 * cancellation flags may be read from any thread.
 */
public interface JobContext {

  /**
   * The scheduled job's id.
   *
   * @return the job's id
   */
  String jobId();

  /**
   * The job type.
   *
   * @return the job type it was registered under
   */
  String type();

  /**
   * The attempt number of this run for the current fire time, starting at 1. A run that was
   * interrupted by a crash and recovered counts as an attempt.
   *
   * @return the attempt number, 1 or more
   */
  int attempt();

  /**
   * The fire time this run is for (with coalescing, the latest missed fire time).
   *
   * @return the fire time
   */
  Instant scheduledAt();

  /**
   * The fencing token of this run's claim: greater than the token of every earlier claim of this
   * job. Pass it with writes to another system that can refuse stale writers.
   *
   * @return the fencing token of this run's claim
   */
  long fencingToken();

  /**
   * The id of the scheduler instance running the job.
   *
   * @return this node's id
   */
  String nodeId();

  /**
   * The unique key the job was scheduled with, if any.
   *
   * @return the unique key, or empty if the job has none
   */
  Optional<String> uniqueKey();

  /**
   * The payload as stored (the text the codec produced), if the job has one.
   *
   * @return the encoded payload, or empty if the job has none
   */
  Optional<String> rawPayload();

  /**
   * The payload decoded to {@code type} with the scheduler's {@link
   * dev.herald.scheduler.spi.PayloadCodec}.
   *
   * @param <T> the payload type
   * @param type the class to decode the payload to
   * @return the decoded payload
   * @throws PayloadDecodingException if the payload is missing or cannot be decoded; left uncaught,
   *     it ends the job FAILED with the reason and is never retried
   */
  <T> T payload(Class<T> type);

  /**
   * Whether this run still holds its lease. False once the lease was lost (expired while the store
   * was unreachable, or taken over after this node was presumed dead): another node may now run the
   * job, so stop before any further side effect. Herald also interrupts the thread when it finds the
   * lease lost.
   *
   * @return true while this run holds its lease
   */
  boolean isLeaseValid();

  /**
   * Whether someone asked to cancel this job while it runs ({@code SchedulerClient.cancel}). A
   * long job should check it between units of work and return; the job then ends CANCELLED.
   *
   * @return true once a cancellation was requested
   */
  boolean isCancellationRequested();

  /**
   * Runs {@code action} once per fire time, durably: its result is stored before this method
   * returns, and a later run of the same fire time (a retry, or a re-run after a crash) returns the
   * stored result instead of running {@code action} again. Results are encoded with the scheduler's
   * payload codec, so {@code type} must be one it can encode.
   *
   * @param <T> the result type
   * @param name the step name, unique within the job
   * @param type the result type
   * @param action the work; its result must not be null
   * @return the result, fresh or stored
   * @throws LeaseLostException if the lease was lost (the result is then not stored)
   * @throws Exception whatever {@code action} throws
   */
  <T> T step(String name, Class<T> type, Callable<T> action) throws Exception;

  /**
   * {@link #step(String, Class, Callable)} for a text result.
   *
   * @param name the step name, unique within the job
   * @param action the work; its result must not be null
   * @return the result, fresh or stored
   * @throws java.lang.Exception whatever {@code action} throws
   */
  default String step(String name, Callable<String> action) throws Exception {
    return step(name, String.class, action);
  }

  /**
   * Stores {@code value} as step {@code name} now, durably, replacing an earlier value: a
   * checkpoint a later run of this fire time reads with {@link #completedStep}. Unlike {@link
   * #step}, it always writes (use it for state that moves, like "sending" → "not sent").
   *
   * @param name the checkpoint's name, unique within the job
   * @param value the value to store, which the payload codec must be able to encode
   * @throws LeaseLostException if the lease was lost (nothing is stored)
   */
  void checkpoint(String name, Object value);

  /**
   * The stored result of step {@code name}, if an earlier run of this fire time completed it.
   *
   * @param <T> the result type
   * @param name the step name
   * @param type the class to decode the stored result to
   * @return the stored result, or empty if no earlier run completed the step
   */
  <T> Optional<T> completedStep(String name, Class<T> type);

  /**
   * Takes one use of a rolling budget shared by every job on every node of this store: at most
   * {@code limit} uses in any span of {@code window}, judged by the store's clock. Atomic (of two
   * runs racing for the last use, one gets it) and durable, like a {@link #checkpoint}. Taking a
   * use that is recorded already (a retry of the same work, or a confirmation once the work
   * happened) moves it to now and never counts it twice: give each unit of work its own use id,
   * and keep it across retries.
   *
   * <p>Use it to pace work against an external quota ("at most 25 posts per 24 hours to this
   * account"): take a use just before the work, {@linkplain #releaseBudget give it back} if the
   * work did not happen, and when a time comes back, defer the job to it with {@link
   * dev.herald.scheduler.retry.RetryAfterException#deferUntil}.
   *
   * @param budget the budget's name, 1 to 191 characters, e.g. {@code publish/instagram/1784}
   * @param use this unit of work's id, unique within the budget, 1 to 191 characters
   * @param limit the most uses in a window, 1 or more
   * @param window the window's length, positive
   * @return empty if the use is recorded; otherwise the earliest time the budget will have room,
   *     and nothing was recorded
   * @throws LeaseLostException if the lease was lost (nothing is recorded)
   * @throws IllegalArgumentException if a name is blank or too long, {@code limit} is less than 1
   *     or {@code window} is not positive
   */
  Optional<Instant> takeBudget(String budget, String use, int limit, Duration window);

  /**
   * Gives back a use this job took with {@link #takeBudget}: the work it counted did not happen.
   * Does nothing if the use is not recorded (it left the window, or belongs to another job).
   *
   * @param budget the budget's name
   * @param use the use's id
   * @throws LeaseLostException if the lease was lost (the use stays recorded)
   */
  void releaseBudget(String budget, String use);

  /**
   * Schedules {@code followUp} atomically with this run's success: the follow-up job is stored in
   * the same transaction that records this job as done, and never if this run fails or loses its
   * lease. Use it to build pipelines.
   *
   * @param followUp the job to schedule when this run succeeds
   */
  void enqueue(JobRequest followUp);

  /**
   * Schedules {@code followUp} atomically with this run's outcome, whatever it is: the follow-up
   * job is stored in the same transaction that records this run as succeeded, failed, retried,
   * deferred or parked for review, and never if the run loses its lease or is interrupted by a
   * shutdown (the job then runs again). Use it to record, durably and with the state change, a
   * notification about how the run ended.
   *
   * @param followUp the job to schedule when this run's outcome is stored
   */
  void enqueueWithOutcome(JobRequest followUp);
}
