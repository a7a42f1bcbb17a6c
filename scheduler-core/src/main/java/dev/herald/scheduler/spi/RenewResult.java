package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.internal.Preconditions;
import java.util.Map;
import java.util.Set;

/**
 * What {@link JobStore#renew} found.
 *
 * @param lost the leases that are no longer held (the job is not RUNNING under that token any
 *     more); their runs must stop
 * @param pendingActions administrator requests made on renewed jobs while they run, by job id
 */
public record RenewResult(Set<LeaseRef> lost, Map<String, JobSnapshot.PendingAction> pendingActions) {
  /**
   * Copies the components.
   *
   * @param lost the leases that are no longer held
   * @param pendingActions the administrator requests on renewed jobs, by job id
   * @throws NullPointerException if a component is null
   */
  public RenewResult {
    lost = Set.copyOf(Preconditions.notNull(lost, "lost"));
    pendingActions = Map.copyOf(Preconditions.notNull(pendingActions, "pendingActions"));
  }
}
