package dev.herald.scheduler.contract;

import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;

class InMemoryPublishProgressTest extends PublishProgressContract {
  @Override
  protected JobStore createStore(ManualClock clock) {
    return JobStore.inMemory(clock);
  }
}
