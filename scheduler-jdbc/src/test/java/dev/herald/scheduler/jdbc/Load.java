package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Steady load for the fault tests: a thread that schedules one-time "count" jobs at a fixed pace
 * through a healthy connection pool (so that every job is surely stored), and the ledger the jobs
 * write to, outside the scheduler's transactions.
 */
final class Load implements AutoCloseable {
  final Map<String, AtomicInteger> ledger = new ConcurrentHashMap<>();
  final AtomicInteger scheduled = new AtomicInteger();
  private final Scheduler producer;
  private final Thread thread;
  private volatile boolean stop;

  /**
   * Prepares to schedule {@code jobs} jobs, one every {@code pace}, into the tables under {@code
   * prefix} reached through {@code healthy}; {@link #start()} begins.
   */
  Load(DataSource healthy, String prefix, int jobs, Duration pace) {
    this.producer =
        Scheduler.builder()
            .store(JdbcJobStore.builder(healthy).tablePrefix(prefix).build())
            .register("count", countingJob())
            .build();
    SchedulerClient client = producer.client();
    this.thread =
        new Thread(
            () -> {
              for (int i = 0; i < jobs && !stop; i++) {
                client.schedule(JobRequest.builder("count").id("job-" + i).build());
                scheduled.incrementAndGet();
                try {
                  Thread.sleep(pace.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "load-producer");
  }

  /** Starts scheduling. */
  Load start() {
    thread.start();
    return this;
  }

  /** The job every node registers as "count": adds one to its entry in the ledger. */
  Job countingJob() {
    return (JobContext ctx) ->
        ledger.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
  }

  /** Whether all jobs were scheduled and every one has run at least once. */
  boolean allRan(int jobs) {
    return scheduled.get() == jobs && ledger.size() == jobs;
  }

  /** Entries of the ledger whose job ran more than once. */
  Map<String, Integer> duplicates() {
    Map<String, Integer> twice = new ConcurrentHashMap<>();
    ledger.forEach(
        (id, n) -> {
          if (n.get() != 1) {
            twice.put(id, n.get());
          }
        });
    return twice;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    if (thread.isAlive()) {
      thread.join();
    }
    producer.close();
  }
}
