package dev.herald.scheduler.publish;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every target of a post (every occurrence's targets, for a series), at one moment.
 *
 * @param postId the post
 * @param targets the targets' statuses, ordered by occurrence then target
 */
public record PostStatus(String postId, List<TargetStatus> targets) {
  /**
   * Copies {@code targets}.
   *
   * @param postId the post
   * @param targets the targets' statuses, ordered by occurrence then target
   * @throws NullPointerException if {@code targets} is null or holds a null
   */
  public PostStatus {
    targets = List.copyOf(targets);
  }

  /**
   * The status of {@code target} (the latest occurrence's, for a series).
   *
   * @param target the platform and account
   * @return that target's status
   * @throws NoSuchElementException if the post has no such target
   */
  public TargetStatus target(Target target) {
    TargetStatus found = null;
    for (TargetStatus t : targets) {
      if (t.target().equals(target)) {
        found = t;
      }
    }
    if (found == null) {
      throw new NoSuchElementException("post " + postId + " has no target " + target);
    }
    return found;
  }

  /**
   * Whether every target is in {@code state}.
   *
   * @param state the state to test for
   * @return true if the post has targets and every one is in {@code state}
   */
  public boolean all(TargetState state) {
    return !targets.isEmpty() && targets.stream().allMatch(t -> t.state() == state);
  }
}
