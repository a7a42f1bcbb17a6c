package dev.herald.scheduler;

/**
 * The root of Herald's exceptions. Unchecked; subclasses put the job id, type or node in the
 * message.
 */
public class SchedulerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}.
   *
   * @param message what went wrong, naming the job, field or value concerned
   */
  public SchedulerException(String message) {
    super(message);
  }

  /**
   * An exception with {@code message} caused by {@code cause}.
   *
   * @param message what went wrong, naming the job, field or value concerned
   * @param cause the underlying failure
   */
  public SchedulerException(String message, Throwable cause) {
    super(message, cause);
  }
}
