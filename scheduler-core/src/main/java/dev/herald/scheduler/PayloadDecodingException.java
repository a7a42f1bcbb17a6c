package dev.herald.scheduler;

/**
 * A job's payload could not be decoded into the type the job asked for. A job that lets it escape
 * ends FAILED with this message and is not retried: the same bytes will not decode better later.
 */
public class PayloadDecodingException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /**
   * @param jobId the job whose payload failed
   * @param targetType the type asked for
   * @param cause the codec's error
   */
  public PayloadDecodingException(String jobId, Class<?> targetType, Throwable cause) {
    super("payload of job " + jobId + " cannot be decoded as " + targetType.getName() + ": "
        + cause.getMessage(), cause);
  }

  /**
   * For a job that has no payload at all.
   *
   * @param jobId the job's id
   * @param targetType the class the payload was to be decoded to
   */
  public PayloadDecodingException(String jobId, Class<?> targetType) {
    super("job " + jobId + " has no payload to decode as " + targetType.getName());
  }
}
