package dev.herald.scheduler.engine;

import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.spi.JobStore;

/**
 * A manual benchmark, not part of the suite: no-op one-time jobs through the in-memory store.
 * Arguments: jobs (default 100000), threads (default 10), rounds (default 3).
 */
public final class InMemoryThroughputMain {
  private InMemoryThroughputMain() {}

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    for (int round = 1; round <= rounds; round++) {
      FlakyStore store = new FlakyStore(JobStore.inMemory()); // counts the store calls
      try (Scheduler scheduler = Scheduler.builder().threads(threads).store(store)
          .register("noop", ctx -> { }).build()) {
        for (int i = 0; i < jobs; i++) {
          scheduler.client().schedule(JobRequest.now("noop"));
        }
        long callsBefore = store.calls.get();
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        scheduler.start();
        while (store.delegate().stats(0).count(JobStatus.COMPLETED) < jobs) {
          Thread.sleep(10);
        }
        long nanos = System.nanoTime() - start;
        long cpu = cpuNanos() - cpuStart;
        System.out.printf("round %d: %d jobs, %d threads: %.0f exec/s (%d ms), %.1f ms CPU per "
            + "1,000 executions, %.3f store calls per execution%n", round, jobs, threads,
            jobs * 1e9 / nanos, nanos / 1_000_000, cpu / 1e6 / (jobs / 1000.0),
            (store.calls.get() - callsBefore) / (double) jobs);
      }
    }
  }
}
