package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * @param lease the claim being completed
 * @param status the job's next status: SCHEDULED, COMPLETED, FAILED, NEEDS_REVIEW or CANCELLED
 * @param nextRunAt the absolute next run time (SCHEDULED only, exclusive with {@code delay})
 * @param delay the next run time relative to the store's clock (SCHEDULED only, exclusive with
 *     {@code nextRunAt})
 * @param fireAt the fire time the next run is for (SCHEDULED only)
 * @param attempt the attempt count to store for the pending fire time
 * @param lastError the error to store, or null to clear it
 * @param clearSteps whether to delete the stored step results (the fire time is done with)
 * @param history the history row to append, or null for none
 * @param followUps jobs to insert in the same transaction (unique keys honoured)
 */
public record Completion(
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

  public Completion {
    Preconditions.notNull(lease, "lease");
    Preconditions.notNull(status, "status");
    Preconditions.checkArgument(status != JobStatus.RUNNING && status != JobStatus.PAUSED,
        "a completion cannot leave a job " + status);
    if (status == JobStatus.SCHEDULED) {
      Preconditions.checkArgument((nextRunAt == null) != (delay == null),
          "a SCHEDULED completion needs exactly one of nextRunAt and delay (job " + lease.jobId()
              + ")");
      Preconditions.notNull(fireAt, "fireAt");
      if (delay != null) {
        Preconditions.notNegative(delay, "delay");
      }
    }
    Preconditions.atLeast(attempt, 0, "attempt");
    followUps = List.copyOf(Preconditions.notNull(followUps, "followUps"));
  }

  /**
   * The status to store, given the job's pending administrator action: a SCHEDULED completion of a
   * job whose cancellation or pause was requested while it ran becomes CANCELLED or PAUSED; other
   * statuses stand.
   */
  public JobStatus statusGiven(JobSnapshot.PendingAction pending) {
    if (status != JobStatus.SCHEDULED || pending == null) {
      return status;
    }
    return pending == JobSnapshot.PendingAction.CANCEL ? JobStatus.CANCELLED : JobStatus.PAUSED;
  }

  /**
   * The next run time to store for {@code storedStatus} (from {@link #statusGiven}), resolving a
   * relative {@code delay} against the store's current time; null once the job will not run again
   * by itself.
   */
  public Instant nextRunAt(JobStatus storedStatus, Instant storeNow) {
    if (storedStatus != JobStatus.SCHEDULED && storedStatus != JobStatus.PAUSED) {
      return null;
    }
    return nextRunAt != null ? nextRunAt : storeNow.plus(delay);
  }
}
