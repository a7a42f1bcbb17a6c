package dev.herald.scheduler.publish;

import dev.herald.scheduler.JobAttempt;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One target of a post (one occurrence, for a series): its state, the remote id and URL once
 * published, attempts, the last error, and one history row per attempt.
 *
 * @param target the platform and account
 * @param occurrence for a series, the occurrence this publication belongs to; null otherwise
 * @param state where it is
 * @param remoteId the platform's id of the post, once published (or marked published)
 * @param url its public link, if the platform gave one
 * @param attempts attempts made for the current fire time
 * @param nextAttemptAt when it is due next, while scheduled
 * @param lastError the last failure or the reason for review, or null
 * @param jobId the publish job behind this target
 * @param history one row per attempt, newest first
 */
public record TargetStatus(
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

  public TargetStatus {
    history = List.copyOf(history);
  }

  /** The remote id, once published. */
  public Optional<String> remote() {
    return Optional.ofNullable(remoteId);
  }

  /** The public link, once published and if given. */
  public Optional<URI> link() {
    return Optional.ofNullable(url);
  }
}
