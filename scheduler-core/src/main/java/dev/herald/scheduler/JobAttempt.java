package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a job's history: one attempt (or one skipped fire time), with its outcome.
 *
 * <p>A value that may be absent is returned as an {@link Optional} from its one accessor. Instances
 * are immutable and threadsafe.
 */
public final class JobAttempt {
  private final String jobId;
  private final String type;
  private final int attempt;
  private final Instant scheduledAt;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final Outcome outcome;
  private final String error;
  private final String node;

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
   * A history row; built by Herald and by {@link dev.herald.scheduler.spi.JobStore}
   * implementations.
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
   * @throws NullPointerException if an argument not documented as nullable is null
   */
  public JobAttempt(
      String jobId,
      String type,
      int attempt,
      Instant scheduledAt,
      Instant startedAt,
      Instant finishedAt,
      Outcome outcome,
      String error,
      String node) {
    this.jobId = Preconditions.notNull(jobId, "jobId");
    this.type = Preconditions.notNull(type, "type");
    this.attempt = attempt;
    this.scheduledAt = Preconditions.notNull(scheduledAt, "scheduledAt");
    this.startedAt = startedAt;
    this.finishedAt = Preconditions.notNull(finishedAt, "finishedAt");
    this.outcome = Preconditions.notNull(outcome, "outcome");
    this.error = error;
    this.node = Preconditions.notNull(node, "node");
  }

  /**
   * The job.
   *
   * @return the job's id
   */
  public String jobId() {
    return jobId;
  }

  /**
   * The job type.
   *
   * @return the job type
   */
  public String type() {
    return type;
  }

  /**
   * The attempt number for {@link #scheduledAt()}, starting at 1.
   *
   * @return the attempt number, 1 or more
   */
  public int attempt() {
    return attempt;
  }

  /**
   * The fire time the attempt was for.
   *
   * @return the fire time
   */
  public Instant scheduledAt() {
    return scheduledAt;
  }

  /**
   * When it started; empty when unknown (a lease that expired on a dead node).
   *
   * @return the start time, or empty when unknown
   */
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  /**
   * When it ended (or was found dead, or was skipped).
   *
   * @return the end time
   */
  public Instant finishedAt() {
    return finishedAt;
  }

  /**
   * How it ended.
   *
   * @return the outcome
   */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * The failure message, if any.
   *
   * @return the failure message, or empty for a success
   */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /**
   * The node that ran it.
   *
   * @return the id of the node that ran the attempt
   */
  public String node() {
    return node;
  }

  /**
   * How long the attempt ran, if its start is known.
   *
   * @return the running time, or empty if the start is unknown
   */
  public Optional<Duration> duration() {
    return startedAt().map(start -> Duration.between(start, finishedAt));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobAttempt a
        && jobId.equals(a.jobId)
        && type.equals(a.type)
        && attempt == a.attempt
        && scheduledAt.equals(a.scheduledAt)
        && Objects.equals(startedAt, a.startedAt)
        && finishedAt.equals(a.finishedAt)
        && outcome == a.outcome
        && Objects.equals(error, a.error)
        && node.equals(a.node);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        jobId, type, attempt, scheduledAt, startedAt, finishedAt, outcome, error, node);
  }

  @Override
  public String toString() {
    return "JobAttempt["
        + jobId
        + " #"
        + attempt
        + " for "
        + scheduledAt
        + ", "
        + outcome
        + " at "
        + finishedAt
        + " on "
        + node
        + (error == null ? "" : ", error=" + error)
        + "]";
  }
}
