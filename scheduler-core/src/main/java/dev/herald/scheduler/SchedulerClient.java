package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.internal.client.DefaultSchedulerClient;
import dev.herald.scheduler.internal.client.PagedSpliterator;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.PayloadCodec;
import dev.herald.scheduler.trigger.Trigger;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Schedules and administers jobs in a {@link JobStore}. It needs no running engine: a web
 * application can schedule and manage jobs that worker nodes run. {@link Scheduler#client()} is a
 * client that also wakes its scheduler at once when work is due now.
 *
 * <p>Administrative operations are atomic: each either applies to the job's current status or
 * fails with {@link InvalidJobStateException} and changes nothing. An operation that names an id
 * no job has fails with {@link JobNotFoundException}.
 *
 * <p>Implementations are threadsafe.
 */
public interface SchedulerClient {

  /**
   * A client for {@code store}, encoding payloads with {@code codec}. The client never closes the
   * store: an application that uses a client without a scheduler closes its store itself.
   *
   * @param store the store jobs are kept in
   * @param codec the codec payloads and step results are encoded with
   * @param clock the clock first fire times are computed from
   * @return a new client
   */
  static SchedulerClient create(JobStore store, PayloadCodec codec, InstantSource clock) {
    return new DefaultSchedulerClient(store, codec, clock, ignored -> {});
  }

  /**
   * A client for {@code store} with the default codec and the system clock.
   *
   * @param store the store jobs are kept in
   * @return a new client
   */
  static SchedulerClient create(JobStore store) {
    return create(store, PayloadCodec.defaultCodec(), InstantSource.system());
  }

  /**
   * Schedules a job. If a job with the request's id or unique key exists, it is returned unchanged
   * and nothing is added.
   *
   * @param request the job to schedule
   * @return the stored job: the new one, or the existing one with the same id or unique key
   * @throws IllegalArgumentException if the payload cannot be encoded, or the trigger never fires,
   *     or its spec does not parse back
   */
  JobSnapshot schedule(JobRequest request);

  /**
   * The job with {@code id}, if any.
   *
   * @param id the job's id
   * @return the job, or empty if no job has that id (or it was purged)
   */
  Optional<JobSnapshot> get(String id);

  /**
   * One page of the jobs matching {@code query}: at most {@link JobQuery#limit()} jobs from {@link
   * JobQuery#offset()}, with {@link Page#hasMore()} telling whether more follow ({@link
   * JobQuery#next(Page)} is the query for the next page). To walk every match, use {@link
   * #stream(JobQuery)}.
   *
   * @param query the filters and the page to read
   * @return the page, with whether more follow
   */
  Page<JobSnapshot> list(JobQuery query);

  /**
   * Every job matching {@code query}, from its offset to the end, in the query's order. Pages of
   * {@link JobQuery#limit()} jobs are fetched as the stream is consumed, each with one {@link
   * #list(JobQuery)} call: nothing is read before a terminal operation starts, and a
   * short-circuiting one ({@code findFirst}, {@code limit}) reads no further than it needs.
   *
   * <p>The walk is not a snapshot: a job that changes while the stream is consumed (it runs, is
   * rescheduled, or another job is added ahead of it in the order) may be seen twice or missed.
   * The stream is sequential and is not bound to a connection: it needs no closing.
   *
   * @param query the filters, the offset to start from and the page size
   * @return a lazy stream of the matching jobs
   */
  default Stream<JobSnapshot> stream(JobQuery query) {
    return PagedSpliterator.stream(Preconditions.notNull(query, "query"), this::list, JobQuery::next);
  }

  /**
   * Pauses a SCHEDULED job; a RUNNING job pauses when its run ends.
   *
   * @param id the job's id
   * @return the job afterwards
   */
  JobSnapshot pause(String id);

  /**
   * Resumes a PAUSED job (missed fire times are handled by its misfire policy), or withdraws a
   * pending pause of a RUNNING job.
   *
   * @param id the job's id
   * @return the job afterwards
   */
  JobSnapshot resume(String id);

  /**
   * Makes a SCHEDULED job due now. A recurring job then continues with its trigger's next fire time
   * after now.
   *
   * @param id the job's id
   * @return the job afterwards
   */
  JobSnapshot runNow(String id);

  /**
   * Cancels a job that is SCHEDULED, PAUSED, FAILED or NEEDS_REVIEW; a RUNNING job is asked to
   * stop ({@link JobContext#isCancellationRequested()}) and ends CANCELLED when its run ends.
   *
   * @param id the job's id
   * @return the job afterwards
   */
  JobSnapshot cancel(String id);

  /**
   * Replaces a job's trigger; it is due at the new trigger's first fire time from now, with its
   * attempts reset. Applies to SCHEDULED, PAUSED (which stays paused), COMPLETED and FAILED jobs.
   *
   * @param id the job's id
   * @param trigger the new trigger
   * @return the job afterwards
   */
  JobSnapshot reschedule(String id, Trigger trigger);

  /**
   * Brings a FAILED or NEEDS_REVIEW job back: due now, attempts reset, completed steps kept.
   *
   * @param id the job's id
   * @return the job afterwards
   */
  JobSnapshot retry(String id);

  /**
   * Brings a FAILED or NEEDS_REVIEW job back like {@link #retry(String)}, deleting the named
   * stored steps first so that they run again.
   *
   * @param id the job's id
   * @param stepsToRedo the names of the stored steps to delete
   * @return the job afterwards
   */
  JobSnapshot retry(String id, Set<String> stepsToRedo);

  /**
   * Replaces the payload of a SCHEDULED or PAUSED job (an edit before it runs), encoded with the
   * codec.
   *
   * @param id the job's id
   * @param payload the new payload, or null for none
   * @return the job afterwards
   */
  JobSnapshot updatePayload(String id, Object payload);

  /**
   * Marks a NEEDS_REVIEW or FAILED job COMPLETED by a human's decision, storing {@code steps}
   * (encoded with the codec) and {@code note} for the record.
   *
   * @param id the job's id
   * @param steps the step results to store, by step name
   * @param note why the job is resolved, kept in its history
   * @return the job afterwards, COMPLETED
   */
  JobSnapshot resolve(String id, Map<String, ?> steps, String note);

  /**
   * The job's payload decoded as {@code type} with the codec.
   *
   * @param <T> the payload type
   * @param id the job's id
   * @param type the class to decode the payload to
   * @return the decoded payload
   * @throws JobNotFoundException if no job has this id
   * @throws PayloadDecodingException if it has no payload or it does not decode
   */
  <T> T payload(String id, Class<T> type);

  /**
   * The job's stored step results, decoded: step {@code name} as {@code type}, if stored.
   *
   * @param <T> the result type
   * @param id the job's id
   * @param name the step name
   * @param type the class to decode the result to
   * @return the decoded result, or empty if the step has no stored result
   */
  <T> Optional<T> step(String id, String name, Class<T> type);

  /**
   * A page of a job's history (one row per attempt), newest first.
   *
   * @param id the job's id
   * @param offset the number of rows to skip, 0 or more
   * @param limit the largest number of rows to return
   * @return the rows; empty if the job has no history or does not exist
   */
  Page<JobAttempt> history(String id, int offset, int limit);

  /**
   * Counts per status, due work per type, the next 10 jobs, and the oldest due lag.
   *
   * @return the figures, read at one instant of the store
   */
  SchedulerStats stats();

  /**
   * Whether the store answers, and how far behind due work is.
   *
   * @return the store's health as seen by this client
   */
  Health health();
}
