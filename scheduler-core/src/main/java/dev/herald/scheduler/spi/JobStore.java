package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.internal.store.InMemoryJobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where jobs live: the persistence contract the engine and the client use.
 *
 * <h2>The protocol</h2>
 *
 * <ol>
 *   <li>{@link #insert(NewJob)} stores a job, or returns the existing one with the same id or
 *       unique key.
 *   <li>{@link #claimDue} atomically takes due SCHEDULED jobs of the given types, highest priority
 *       first, then earliest due: each becomes RUNNING, leased to the claiming node until the store's
 *       time plus the lease, its attempt count and its fencing token incremented. No lock is held
 *       after the call returns; concurrent claimers never get the same job.
 *   <li>While the job runs, the node {@linkplain #renew renews} the lease, may {@linkplain
 *       #saveStep save step results}, and finally {@linkplain #complete completes} the claim. Each of
 *       these writes is fenced: it applies only while the job is RUNNING under the claim's token.
 *       A write refused for that reason means the lease was lost; it is reported, never ignored.
 *   <li>A running job may also take and release uses of a {@linkplain #takeBudget rolling
 *       budget} shared by every node ("at most 25 posts per 24 hours to this account"), fenced
 *       like its other writes.
 *   <li>When a node dies, its leases expire; {@link #claimExpired} lets another node take such jobs
 *       over (with a new token, so a late write of the dead node is refused) and complete them
 *       according to the job type's recovery policy.
 * </ol>
 *
 * <p>Time: "due" and "expired" are judged by the store's clock ({@link #now()}): the database's for a
 * database, so that nodes with skewed clocks agree.
 *
 * <p>A store never deletes or fails a job on its own: jobs of a type no node knows stay untouched
 * until a node that knows the type claims them. Only {@link #purge(Instant)} deletes, and only
 * finished jobs.
 *
 * <h2>Closing</h2>
 *
 * <p>A store releases what it opened itself, and nothing else: a store that opened its own database
 * (an H2 file it was given the path of) closes it; a store on resources its caller supplied (a
 * {@code DataSource}) leaves them open. The {@link dev.herald.scheduler.Scheduler} built with a store
 * {@linkplain #close() closes} it when it closes, once its jobs have drained; a {@link
 * dev.herald.scheduler.SchedulerClient} never does, so an application that only uses a client
 * closes its store itself.
 *
 * <p>Implementations must be threadsafe and must pass the contract suite {@code
 * dev.herald.scheduler.contract.JobStoreContract} from {@code scheduler-core}'s test-jar.
 */
public interface JobStore extends AutoCloseable {

  /**
   * A store that keeps jobs in this JVM's memory, timed by the system clock.
   *
   * @return a new, empty store
   */
  static JobStore inMemory() {
    return new InMemoryJobStore(InstantSource.system());
  }

  /**
   * A store that keeps jobs in this JVM's memory, timed by {@code clock} (a {@link
   * dev.herald.scheduler.testing.ManualClock} in tests). Its jobs die with the JVM: across a
   * restart, nothing is resurrected (at-most-once across restarts, exactly-once claiming within
   * the process).
   *
   * @param clock the clock the store reads its current time from
   * @return a new, empty store
   */
  static JobStore inMemory(InstantSource clock) {
    return new InMemoryJobStore(clock);
  }

  /**
   * The store's current time: the clock due-ness and leases are judged by.
   *
   * @return the current time of the store's clock
   */
  Instant now();

  /**
   * Stores {@code job} unless a job with the same id or the same unique key exists (in any status,
   * until purged), in which case that job is returned and nothing changes.
   *
   * @param job the job to store
   * @return the stored job and whether this call created it
   */
  InsertResult insert(NewJob job);

  /**
   * Claims up to {@code limit} due jobs of {@code types} for {@code owner}. Due means SCHEDULED with
   * {@code nextRunAt <= now()}; order is priority descending, then {@code nextRunAt}, then id.
   *
   * @param owner the claiming node's id
   * @param types the job types the node can run; jobs of other types are never claimed
   * @param limit the most jobs to claim, at least 1
   * @param lease how long the lease lasts without renewal
   * @return the claimed jobs, possibly none
   */
  List<ClaimedJob> claimDue(String owner, Set<String> types, int limit, Duration lease);

  /**
   * Takes over up to {@code limit} jobs of {@code types} whose lease expired ({@code RUNNING} with
   * {@code leaseUntil < now()}): each stays RUNNING, now leased to {@code owner} with an incremented
   * fencing token (so a late write of the previous owner is refused) and an unchanged attempt
   * count. The new owner completes them at once according to the job type's recovery policy.
   *
   * @param owner the node taking the jobs over
   * @param types the job types the node runs
   * @param limit the largest number of jobs to take over
   * @param lease how long the new lease lasts, from {@link #now()}
   * @return the taken-over jobs, each with the node whose lease expired
   */
  List<RecoveredJob> claimExpired(String owner, Set<String> types, int limit, Duration lease);

  /**
   * The earliest {@code nextRunAt} of a SCHEDULED job of {@code types}, so a poller can sleep until
   * then.
   *
   * @param types the job types to consider
   * @return the earliest due time, or empty if no such job is scheduled
   */
  Optional<Instant> nextDueAt(Set<String> types);

  /**
   * Extends the leases in {@code leases} to {@code now() + lease}, for those still RUNNING under
   * their token.
   *
   * @param leases the claims to extend
   * @param lease the new lease duration, from {@link #now()}
   * @return the leases that were lost, and the administrator requests pending on the renewed jobs
   */
  RenewResult renew(Collection<LeaseRef> leases, Duration lease);

  /**
   * Stores the result of step {@code name} for the claimed job, replacing an earlier value.
   *
   * @param lease the claim the step belongs to
   * @param name the step's name
   * @param value the step's result, in text form
   * @return false if the lease was lost (nothing stored)
   */
  boolean saveStep(LeaseRef lease, String name, String value);

  /**
   * The stored step results of a job's pending fire time, by name.
   *
   * @param jobId the job's id
   * @return the step results by step name; empty if there are none or the job does not exist
   */
  Map<String, String> steps(String jobId);

  /**
   * Records one use of the rolling budget {@code budget} for the claim {@code lease}, unless the
   * budget is used up. A budget allows {@code limit} uses in any span of {@code window}, counted
   * over every job and every node sharing this store, and judged by {@link #now()}. Fenced like
   * {@link #saveStep}, and atomic against every other call for the same budget: of two claims
   * racing for the last use, one gets it and the other is told {@link BudgetResult.Full}.
   *
   * <ol>
   *   <li>Uses recorded at or before {@code now() − window} no longer count; the store may delete
   *       them. A budget is identified by its name alone and judged by the limit and window of
   *       each call.
   *   <li>If {@code use} is recorded in the budget, it is moved to {@code now()}, belongs to this
   *       claim's job from then on, and the result is {@link BudgetResult.Taken}, whether or not
   *       the budget has room: a use counts once however often it is taken (a retry after an
   *       ambiguous commit, or a later confirmation of when the work happened).
   *   <li>Otherwise, if fewer than {@code limit} uses count, {@code use} is recorded at {@code
   *       now()}: {@link BudgetResult.Taken}.
   *   <li>Otherwise nothing changes: {@link BudgetResult.Full} with the earliest time at which
   *       fewer than {@code limit} uses will count, that is the time of the {@code (count − limit +
   *       1)}-th oldest use plus {@code window}.
   * </ol>
   *
   * <p>The uses that count are few (at most {@code limit}, plus those of a lowered limit), and a
   * call reads only its budget's: it never scans the jobs.
   *
   * @param lease the claim taking the use
   * @param budget the budget's name, 1 to 191 characters
   * @param use the use's id, unique within the budget, 1 to 191 characters
   * @param limit the most uses in a window, 1 or more
   * @param window the window's length, positive
   * @return {@link BudgetResult.Taken}, {@link BudgetResult.Full}, or {@link
   *     BudgetResult.LeaseLost} if the lease was lost (nothing changed)
   */
  BudgetResult takeBudget(LeaseRef lease, String budget, String use, int limit, Duration window);

  /**
   * Removes use {@code use}, taken by the job of {@code lease}, from budget {@code budget}: the
   * work it counted did not happen. Fenced like {@link #saveStep}. A use that is not recorded, or
   * that belongs to another job, stays as it is.
   *
   * @param lease the claim giving the use back
   * @param budget the budget's name
   * @param use the use's id
   * @return false if the lease was lost (nothing removed); true otherwise
   */
  boolean releaseBudget(LeaseRef lease, String budget, String use);

  /**
   * Applies each completion whose lease is still held (the job RUNNING under its token), each with
   * its history row and follow-up jobs, in one transaction per batch where the store has
   * transactions. Completions whose lease was lost change nothing.
   *
   * <p>Completing is idempotent per claim: a completion re-submitted after an ambiguous commit (the
   * commit succeeded but the caller saw an error) returns true again and changes nothing, even if
   * the job was claimed again since (stores must recognise at least re-submissions of their last
   * few completions of a job). A completion whose claim was taken over, and never completed, is
   * refused.
   *
   * @param completions the completions to apply, in order
   * @return for each completion, in order, whether it is applied (now or by an earlier call)
   */
  List<Boolean> complete(List<Completion> completions);

  /**
   * The job with {@code id}, if any.
   *
   * @param id the job's id
   * @return the job, or empty if no job has that id (or it was purged)
   */
  Optional<JobSnapshot> find(String id);

  /**
   * A page of the jobs matching {@code query}.
   *
   * @param query the filters, order and page to read
   * @return the matching jobs on the requested page, with the total count
   */
  Page<JobSnapshot> list(JobQuery query);

  /**
   * A page of a job's history, newest first.
   *
   * @param jobId the job's id
   * @param offset the number of rows to skip, 0 or more
   * @param limit the largest number of rows to return, 1 or more
   * @return the requested rows, newest first; empty if the job has no history or does not exist
   */
  Page<JobAttempt> history(String jobId, int offset, int limit);

  /**
   * Applies an administrative command atomically.
   *
   * @param jobId the job's id
   * @param command the command to apply
   * @return the job after the command, or why it was not applied (no such job, or a wrong status)
   */
  AdminResult apply(String jobId, AdminCommand command);

  /**
   * Counts per status, due counts per type, the next {@code upcoming} jobs, and the oldest due.
   *
   * @param upcoming the number of upcoming jobs to list, 0 or more
   * @return a snapshot of the store's counts at one instant
   */
  SchedulerStats stats(int upcoming);

  /**
   * Deletes COMPLETED and CANCELLED jobs last updated before {@code before}, with their steps and
   * history, and history rows of other jobs that finished before it.
   *
   * @param before the cut-off time; jobs updated at or after it are kept
   * @return the number of jobs deleted
   */
  int purge(Instant before);

  /**
   * Releases what this store opened itself; resources its caller supplied stay open. Idempotent:
   * closing a closed store does nothing.
   *
   * <p>A store that released something refuses every later call with an {@link
   * IllegalStateException} that names it. A store that holds nothing of its own (the in-memory
   * store, a JDBC store on the caller's {@code DataSource}) has nothing to release: closing it does
   * nothing and it stays usable, like {@link java.io.ByteArrayOutputStream#close()}. The default
   * implementation is such a no-op.
   */
  @Override
  default void close() {}
}
