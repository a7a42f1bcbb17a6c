package dev.herald.benchmarks.herald;

import dev.herald.benchmarks.db.Db;
import dev.herald.benchmarks.report.Samples;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late jobs start: the delay from a job's scheduled time ({@code JobContext.scheduledAt()}) to
 * the moment its body starts, on one node, for a steady stream of jobs scheduled through the
 * node's client, either due at once or due 1–2 s ahead.
 */
public final class StartDelay {
  private static final Duration MAX_WAIT = Duration.ofMinutes(1);

  private final Path workDir;

  /** Probes keeping H2 files in {@code workDir}. */
  public StartDelay(Path workDir) {
    this.workDir = workDir;
  }

  /**
   * The delays of {@code count} jobs scheduled at {@code perSecond} jobs a second, each due
   * between {@code aheadMin} and {@code aheadMax} ahead (uniformly; both zero: due at once).
   *
   * @param db the database, or null for the in-memory store
   * @param count the number of jobs
   * @param perSecond how many are scheduled each second
   * @param aheadMin the least time ahead a job is due
   * @param aheadMax the most time ahead a job is due
   * @return the delays, in milliseconds
   */
  public Samples measure(Db db, int count, int perSecond, Duration aheadMin, Duration aheadMax)
      throws InterruptedException {
    ConcurrentLinkedQueue<Double> delays = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(count);
    try (HeraldBacklog backlog = db == null ? HeraldBacklog.inMemory()
            : HeraldBacklog.on(db, workDir);
        Scheduler scheduler = HeraldEngine.builder(backlog.store(), "delay-probe")
            .register(HeraldEngine.TYPE, ctx -> {
              Instant started = Instant.now();
              delays.add(Duration.between(ctx.scheduledAt(), started).toNanos() / 1e6);
              done.countDown();
            })
            .build()
            .start()) {
      SchedulerClient client = scheduler.client();
      long intervalNanos = 1_000_000_000L / perSecond;
      long next = System.nanoTime();
      for (int i = 0; i < count; i++) {
        LockSupport.parkNanos(next - System.nanoTime());
        next += intervalNanos;
        long aheadMillis = aheadMax.isZero() ? 0 : ThreadLocalRandom.current()
            .nextLong(aheadMin.toMillis(), aheadMax.toMillis() + 1);
        client.schedule(JobRequest.builder(HeraldEngine.TYPE)
            .runAt(Instant.now().plusMillis(aheadMillis))
            .build());
      }
      if (!done.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(done.getCount() + " of " + count
            + " jobs did not start within " + MAX_WAIT);
      }
    }
    return Samples.of(delays);
  }
}
