package dev.herald.benchmarks.herald;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Triggers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;

/**
 * What scheduled jobs cost in the in-memory store: heap used after a full GC, before and after
 * inserting jobs due tomorrow (as {@code JobRequest}s without payload become), per job.
 */
public final class HeapPerJob {
  private HeapPerJob() {}

  /**
   * The heap bytes {@code jobs} scheduled jobs take, per job.
   *
   * @param jobs the number of jobs to insert
   * @return the bytes per job
   */
  public static double bytesPerJob(int jobs) {
    long before = usedAfterGc();
    JobStore store = JobStore.inMemory();
    Instant at = Instant.now().plus(Duration.ofDays(1));
    String trigger = Triggers.once(at).spec();
    String misfire = MisfirePolicy.coalesce().spec();
    for (int i = 0; i < jobs; i++) {
      store.insert(new NewJob("heap-" + i, HeraldEngine.TYPE, null, trigger, 0, misfire, null, at,
          JobStatus.SCHEDULED));
    }
    long after = usedAfterGc();
    Reference.reachabilityFence(store);
    return (double) (after - before) / jobs;
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
