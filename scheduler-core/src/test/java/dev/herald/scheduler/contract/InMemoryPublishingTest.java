package dev.herald.scheduler.contract;

import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;

class InMemoryPublishingTest extends PublishingContract {
  @Override
  protected JobStore createStore(ManualClock clock) {
    return JobStore.inMemory(clock);
  }

  @Override
  protected JobStore createIndependentStore(ManualClock clock) {
    return JobStore.inMemory(clock);
  }
}
