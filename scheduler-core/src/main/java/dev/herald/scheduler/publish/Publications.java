package dev.herald.scheduler.publish;

import java.net.URI;

/**
 * Schedules posts and follows them through publishing: per target, effectively once. Obtain one
 * from {@link Publishing#client(dev.herald.scheduler.SchedulerClient)}; like the scheduler client,
 * it needs no running engine.
 *
 * <p>Implementations are threadsafe.
 */
public interface Publications {

  /**
   * Validates the post against every target's publisher and schedules one publish job per target
   * (or the series). Scheduling an existing post id returns its status and adds nothing.
   *
   * @param request the post, its targets and when to publish
   * @return the post's status; for an existing post id, its current status
   * @throws PostValidationException naming each target and limit broken; nothing is stored for any
   *     target
   * @throws IllegalArgumentException if a target's platform has no publisher
   */
  PostStatus schedule(PostRequest request);

  /**
   * The post's targets and their states.
   *
   * @param postId the host's id for the post
   * @return the post's status
   * @throws PostNotFoundException if no post has this id
   */
  PostStatus status(String postId);

  /**
   * Replaces the content of the targets (and future occurrences) not yet publishing: what is
   * published after the edit is the edited post (for every target: per-target versions are
   * replaced too). Targets already publishing, published or finished keep what they had.
   *
   * @param postId the host's id for the post
   * @param post the edited content
   * @return the post's status after the edit
   * @throws PostValidationException if the edited post breaks a target's limits; nothing changes
   * @throws PostNotFoundException if no post has this id
   */
  PostStatus edit(String postId, Post post);

  /**
   * Cancels every target not yet published (and the series). A target being published right now
   * ends CANCELLED unless its publish completes first.
   *
   * @param postId the host's id for the post
   * @return the post's status after the cancellation
   * @throws PostNotFoundException if no post has this id
   */
  PostStatus cancel(String postId);

  /**
   * Resolves a NEEDS_REVIEW (or FAILED) target by hand: a human found it published as {@code
   * remoteId}.
   *
   * @param target the target to resolve, as read from a {@link PostStatus}
   * @param remoteId the platform's id of the post the human found
   * @param url the post's public link, or null if unknown
   * @return the target's status, PUBLISHED
   * @throws dev.herald.scheduler.InvalidJobStateException if the target is in another state
   */
  TargetStatus markPublished(TargetStatus target, String remoteId, URI url);

  /**
   * Resolves a NEEDS_REVIEW (or FAILED) target by hand by sending it again, as a new publication
   * (a new idempotency key): use it when a human checked that the post is not live.
   *
   * @param target the target to send again, as read from a {@link PostStatus}
   * @return the target's status, SCHEDULED for a new publication
   * @throws dev.herald.scheduler.InvalidJobStateException if the target is in another state
   */
  TargetStatus resend(TargetStatus target);
}
