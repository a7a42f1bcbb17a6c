package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What a platform says about a publication whose outcome was unknown: the answer of {@link
 * PlatformPublisher#reconcile}. The publishing layer acts on it instead of parking the target for
 * review at once:
 *
 * <ul>
 *   <li>{@link Found}: the post exists; the target is recorded PUBLISHED with its id.
 *   <li>{@link NotFound}: the platform shows that no post was created; the publication is sent once
 *       more with the same key (and parked for review if that, too, ends unknown and not found).
 *   <li>{@link Pending}: the platform cannot tell yet (it may still be creating the post, or could
 *       not be read); asked again later, a few times at most.
 *   <li>{@link Undetermined}: it cannot be told; the target is parked as NEEDS_REVIEW.
 * </ul>
 *
 * <p>An adapter answers {@code NotFound} only when the platform's own records show the post was not
 * created (a publish status of FAILED, a feed read well after the attempt without it): a wrong
 * {@code NotFound} sends the post twice. When in doubt, {@code Pending} or {@code Undetermined}.
 *
 * <p>Instances are immutable and threadsafe.
 */
public sealed interface Reconciliation {

  /**
   * The post exists on the platform.
   *
   * @param remoteId the platform's id of the post
   * @param url its public URL, if known
   */
  record Found(String remoteId, Optional<URI> url) implements Reconciliation {
    /**
     * Checks the components.
     *
     * @param remoteId the platform's id, not blank
     * @param url its public URL, if known
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code remoteId} is blank
     */
    public Found {
      Preconditions.notBlank(remoteId, "remoteId");
      Preconditions.notNull(url, "url");
    }
  }

  /**
   * The platform shows that no post was created: sending again cannot duplicate.
   *
   * @param evidence what showed it, for the log and the target's history
   */
  record NotFound(String evidence) implements Reconciliation {
    /**
     * Checks the component.
     *
     * @param evidence what showed it, not blank
     * @throws NullPointerException if {@code evidence} is null
     * @throws IllegalArgumentException if it is blank
     */
    public NotFound {
      Preconditions.notBlank(evidence, "evidence");
    }
  }

  /**
   * The platform cannot tell yet: ask again after {@code checkAgainIn}.
   *
   * @param checkAgainIn how long to wait before asking again, positive
   * @param reason why it cannot tell yet
   */
  record Pending(Duration checkAgainIn, String reason) implements Reconciliation {
    /**
     * Checks the components.
     *
     * @param checkAgainIn how long to wait, positive
     * @param reason why, not blank
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code checkAgainIn} is not positive or {@code reason}
     *     is blank
     */
    public Pending {
      Preconditions.positive(checkAgainIn, "checkAgainIn");
      Preconditions.notBlank(reason, "reason");
    }
  }

  /**
   * The platform cannot tell whether the post exists: a human decides.
   *
   * @param reason why not
   */
  record Undetermined(String reason) implements Reconciliation {
    /**
     * Checks the component.
     *
     * @param reason why not, not blank
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if it is blank
     */
    public Undetermined {
      Preconditions.notBlank(reason, "reason");
    }
  }

  /**
   * The post exists.
   *
   * @param remoteId the platform's id of the post
   * @param url its public URL, or null if unknown
   * @return a {@link Found}
   */
  static Reconciliation found(String remoteId, URI url) {
    return new Found(remoteId, Optional.ofNullable(url));
  }

  /**
   * No post was created.
   *
   * @param evidence what showed it
   * @return a {@link NotFound}
   */
  static Reconciliation notFound(String evidence) {
    return new NotFound(evidence);
  }

  /**
   * Cannot tell yet.
   *
   * @param checkAgainIn how long to wait before asking again
   * @param reason why
   * @return a {@link Pending}
   */
  static Reconciliation pending(Duration checkAgainIn, String reason) {
    return new Pending(checkAgainIn, reason);
  }

  /**
   * Cannot tell.
   *
   * @param reason why not
   * @return an {@link Undetermined}
   */
  static Reconciliation undetermined(String reason) {
    return new Undetermined(reason);
  }
}
