package dev.herald.scheduler.contract;

import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;

/** The {@link JobStoreContract} for {@link JobStore#inMemory(java.time.InstantSource)}. */
class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  protected JobStore createStore(ManualClock clock) {
    return JobStore.inMemory(clock);
  }
}
