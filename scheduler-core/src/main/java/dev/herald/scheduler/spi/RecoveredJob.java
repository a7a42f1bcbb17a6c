package dev.herald.scheduler.spi;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;

/**
 * A job taken over by {@link JobStore#claimExpired} from a node whose lease expired.
 *
 * @param claim the new claim
 * @param previousOwner the node whose lease expired
 * @param expiredAt when that lease expired
 */
public record RecoveredJob(ClaimedJob claim, String previousOwner, Instant expiredAt) {
  /**
   * Checks the components.
   *
   * @param claim the new claim
   * @param previousOwner the node whose lease expired
   * @param expiredAt when that lease expired
   * @throws NullPointerException if a component is null
   */
  public RecoveredJob {
    Preconditions.notNull(claim, "claim");
    Preconditions.notNull(previousOwner, "previousOwner");
    Preconditions.notNull(expiredAt, "expiredAt");
  }
}
