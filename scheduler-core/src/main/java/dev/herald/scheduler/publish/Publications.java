package dev.herald.scheduler.publish;

import dev.herald.scheduler.Page;
import java.net.URI;
import java.util.stream.Stream;

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
   * One page of the posts matching {@code query}, ordered by post id: at most {@link
   * PostQuery#limit()} posts from {@link PostQuery#offset()}, each with all its targets as {@link
   * #status(String)} returns them, and {@link Page#hasMore()} telling whether more follow ({@link
   * PostQuery#next(Page)} is the query for the next page). To walk every match, use {@link
   * #stream(PostQuery)}.
   *
   * <p>It works on every job store, over the job listing: each call walks the publish jobs that
   * can match the query (its post id prefix, target states and due window narrow that walk) to
   * find the matching post ids, then reads the statuses of the page's posts. A post's status is
   * read after it matched, so it may have moved on since (filter its targets with {@link
   * PostQuery#matches(TargetStatus)} where that matters), and a post deleted in between (its
   * history purged) is left out of the page.
   *
   * @param query the filters and the page
   * @return the page of posts
   * @throws NullPointerException if {@code query} is null
   */
  Page<PostStatus> list(PostQuery query);

  /**
   * Every post matching {@code query}, from its offset to the end, ordered by post id. Nothing is
   * read before a terminal operation starts; then the matching post ids are found with one walk
   * over the publish jobs, and each post's status is read as the stream reaches it, so a
   * short-circuiting operation ({@code findFirst}, {@code limit}) reads no more statuses than it
   * needs. The query's page size does not matter here.
   *
   * <p>The walk is not a snapshot: a post scheduled after it started is not seen, one deleted
   * since (its history purged) is left out, and a post's status is the one read when the stream
   * reaches it. The stream is sequential and needs no closing.
   *
   * @param query the filters, and the number of matching posts to skip
   * @return the matching posts
   * @throws NullPointerException if {@code query} is null
   */
  Stream<PostStatus> stream(PostQuery query);

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
