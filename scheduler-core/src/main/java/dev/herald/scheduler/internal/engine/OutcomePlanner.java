package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobAttempt.Outcome;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.RecoveryPolicy;
import dev.herald.scheduler.retry.NeedsReviewException;
import dev.herald.scheduler.retry.RetryAfterException;
import dev.herald.scheduler.retry.RetryPolicy;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.spi.RecoveredJob;
import dev.herald.scheduler.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Turns how a run ended into the job's next state: the single place where retries, recurrence,
 * misfire skips, deferrals, shutdown interruptions and lease recoveries are decided. Pure apart
 * from the jitter source; threadsafe if that is.
 */
final class OutcomePlanner {
  private static final int MAX_ERROR_LENGTH = 2000;

  private final String nodeId;
  private final RandomGenerator random;

  OutcomePlanner(String nodeId, RandomGenerator random) {
    this.nodeId = nodeId;
    this.random = random;
  }

  /** The run returned normally. */
  Completion succeeded(ClaimedJob claim, Trigger trigger, Instant scheduledAt, Instant startedAt,
      Instant finishedAt, List<NewJob> followUps) {
    JobSnapshot job = claim.job();
    JobAttempt row = attempt(job, scheduledAt, startedAt, finishedAt, Outcome.SUCCEEDED, null);
    Optional<Instant> next = trigger.isRecurring() ? trigger.nextAfter(scheduledAt) : Optional.empty();
    if (next.isPresent()) {
      return new Completion(claim.lease(), JobStatus.SCHEDULED, next.get(), null, next.get(), 0,
          null, true, row, followUps);
    }
    return new Completion(claim.lease(), JobStatus.COMPLETED, null, null, null, job.attempt(), null,
        false, row, followUps);
  }

  /** The run threw {@code failure}; {@code followUps} are stored with whatever comes of it. */
  Completion failed(ClaimedJob claim, Trigger trigger, JobOptions options, Instant scheduledAt,
      Instant startedAt, Instant finishedAt, Throwable failure, List<NewJob> followUps) {
    JobSnapshot job = claim.job();
    String error = describe(failure);
    if (failure instanceof NeedsReviewException) {
      JobAttempt row = attempt(job, scheduledAt, startedAt, finishedAt, Outcome.NEEDS_REVIEW, error);
      return new Completion(claim.lease(), JobStatus.NEEDS_REVIEW, null, null, null, job.attempt(),
          error, false, row, followUps);
    }
    if (failure instanceof RetryAfterException retry && !retry.countsAsAttempt()) {
      JobAttempt row = attempt(job, scheduledAt, startedAt, finishedAt, Outcome.DEFERRED, error);
      return new Completion(claim.lease(), JobStatus.SCHEDULED, retry.instant().orElseThrow(), null,
          job.fireAt(), job.attempt() - 1, error, false, row, followUps);
    }
    JobAttempt row = attempt(job, scheduledAt, startedAt, finishedAt, Outcome.FAILED, error);
    RetryPolicy policy = options.retryPolicy();
    if (policy.shouldRetry(job.attempt(), failure)) {
      if (failure instanceof RetryAfterException retry) {
        return retry.instant().isPresent()
            ? new Completion(claim.lease(), JobStatus.SCHEDULED, retry.instant().get(), null,
                job.fireAt(), job.attempt(), error, false, row, followUps)
            : retryIn(claim, retry.delay().orElseThrow(), error, row, followUps);
      }
      return retryIn(claim, policy.delayAfter(job.attempt(), random), error, row, followUps);
    }
    return exhausted(claim, trigger, scheduledAt, error, row, followUps);
  }

  /** The fire time was missed by more than the misfire grace: not run. */
  Completion skipped(ClaimedJob claim, Trigger trigger, MisfireDecision decision, Instant now) {
    JobSnapshot job = claim.job();
    String reason = "missed fire time " + decision.scheduledAt() + " by "
        + Duration.between(decision.scheduledAt(), now) + ", more than the misfire policy '"
        + job.misfireSpec() + "' allows"
        + (decision.missed() > 1 ? " (" + decision.missed() + " fire times missed)" : "");
    JobAttempt row = new JobAttempt(job.id(), job.type(), job.attempt(), decision.scheduledAt(),
        null, now, Outcome.SKIPPED, reason, nodeId);
    Optional<Instant> next = trigger.isRecurring() ? trigger.nextAfter(now) : Optional.empty();
    if (next.isPresent()) {
      return new Completion(claim.lease(), JobStatus.SCHEDULED, next.get(), null, next.get(), 0,
          reason, true, row, List.of());
    }
    return new Completion(claim.lease(), JobStatus.FAILED, null, null, null, job.attempt(), reason,
        false, row, List.of());
  }

