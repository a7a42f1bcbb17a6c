package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A change in the state of one target's publication, reported to {@link PublicationListener}s and
 * the webhook after the change is stored.
 *
 * <p>Which optional components are present depends on the {@link Kind}: {@code remoteId} and
 * {@code url} (when the platform returns one) for {@link Kind#PUBLISHED}; {@code code} and {@code
 * reason} for {@link Kind#FAILED}; {@code reason} for {@link Kind#NEEDS_REVIEW}; {@code until} and
 * {@code reason} for {@link Kind#RATE_LIMITED}.
 *
 * <p>Events are delivered at least once: a delivery interrupted by a crash is repeated after
 * recovery, with the same {@code eventId}, so a receiver that must act once dedupes by it.
 * Immutable and threadsafe.
 *
 * @param eventId the event's id, unique and the same on every delivery of the event
 * @param kind what happened
 * @param postId the post's id
 * @param target the platform and account the publication went to
 * @param occurrence the occurrence of a series this publication belongs to; empty for a one-time
 *     post
 * @param occurredAt when the change was stored
 * @param remoteId the platform's id for the post ({@link Kind#PUBLISHED})
 * @param url the post's public link ({@link Kind#PUBLISHED}, when the platform returns one)
 * @param code the platform's error code ({@link Kind#FAILED})
 * @param reason why ({@link Kind#FAILED}, {@link Kind#NEEDS_REVIEW}, {@link Kind#RATE_LIMITED})
 * @param until when the rate limit or quota lifts and the publication is tried again ({@link
 *     Kind#RATE_LIMITED})
 */
public record PublicationEvent(String eventId, Kind kind, String postId, Target target,
    Optional<Instant> occurrence, Instant occurredAt, Optional<String> remoteId,
    Optional<URI> url, Optional<String> code, Optional<String> reason, Optional<Instant> until) {

  /** What happened to the publication. */
  public enum Kind {
    /** The post is live on the target. */
    PUBLISHED,
    /** The platform refused the post for good, or every attempt failed; it is not retried. */
    FAILED,
    /** The outcome is unknown and a re-send could duplicate: parked for a human. */
    NEEDS_REVIEW,
    /** Nothing was published because of a rate limit or quota; tried again at {@code until}. */
    RATE_LIMITED
  }

  /**
   * Checks the components.
   *
   * @param eventId the event's id, not blank
   * @param kind what happened
   * @param postId the post's id, not blank
   * @param target the target
   * @param occurrence the series occurrence, or empty
   * @param occurredAt when the change was stored
   * @param remoteId the platform's id for the post, or empty
   * @param url the post's public link, or empty
   * @param code the platform's error code, or empty
   * @param reason why, or empty
   * @param until when the limit lifts, or empty
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code eventId} or {@code postId} is blank
   */
  public PublicationEvent {
    Preconditions.notBlank(eventId, "eventId");
    Preconditions.notNull(kind, "kind");
    Preconditions.notBlank(postId, "postId");
    Preconditions.notNull(target, "target");
    Preconditions.notNull(occurrence, "occurrence");
    Preconditions.notNull(occurredAt, "occurredAt");
    Preconditions.notNull(remoteId, "remoteId");
    Preconditions.notNull(url, "url");
    Preconditions.notNull(code, "code");
    Preconditions.notNull(reason, "reason");
    Preconditions.notNull(until, "until");
  }
}
