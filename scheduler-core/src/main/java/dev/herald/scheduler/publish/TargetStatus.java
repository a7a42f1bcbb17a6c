package dev.herald.scheduler.publish;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.internal.Preconditions;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One target of a post (one occurrence, for a series): its state, the remote id and URL once
 * published, attempts, the last error, and one history row per attempt.
 *
 * <p>A value that may be absent is returned as an {@link Optional} from its one accessor. Instances
 * are immutable and threadsafe.
 */
public final class TargetStatus {
  private final Target target;
  private final Instant occurrence;
  private final TargetState state;
  private final String remoteId;
  private final URI url;
  private final int attempts;
  private final Instant nextAttemptAt;
  private final String lastError;
  private final String jobId;
  private final List<JobAttempt> history;

  /**
   * A target's status; built by Herald, public for hosts' tests.
   *
   * @param target the platform and account
   * @param occurrence for a series, the occurrence this publication belongs to; null otherwise
   * @param state where it is
   * @param remoteId the platform's id of the post, once published (or marked published); or null
   * @param url its public link, if the platform gave one; or null
   * @param attempts attempts made for the current fire time
   * @param nextAttemptAt when it is due next, while scheduled; or null
   * @param lastError the last failure or the reason for review, or null
   * @param jobId the publish job behind this target
   * @param history one row per attempt, newest first
   * @throws NullPointerException if an argument not documented as nullable is null
   */
  public TargetStatus(
      Target target,
      Instant occurrence,
      TargetState state,
      String remoteId,
      URI url,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      String jobId,
      List<JobAttempt> history) {
    this.target = Preconditions.notNull(target, "target");
    this.occurrence = occurrence;
    this.state = Preconditions.notNull(state, "state");
    this.remoteId = remoteId;
    this.url = url;
    this.attempts = attempts;
    this.nextAttemptAt = nextAttemptAt;
    this.lastError = lastError;
    this.jobId = Preconditions.notNull(jobId, "jobId");
    this.history = List.copyOf(Preconditions.notNull(history, "history"));
  }

  /**
   * The platform and account.
   *
   * @return the target
   */
  public Target target() {
    return target;
  }

  /**
   * For a series, the occurrence this publication belongs to; empty for a one-time post.
   *
   * @return the occurrence's fire time, or empty for a one-time post
   */
  public Optional<Instant> occurrence() {
    return Optional.ofNullable(occurrence);
  }

  /**
   * Where it is.
   *
   * @return the target's state
   */
  public TargetState state() {
    return state;
  }

  /**
   * The platform's id of the post, once published (or marked published).
   *
   * @return the remote id, or empty until published
   */
  public Optional<String> remoteId() {
    return Optional.ofNullable(remoteId);
  }

  /**
   * The post's public link, once published, if the platform gave one.
   *
   * @return the public link, or empty until published or when the platform gave none
   */
  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  /**
   * Attempts made for the current fire time.
   *
   * @return the attempt count, 0 before the first attempt
   */
  public int attempts() {
    return attempts;
  }

  /**
   * When it is due next, while scheduled.
   *
   * @return the next attempt's time, or empty unless SCHEDULED
   */
  public Optional<Instant> nextAttemptAt() {
    return Optional.ofNullable(nextAttemptAt);
  }

  /**
   * The last failure or the reason for review, if any.
   *
   * @return the error, or empty if none
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * The publish job behind this target.
   *
   * @return the id of the publish job
   */
  public String jobId() {
    return jobId;
  }

  /**
   * One row per attempt, newest first.
   *
   * @return the history rows; empty before the first attempt
   */
  public List<JobAttempt> history() {
    return history;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetStatus t
        && target.equals(t.target)
        && Objects.equals(occurrence, t.occurrence)
        && state == t.state
        && Objects.equals(remoteId, t.remoteId)
        && Objects.equals(url, t.url)
        && attempts == t.attempts
        && Objects.equals(nextAttemptAt, t.nextAttemptAt)
        && Objects.equals(lastError, t.lastError)
        && jobId.equals(t.jobId)
        && history.equals(t.history);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        target,
        occurrence,
        state,
        remoteId,
        url,
        attempts,
        nextAttemptAt,
        lastError,
        jobId,
        history);
  }

  @Override
  public String toString() {
    return "TargetStatus["
        + target
        + (occurrence == null ? "" : " @" + occurrence)
        + ", "
        + state
        + (remoteId == null ? "" : ", remoteId=" + remoteId)
        + (url == null ? "" : ", url=" + url)
        + ", attempts="
        + attempts
        + (nextAttemptAt == null ? "" : ", next=" + nextAttemptAt)
        + (lastError == null ? "" : ", lastError=" + lastError)
        + ", job="
        + jobId
        + "]";
  }
}