  /**
   * The run was interrupted because this node shut down: run again at once elsewhere, without
   * counting the attempt.
   */
  Completion interrupted(ClaimedJob claim, Instant scheduledAt, Instant startedAt, Instant now) {
    JobSnapshot job = claim.job();
    JobAttempt row = attempt(job, scheduledAt, startedAt, now, Outcome.INTERRUPTED,
        "interrupted: node " + nodeId + " shut down");
    return new Completion(claim.lease(), JobStatus.SCHEDULED, null, Duration.ZERO, job.fireAt(),
        job.attempt() - 1, job.lastError().orElse(null), false, row, List.of());
  }

  /**
   * A claim handed back before it started (its node stops, its lease could not be confirmed while
   * it waited, or it was cancelled while it waited): due again at the time it was due, without
   * counting the attempt, with no history row. A pending administrator request (pause, cancel) is
   * applied by the store instead.
   */
  Completion released(ClaimedJob claim) {
    JobSnapshot job = claim.job();
    Instant due = job.nextRunAt().orElse(null);
    return new Completion(claim.lease(), JobStatus.SCHEDULED, due, due == null ? Duration.ZERO : null,
        job.fireAt(), job.attempt() - 1, job.lastError().orElse(null), false, null, List.of());
  }

  /** The job's stored trigger or misfire policy does not parse: it cannot be run or rescheduled. */
  Completion unrunnable(ClaimedJob claim, Instant now, String reason) {
    JobSnapshot job = claim.job();
    JobAttempt row = new JobAttempt(job.id(), job.type(), job.attempt(), job.fireAt(), null, now,
        Outcome.FAILED, reason, nodeId);
    return new Completion(claim.lease(), JobStatus.FAILED, null, null, null, job.attempt(), reason,
        false, row, List.of());
  }

  /** A dead node's run, taken over after its lease expired. */
  Completion recovered(RecoveredJob recovered, Trigger trigger, JobOptions options, Instant now) {
    ClaimedJob claim = recovered.claim();
    JobSnapshot job = claim.job();
    String reason = "lease of node " + recovered.previousOwner() + " expired at "
        + recovered.expiredAt() + " during attempt " + job.attempt()
        + "; the node died or hung";
    if (options.recoveryPolicy() == RecoveryPolicy.NEEDS_REVIEW) {
      JobAttempt row = new JobAttempt(job.id(), job.type(), job.attempt(), job.fireAt(), null, now,
          Outcome.LEASE_EXPIRED, reason + "; outcome unknown, parked for review",
          recovered.previousOwner());
      return new Completion(claim.lease(), JobStatus.NEEDS_REVIEW, null, null, null, job.attempt(),
          row.error().orElse(null), false, row, List.of());
    }
    JobAttempt row = new JobAttempt(job.id(), job.type(), job.attempt(), job.fireAt(), null, now,
        Outcome.LEASE_EXPIRED, reason, recovered.previousOwner());
    if (job.attempt() < options.retryPolicy().maxAttempts()) {
      return retryIn(claim, Duration.ZERO, reason, row, List.of());
    }
    return exhausted(claim, trigger, job.fireAt(), reason, row, List.of());
  }

  private Completion retryIn(ClaimedJob claim, Duration delay, String error, JobAttempt row,
      List<NewJob> followUps) {
    JobSnapshot job = claim.job();
    return new Completion(claim.lease(), JobStatus.SCHEDULED, null, delay, job.fireAt(),
        job.attempt(), error, false, row, followUps);
  }

  /** No retries left: a one-time job fails; a recurring job moves on to its next fire time. */
  private Completion exhausted(ClaimedJob claim, Trigger trigger, Instant scheduledAt, String error,
      JobAttempt row, List<NewJob> followUps) {
    JobSnapshot job = claim.job();
    Optional<Instant> next = trigger.isRecurring() ? trigger.nextAfter(scheduledAt) : Optional.empty();
    if (next.isPresent()) {
      return new Completion(claim.lease(), JobStatus.SCHEDULED, next.get(), null, next.get(), 0,
          error, true, row, followUps);
    }
    return new Completion(claim.lease(), JobStatus.FAILED, null, null, null, job.attempt(), error,
        false, row, followUps);
  }

  private JobAttempt attempt(JobSnapshot job, Instant scheduledAt, Instant startedAt,
      Instant finishedAt, Outcome outcome, String error) {
    return new JobAttempt(job.id(), job.type(), job.attempt(), scheduledAt, startedAt, finishedAt,
        outcome, error, nodeId);
  }

  /** "ExceptionType: message", truncated, for the job's last error and its history. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String text = failure instanceof NeedsReviewException || failure instanceof RetryAfterException
        ? String.valueOf(message)
        : failure.getClass().getName() + (message == null ? "" : ": " + message);
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
  }
}
