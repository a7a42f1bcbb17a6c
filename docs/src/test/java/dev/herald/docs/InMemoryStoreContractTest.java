package dev.herald.docs;

// tag::contract[]
import dev.herald.scheduler.contract.JobStoreContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;

// end::contract[]
/**
 * The sample of docs/job-store-spi.md: the store contract suite, run here against the in-memory
 * store in place of "your" store.
 */
// tag::contract[]
class InMemoryStoreContractTest extends JobStoreContract {
  @Override
  protected JobStore createStore(ManualClock clock) {
    return JobStore.inMemory(clock);   // your store, fresh and empty, on this clock
  }
}
// end::contract[]
