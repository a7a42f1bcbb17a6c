package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of one claim: the job's next state, its history row and its follow-up jobs, written
 * together by {@link JobStore#complete(List)} if, and only if, the claim still holds its lease.
 *
 * <p>When {@code status} is {@link JobStatus#SCHEDULED}, the next run time is either absolute
 * ({@code nextRunAt}, a trigger's fire time) or relative ({@code delay} from the store's current
 * time, a retry), so that retries are timed by the store's clock like everything else. If an
 * administrator asked to pause or cancel the job while it ran, the store applies that instead of
 * SCHEDULED.
 *
 * <p>A value that may be absent is returned as an {@link Optional} from its one accessor. Instances
 * are immutable and threadsafe.
 */
public final class Completion {
  private final LeaseRef lease;
  private final JobStatus status;
  private final Instant nextRunAt;
  private final Duration delay;
  private final Instant fireAt;
  private final int attempt;
  private final String lastError;
  private final boolean clearSteps;
  private final JobAttempt history;
  private final List<NewJob> followUps;

  /**
   * A completion.
   *
   * @param lease the claim being completed
   * @param status the job's next status: SCHEDULED, COMPLETED, FAILED, NEEDS_REVIEW or CANCELLED
   * @param nextRunAt the absolute next run time (SCHEDULED only, exclusive with {@code delay}), or
   *     null
   * @param delay the next run time relative to the store's clock (SCHEDULED only, exclusive with
   *     {@code nextRunAt}), or null
   * @param fireAt the fire time the next run is for (required when SCHEDULED), or null to keep the
   *     stored one
   * @param attempt the attempt count to store for the pending fire time
   * @param lastError the error to store, or null to clear it
   * @param clearSteps whether to delete the stored step results (the fire time is done with)
   * @param history the history row to append, or null for none
   * @param followUps jobs to insert in the same transaction (unique keys honoured)
   * @throws NullPointerException if an argument not documented as nullable is null
   * @throws IllegalArgumentException if {@code status} is RUNNING or PAUSED, if a SCHEDULED
   *     completion does not have exactly one of {@code nextRunAt} and {@code delay}, or if {@code
   *     delay} or {@code attempt} is negative
   */
  public Completion(
      LeaseRef lease,
      JobStatus status,
      Instant nextRunAt,
      Duration delay,
      Instant fireAt,
      int attempt,
      String lastError,
      boolean clearSteps,
      JobAttempt history,
      List<NewJob> followUps) {
    Preconditions.notNull(lease, "lease");
    Preconditions.notNull(status, "status");
    // messages are built only on failure: a completion is made for every run
    if (status == JobStatus.RUNNING || status == JobStatus.PAUSED) {
      throw new IllegalArgumentException("a completion cannot leave a job " + status);
    }
    if (status == JobStatus.SCHEDULED) {
      if ((nextRunAt == null) == (delay == null)) {
        throw new IllegalArgumentException(
            "a SCHEDULED completion needs exactly one of nextRunAt and delay (job "
                + lease.jobId()
                + ")");
      }
      Preconditions.notNull(fireAt, "fireAt");
      if (delay != null) {
        Preconditions.notNegative(delay, "delay");
      }
    }
    this.lease = lease;
    this.status = status;
    this.nextRunAt = nextRunAt;
    this.delay = delay;
    this.fireAt = fireAt;
    this.attempt = Preconditions.atLeast(attempt, 0, "attempt");
    this.lastError = lastError;
    this.clearSteps = clearSteps;
    this.history = history;
    this.followUps = List.copyOf(Preconditions.notNull(followUps, "followUps"));
  }

  /**
   * The claim being completed.
   *
   * @return the job's id and the fencing token of the claim
   */
  public LeaseRef lease() {
    return lease;
  }

  /**
   * The job's next status: SCHEDULED, COMPLETED, FAILED, NEEDS_REVIEW or CANCELLED.
   *
   * @return the status to store, before any pending administrator action applies
   */
  public JobStatus status() {
    return status;
  }

  /**
   * The absolute next run time, for a SCHEDULED completion not timed by {@link #delay()}.
   *
   * @return the absolute next run time, or empty if the completion is not SCHEDULED or uses a delay
   */
  public Optional<Instant> nextRunAt() {
    return Optional.ofNullable(nextRunAt);
  }

  /**
   * The next run time relative to the store's clock, for a SCHEDULED completion not timed by {@link
   * #nextRunAt()}.
   *
   * @return the delay before the next run, or empty if the completion is not SCHEDULED or uses an
   *     absolute time
   */
  public Optional<Duration> delay() {
    return Optional.ofNullable(delay);
  }

  /**
   * The fire time the next run is for (always present when SCHEDULED); empty keeps the stored.
   *
   * @return the fire time the next run is for, or empty to keep the stored one
   */
  public Optional<Instant> fireAt() {
    return Optional.ofNullable(fireAt);
  }

  /**
   * The attempt count to store for the pending fire time.
   *
   * @return the attempt count, 0 or more
   */
  public int attempt() {
    return attempt;
  }

  /**
   * The error to store; empty clears it.
   *
   * @return the error to store, or empty to clear the stored one
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * Whether to delete the stored step results (the fire time is done with).
   *
   * @return true to delete every step result of the job
   */
  public boolean clearSteps() {
    return clearSteps;
  }

  /**
   * The history row to append, if any.
   *
   * @return the history row, or empty to append none
   */
  public Optional<JobAttempt> history() {
    return Optional.ofNullable(history);
  }

  /**
   * Jobs to insert in the same transaction (unique keys honoured).
   *
   * @return the jobs to insert; empty if none
   */
  public List<NewJob> followUps() {
    return followUps;
  }

  /**
   * The status to store, given the job's pending administrator action: a SCHEDULED completion of a
   * job whose cancellation or pause was requested while it ran becomes CANCELLED or PAUSED; other
   * statuses stand.
   *
   * @param pending the job's pending action, or null if none
   * @return the status to store: CANCELLED or PAUSED where {@code pending} asks for it, else {@link
   *     #status()}
   */
  public JobStatus statusGiven(JobSnapshot.PendingAction pending) {
    if (status != JobStatus.SCHEDULED || pending == null) {
      return status;
    }
    return pending == JobSnapshot.PendingAction.CANCEL ? JobStatus.CANCELLED : JobStatus.PAUSED;
  }

  /**
   * The next run time to store for {@code storedStatus} (from {@link #statusGiven}), resolving a
   * relative {@code delay} against the store's current time; empty once the job will not run again
   * by itself.
   *
   * @param storedStatus the status that will be stored
   * @param storeNow the store's current time, which a relative delay starts from
   * @return the next run time, or empty if {@code storedStatus} is not SCHEDULED
   */
  public Optional<Instant> nextRunAt(JobStatus storedStatus, Instant storeNow) {
    if (storedStatus != JobStatus.SCHEDULED && storedStatus != JobStatus.PAUSED) {
      return Optional.empty();
    }
    return Optional.of(nextRunAt != null ? nextRunAt : storeNow.plus(delay));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Completion c
        && lease.equals(c.lease)
        && status == c.status
        && Objects.equals(nextRunAt, c.nextRunAt)
        && Objects.equals(delay, c.delay)
        && Objects.equals(fireAt, c.fireAt)
        && attempt == c.attempt
        && Objects.equals(lastError, c.lastError)
        && clearSteps == c.clearSteps
        && Objects.equals(history, c.history)
        && followUps.equals(c.followUps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        lease,
        status,
        nextRunAt,
        delay,
        fireAt,
        attempt,
        lastError,
        clearSteps,
        history,
        followUps);
  }

  @Override
  public String toString() {
    return "Completion["
        + lease
        + " -> "
        + status
        + (nextRunAt == null ? "" : ", next=" + nextRunAt)
        + (delay == null ? "" : ", delay=" + delay)
        + (fireAt == null ? "" : ", fireAt=" + fireAt)
        + ", attempt="
        + attempt
        + (lastError == null ? "" : ", lastError=" + lastError)
        + (clearSteps ? ", clearSteps" : "")
        + (history == null ? "" : ", " + history.outcome())
        + (followUps.isEmpty() ? "" : ", followUps=" + followUps.size())
        + "]";
  }
}
