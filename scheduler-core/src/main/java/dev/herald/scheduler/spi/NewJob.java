package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;

/**
 * A job to insert into a {@link JobStore}: a {@link dev.herald.scheduler.JobRequest} after its id
 * was chosen, its payload encoded and its first fire time computed.
 *
 * @param id the job id
 * @param type the job type
 * @param payload the encoded payload, or null
 * @param triggerSpec the trigger spec
 * @param priority the priority
 * @param misfireSpec the misfire policy spec
 * @param uniqueKey the unique key, or null; a blank key is no key (stored as null)
 * @param firstRunAt the first fire time (the job's {@code nextRunAt} and {@code fireAt})
 * @param status {@link JobStatus#SCHEDULED} or {@link JobStatus#PAUSED}
 */
public record NewJob(
    String id,
    String type,
    String payload,
    String triggerSpec,
    int priority,
    String misfireSpec,
    String uniqueKey,
    Instant firstRunAt,
    JobStatus status) {

  public NewJob {
    uniqueKey = uniqueKey == null || uniqueKey.isBlank() ? null : uniqueKey;
    Preconditions.notBlank(id, "id");
    Preconditions.notBlank(type, "type");
    Preconditions.notNull(triggerSpec, "triggerSpec");
    Preconditions.notNull(misfireSpec, "misfireSpec");
    Preconditions.notNull(firstRunAt, "firstRunAt");
    Preconditions.notNull(status, "status");
    Preconditions.checkArgument(status == JobStatus.SCHEDULED || status == JobStatus.PAUSED,
        "a new job must be SCHEDULED or PAUSED, was " + status);
  }
}
