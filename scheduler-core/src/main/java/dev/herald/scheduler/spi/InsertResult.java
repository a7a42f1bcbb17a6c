package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.internal.Preconditions;

/**
 * What {@link JobStore#insert(NewJob)} did.
 *
 * @param job the stored job: the new one, or the existing one with the same id or unique key
 * @param created true if {@code job} was inserted now, false if it already existed
 */
public record InsertResult(JobSnapshot job, boolean created) {
  /**
   * Checks the components.
   *
   * @param job the stored job
   * @param created whether this insert created {@code job}
   * @throws NullPointerException if {@code job} is null
   */
  public InsertResult {
    Preconditions.notNull(job, "job");
  }
}
