package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of a job's history: one attempt (or one skipped fire time), with its outcome.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param jobId the job
 * @param type the job type
 * @param attempt the attempt number for {@code scheduledAt}, starting at 1
 * @param scheduledAt the fire time the attempt was for
 * @param startedAt when it started, or null when unknown (a lease that expired on a dead node)
 * @param finishedAt when it ended (or was found dead, or was skipped)
 * @param outcome how it ended
 * @param error the failure message, or null
 * @param node the node that ran it
 */
public record JobAttempt(
    String jobId,
    String type,
    int attempt,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    String error,
    String node) {

  /** How an attempt ended. */
  public enum Outcome {
    /** The job returned normally. */
    SUCCEEDED,
    /** The job threw; whether it is retried shows in the job's status. */
    FAILED,
    /** The job asked to run later without counting an attempt (a rate limit). */
    DEFERRED,
    /** The fire time was missed by more than the misfire grace and was not run. */
    SKIPPED,
    /** The node shut down and interrupted the job; it runs again without counting the attempt. */
    INTERRUPTED,
    /** The node running it stopped renewing its lease (it died or hung); another node took over. */
    LEASE_EXPIRED,
    /** The job's outcome is unknown; it waits for a human. */
    NEEDS_REVIEW
  }

  /**
   * @throws NullPointerException if a required component is null
   */
  public JobAttempt {
    Preconditions.notNull(jobId, "jobId");
    Preconditions.notNull(type, "type");
    Preconditions.notNull(scheduledAt, "scheduledAt");
    Preconditions.notNull(finishedAt, "finishedAt");
    Preconditions.notNull(outcome, "outcome");
    Preconditions.notNull(node, "node");
  }

  /** How long the attempt ran, if its start is known. */
  public Optional<Duration> duration() {
    return startedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, finishedAt));
  }

  /** The failure message, if any. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(error);
  }
}
