package dev.herald.scheduler.publish;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Publishes posts to one social platform: the contract every adapter (Mastodon, Pixelfed,
 * Instagram, Facebook Pages, TikTok, or a host's own) implements.
 *
 * <p>{@link #publish(PublishRequest)} performs the whole publish flow of the platform (media upload,
 * processing waits, container creation, the final call) and reports the outcome as a {@link
 * PublishResult}, classified by status and error code. It does not throw for anything the platform
 * or the network does: a refused post is {@link PublishResult.Rejected}, a timeout after the
 * request was sent is {@link PublishResult.Unknown}. A {@link RuntimeException} means a bug and is
 * treated by the scheduler like {@code Unknown}, since the post may have gone out.
 *
 * <p>{@link #validate(Post)} must not do network I/O: the scheduler calls it when a post is
 * scheduled, so that an over-long caption fails then, not at 09:00 on the day.
 *
 * <p>Every call names its {@link Target}: one publisher serves every account and, on a federated
 * platform, every instance. An adapter of a federated platform keeps instance-dependent state
 * (limits, rate-limit windows) per instance and overrides the {@code Target} forms of {@link
 * #capabilities(Target)} and {@link #validate(Post, Target)}.
 *
 * <p>Implementations must be threadsafe: one instance serves every account and every worker thread.
 */
public interface PlatformPublisher {

  /**
   * The platform id, lower case: {@code mastodon}, {@code pixelfed}, {@code instagram}…
   *
   * @return the platform id, lower case
   */
  String platform();

  /**
   * The platform's limits and its idempotency support.
   *
   * @return the capabilities, the same on every call
   */
  PlatformCapabilities capabilities();

  /**
   * The capabilities for {@code target}: those of its instance on a federated platform. The default
   * returns {@link #capabilities()}.
   *
   * @param target the target a post goes to
   * @return the capabilities that apply to the target
   */
  default PlatformCapabilities capabilities(Target target) {
    return capabilities();
  }

  /**
   * Checks {@code post} against the limits that apply to {@code target} (its instance's, on a
   * federated platform) without any network call; the scheduler calls this form. The default
   * returns {@link #validate(Post)}.
   *
   * @param post the post to check
   * @param target the target it goes to
   * @return every violation found; empty when the post can be published to the target
   */
  default List<PostViolation> validate(Post post, Target target) {
    return validate(post);
  }

  /**
   * Checks {@code post} against this platform's limits without any network call.
   *
   * @param post the post to check
   * @return every violation found; empty when the post can be published
   */
  default List<PostViolation> validate(Post post) {
    return capabilities().validate(post);
  }

  /**
   * Publishes {@code request.post()} to {@code request.target()}, passing {@code
   * request.idempotencyKey()} to the platform where it supports one.
   *
   * @param request the post, account and idempotency key
   * @return the classified outcome; never null
   */
  PublishResult publish(PublishRequest request);

  /**
   * Asks the platform whether the publication of {@code request} happened, after a call whose
   * outcome was unknown (a lost response, an ambiguous 5xx, a node that died mid-call). The
   * publishing layer calls it after an {@link PublishResult.Unknown} of a platform that does not
   * deduplicate by key, and again when a later run (on any node, after a restart) finds that intent
   * unresolved: the answer must come from the platform, not from state kept in this process. See
   * {@link Reconciliation} for what each answer leads to; answer {@code NotFound} only on the
   * platform's own evidence. The default answers {@code Undetermined}: the target is parked for
   * review, as without reconciliation. May do network I/O.
   *
   * @param request the request as first sent: the same post, target and idempotency key
   * @param firstSentAt when it was first sent (search from a little before, for clock skew)
   * @return what the platform says; never null
   */
  default Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    return Reconciliation.undetermined(platform() + "'s publisher cannot look a post up");
  }

  /**
   * Tries to renew the credentials of {@code target} after a publish returned {@link
   * PublishResult.AuthExpired}: the scheduler calls it once, then publishes again if it returns
   * true. The default returns false (the platform has no refresh, or this adapter has no refresher):
   * the post then fails, asking for the user to authorise again.
   *
   * @param target the target whose publish failed
   * @return true if the credentials were renewed and a publish is worth trying again
   */
  default boolean refreshAuth(Target target) {
    return false;
  }

  /**
   * When a publish to {@code target} fits the platform's quota again, as only the platform knows
   * it (read from its API), if it does not now; empty if a publish may go ahead (or the quota is
   * unknown). The scheduler checks it before publishing and waits instead of calling. May do
   * network I/O. A per-account limit Herald can count itself is better declared as {@link
   * PlatformCapabilities#publishBudget()}: Herald counts it in the job store, for every node.
   *
   * @param target the target about to be published to
   * @return when the budget allows a publish again, or empty if a publish may go ahead now
   */
  default Optional<Instant> quotaExhaustedUntil(Target target) {
    return Optional.empty();
  }
}
