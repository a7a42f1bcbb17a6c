package dev.herald.scheduler.publish;

import dev.herald.scheduler.SchedulerException;

/** No post has the given id. */
public class PostNotFoundException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /**
   * @param postId the id that was not found
   */
  public PostNotFoundException(String postId) {
    super("no post with id '" + postId + "'");
  }
}
