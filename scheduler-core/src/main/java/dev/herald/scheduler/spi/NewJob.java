package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job to insert into a {@link JobStore}: a {@link dev.herald.scheduler.JobRequest} after its id
 * was chosen, its payload encoded and its first fire time computed.
 *
 * <p>A value that may be absent is returned as an {@link Optional} from its one accessor. Instances
 * are immutable and threadsafe.
 */
public final class NewJob {
  private final String id;
  private final String type;
  private final String payload;
  private final String triggerSpec;
  private final int priority;
  private final String misfireSpec;
  private final String uniqueKey;
  private final Instant firstRunAt;
  private final JobStatus status;

  /**
   * A job to insert.
   *
   * @param id the job id
   * @param type the job type
   * @param payload the encoded payload, or null
   * @param triggerSpec the trigger spec
   * @param priority the priority
   * @param misfireSpec the misfire policy spec
   * @param uniqueKey the unique key, or null; a blank key is no key
   * @param firstRunAt the first fire time (the job's {@code nextRunAt} and {@code fireAt})
   * @param status {@link JobStatus#SCHEDULED} or {@link JobStatus#PAUSED}
   * @throws NullPointerException if an argument not documented as nullable is null
   * @throws IllegalArgumentException if {@code id} or {@code type} is blank, or {@code status} is
   *     another status
   */
  public NewJob(
      String id,
      String type,
      String payload,
      String triggerSpec,
      int priority,
      String misfireSpec,
      String uniqueKey,
      Instant firstRunAt,
      JobStatus status) {
    this.id = Preconditions.notBlank(id, "id");
    this.type = Preconditions.notBlank(type, "type");
    this.payload = payload;
    this.triggerSpec = Preconditions.notNull(triggerSpec, "triggerSpec");
    this.priority = priority;
    this.misfireSpec = Preconditions.notNull(misfireSpec, "misfireSpec");
    this.uniqueKey = uniqueKey == null || uniqueKey.isBlank() ? null : uniqueKey;
    this.firstRunAt = Preconditions.notNull(firstRunAt, "firstRunAt");
    this.status = Preconditions.notNull(status, "status");
    Preconditions.checkArgument(
        status == JobStatus.SCHEDULED || status == JobStatus.PAUSED,
        "a new job must be SCHEDULED or PAUSED, was " + status);
  }

  /**
   * The job id.
   *
   * @return the job's id, unique in the store
   */
  public String id() {
    return id;
  }

  /**
   * The job type.
   *
   * @return the job type, which names the handler that runs it
   */
  public String type() {
    return type;
  }

  /**
   * The encoded payload, if any.
   *
   * @return the encoded payload, or empty if the job has none
   */
  public Optional<String> payload() {
    return Optional.ofNullable(payload);
  }

  /**
   * The trigger spec.
   *
   * @return the trigger in the form {@link dev.herald.scheduler.trigger.Trigger#spec()} gives
   */
  public String triggerSpec() {
    return triggerSpec;
  }

  /**
   * The priority.
   *
   * @return the priority; a higher value is claimed first among jobs due at the same time
   */
  public int priority() {
    return priority;
  }

  /**
   * The misfire policy spec.
   *
   * @return the policy in the form {@link dev.herald.scheduler.trigger.MisfirePolicy#spec()} gives
   */
  public String misfireSpec() {
    return misfireSpec;
  }

  /**
   * The unique key, if any (never blank).
   *
   * @return the unique key, or empty if the job has none
   */
  public Optional<String> uniqueKey() {
    return Optional.ofNullable(uniqueKey);
  }

  /**
   * The first fire time (the job's {@code nextRunAt} and {@code fireAt}).
   *
   * @return the first fire time
   */
  public Instant firstRunAt() {
    return firstRunAt;
  }

  /**
   * {@link JobStatus#SCHEDULED} or {@link JobStatus#PAUSED}.
   *
   * @return the initial status, SCHEDULED or PAUSED
   */
  public JobStatus status() {
    return status;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NewJob n
        && id.equals(n.id)
        && type.equals(n.type)
        && Objects.equals(payload, n.payload)
        && triggerSpec.equals(n.triggerSpec)
        && priority == n.priority
        && misfireSpec.equals(n.misfireSpec)
        && Objects.equals(uniqueKey, n.uniqueKey)
        && firstRunAt.equals(n.firstRunAt)
        && status == n.status;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id, type, payload, triggerSpec, priority, misfireSpec, uniqueKey, firstRunAt, status);
  }

  @Override
  public String toString() {
    return "NewJob["
        + id
        + ", type="
        + type
        + ", trigger="
        + triggerSpec
        + ", first="
        + firstRunAt
        + ", "
        + status
        + (uniqueKey == null ? "" : ", uniqueKey=" + uniqueKey)
        + "]";
  }
}
