package dev.herald.scheduler;

/**
 * The root of Herald's exceptions. Unchecked; subclasses put the job id, type or node in the
 * message.
 */
public class SchedulerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public SchedulerException(String message) {
    super(message);
  }

  /** An exception with {@code message} caused by {@code cause}. */
  public SchedulerException(String message, Throwable cause) {
    super(message, cause);
  }
}
