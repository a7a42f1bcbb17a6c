package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.internal.client.DefaultSchedulerClient;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.RecoveredJob;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Runs due jobs in the calling thread, one after the other, with the engine's own runner and
 * outcome rules: the engine of {@code TestScheduler}. Not threadsafe: drive it from one thread.
 */
public final class SynchronousRunner implements AutoCloseable {
  private static final int CLAIM_BATCH = 16;

  private final SchedulerConfig config;
  private final JobStore store;
  private final Listeners listeners;
  private final ScheduledThreadPoolExecutor timeouts;
  private final JobRunner runner;
  private final SchedulerClient client;

  /** A runner for {@code config}, with jitter drawn from a generator seeded by {@code seed}. */
  public SynchronousRunner(SchedulerConfig config, long seed) {
    this.config = config;
    this.store = config.store();
    this.listeners = new Listeners(config.listeners());
    this.timeouts = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "herald-test-timeouts");
      t.setDaemon(true);
      return t;
    });
    this.timeouts.setRemoveOnCancelPolicy(true);
    this.runner = new JobRunner(config.registrations(), store, config.codec(), config.clock(),
        config.nodeId(), listeners, timeouts, new OutcomePlanner(config.nodeId(),
            new SplittableRandom(seed)));
    this.client = new DefaultSchedulerClient(store, config.codec(), config.clock(), due -> {});
  }

  /** Ensures the configuration's startup jobs, as {@code Scheduler.start()} does. */
  public void ensureStartupJobs() {
    StartupJobs.ensure(config, client);
  }

  /** The client over the same store. */
  public SchedulerClient client() {
    return client;
  }

  /** The configuration. */
  public SchedulerConfig config() {
    return config;
  }

  /**
   * Claims and runs due jobs until none is due at the store's current time.
   *
   * @param maxRuns a guard against a job that makes itself due forever
   * @return the history rows written, in order
   * @throws IllegalStateException if more than {@code maxRuns} runs were needed
   */
  public List<JobAttempt> runDue(int maxRuns) {
    List<JobAttempt> attempts = new ArrayList<>();
    int runs = 0;
    while (true) {
      List<ClaimedJob> claims = store.claimDue(config.nodeId(),
          config.registrations().keySet(), CLAIM_BATCH, config.lease());
      if (claims.isEmpty()) {
        return attempts;
      }
      for (ClaimedJob claim : claims) {
        if (++runs > maxRuns) {
          throw new IllegalStateException("more than " + maxRuns + " runs without the clock "
              + "moving; does a job keep making itself due? Last: " + claim.job());
        }
        RunHandle handle = new RunHandle(claim);
        handle.start();
        complete(runner.run(handle), attempts);
      }
    }
  }

  /** Takes over expired leases and completes them by recovery policy, as the sweeper does. */
  public List<JobAttempt> recoverExpired() {
    List<JobAttempt> attempts = new ArrayList<>();
    List<RecoveredJob> recovered = store.claimExpired(config.nodeId(),
        config.registrations().keySet(), Integer.MAX_VALUE, config.lease());
    for (RecoveredJob r : recovered) {
      complete(runner.recover(r), attempts);
    }
    return attempts;
  }

  private void complete(Completion completion, List<JobAttempt> attempts) {
    boolean applied = store.complete(List.of(completion)).get(0);
    if (!applied) {
      listeners.onLeaseLost(completion.lease().jobId(), completion.lease().fencingToken());
    } else {
      completion.history().ifPresent(row -> {
        attempts.add(row);
        listeners.onJobFinished(row, completion.status());
      });
    }
  }

  /** Stops the timeout thread. */
  @Override
  public void close() {
    timeouts.shutdownNow();
  }

  /** The timeout executor, for tests of timeouts. */
  ScheduledExecutorService timeouts() {
    return timeouts;
  }
}
