package dev.herald.scheduler.publish;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of {@link PlatformPublisher#publish(PublishRequest)}, classified by the adapter from
 * the platform's status codes and error codes (never from message text, except where a platform's
 * documentation makes the text the signal).
 *
 * <p>The cases, and what the scheduler does with each:
 *
 * <ul>
 *   <li>{@link Published}: done; the remote id and URL are recorded.
 *   <li>{@link RetryLater}: nothing was published; try again after the delay (counts as an
 *       attempt).
 *   <li>{@link RateLimited}: nothing was published; try again at {@code until} without counting an
 *       attempt.
 *   <li>{@link Rejected}: the platform refused the post for good (validation, permissions); do not
 *       retry.
 *   <li>{@link AuthExpired}: the token is no longer valid; refresh it (where the platform allows)
 *       and retry, else ask the user to re-authorise.
 *   <li>{@link Unknown}: the request may have taken effect (a timeout after sending, a dropped
 *       connection, an ambiguous 5xx). A blind retry could publish twice.
 * </ul>
 *
 * <p>All implementations are immutable records and threadsafe.
 */
public sealed interface PublishResult {

  /**
   * Published as {@code remoteId}, at {@code url}.
   *
   * @param remoteId the platform's id for the post
   * @param url the public link, or null when the platform does not return one
   * @return a published result
   */
  static Published published(String remoteId, URI url) {
    return new Published(remoteId, Optional.ofNullable(url));
  }

  /**
   * Nothing published; retry after {@code after}.
   *
   * @param after how long to wait, zero or more
   * @param reason why, for the job's error
   * @return a retry-later result
   */
  static RetryLater retryLater(Duration after, String reason) {
    return new RetryLater(after, reason);
  }

  /**
   * Nothing published; rate limited until {@code until}.
   *
   * @param until when the limit lifts
   * @param reason why, for the job's error
   * @return a rate-limited result
   */
  static RateLimited rateLimited(Instant until, String reason) {
    return new RateLimited(until, reason);
  }

  /**
   * Permanently refused.
   *
   * @param code the platform's error code
   * @param reason the platform's message
   * @return a rejected result
   */
  static Rejected rejected(String code, String reason) {
    return new Rejected(code, reason);
  }

  /**
   * The access token expired or was revoked.
   *
   * @param reason the platform's message
   * @return an auth-expired result
   */
  static AuthExpired authExpired(String reason) {
    return new AuthExpired(reason);
  }

  /**
   * The outcome is unknown: the post may have been published.
   *
   * @param reason what went wrong, for the human who reviews the target
   * @return an unknown result
   */
  static Unknown unknown(String reason) {
    return new Unknown(reason);
  }

  /**
   * The post is live. {@link PublishResult#published(String, URI)} builds one from a nullable URL.
   *
   * @param remoteId the platform's id for the post
   * @param url its public link; empty when the platform does not return one
   */
  record Published(String remoteId, Optional<URI> url) implements PublishResult {
    /**
     * Checks the components.
     *
     * @param remoteId the platform's id for the post, not blank
     * @param url its public link, or empty
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code remoteId} is blank
     */
    public Published {
      requireNonNull(remoteId, "remoteId cannot be null");
      requireNonNull(url, "url cannot be null (use Optional.empty())");
      if (remoteId.isBlank()) {
        throw new IllegalArgumentException("remoteId cannot be blank");
      }
    }
  }

  /**
   * Nothing was published and a later attempt may succeed (a 5xx before the request took effect,
   * media still processing).
   */
  record RetryLater(Duration after, String reason) implements PublishResult {
    /**
     * Checks the components.
     *
     * @param after how long to wait before the next attempt, zero or more
     * @param reason why, for the job's error
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code after} is negative
     */
    public RetryLater {
      requireNonNull(after, "after cannot be null");
      requireNonNull(reason, "reason cannot be null");
      if (after.isNegative()) {
        throw new IllegalArgumentException("retry delay cannot be negative, was " + after);
      }
    }
  }

  /** Nothing was published because of a rate limit or quota that lifts at {@code until}. */
  record RateLimited(Instant until, String reason) implements PublishResult {
    /**
     * Checks the components.
     *
     * @param until when the limit lifts
     * @param reason why, for the job's error
     * @throws NullPointerException if a component is null
     */
    public RateLimited {
      requireNonNull(until, "until cannot be null");
      requireNonNull(reason, "reason cannot be null");
    }
  }

  /**
   * The platform refused the post and will refuse it again.
   *
   * @param code the platform's error code (HTTP status, Graph API code/subcode, TikTok error code)
   * @param reason the platform's message
   */
  record Rejected(String code, String reason) implements PublishResult {
    /**
     * Checks the components.
     *
     * @param code the platform's error code
     * @param reason the platform's message
     * @throws NullPointerException if a component is null
     */
    public Rejected {
      requireNonNull(code, "code cannot be null");
      requireNonNull(reason, "reason cannot be null");
    }
  }

  /** The access token is expired or revoked. */
  record AuthExpired(String reason) implements PublishResult {
    /**
     * Checks the component.
     *
     * @param reason the platform's message
     * @throws NullPointerException if {@code reason} is null
     */
    public AuthExpired {
      requireNonNull(reason, "reason cannot be null");
    }
  }

  /** The request may have taken effect; the adapter cannot tell. */
  record Unknown(String reason) implements PublishResult {
    /**
     * Checks the component.
     *
     * @param reason what went wrong, for the human who reviews the target
     * @throws NullPointerException if {@code reason} is null
     */
    public Unknown {
      requireNonNull(reason, "reason cannot be null");
    }
  }
}
