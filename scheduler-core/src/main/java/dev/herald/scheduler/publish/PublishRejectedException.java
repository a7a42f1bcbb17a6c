package dev.herald.scheduler.publish;

import dev.herald.scheduler.SchedulerException;

/**
 * A platform refused a post for good (or its credentials cannot be renewed): the publication ends
 * FAILED with the platform's code and message, and is not retried.
 */
public class PublishRejectedException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /** The platform's error code. */
  private final String code;

  /** The platform's message. */
  private final String reason;

  /**
   * @param target where the post was going
   * @param code the platform's error code
   * @param reason the platform's message
   */
  public PublishRejectedException(Target target, String code, String reason) {
    super(target + " rejected the post: " + code + " " + reason);
    this.code = code;
    this.reason = reason;
  }

  /**
   * The platform's error code.
   *
   * @return the code, e.g. an HTTP status or a Graph API code
   */
  public String code() {
    return code;
  }

  /**
   * The platform's message.
   *
   * @return the reason the platform gave
   */
  public String reason() {
    return reason;
  }
}
