package dev.herald.scheduler.testing;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.internal.engine.BuilderAccess;
import dev.herald.scheduler.internal.engine.SchedulerConfig;
import dev.herald.scheduler.internal.engine.SynchronousRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a scheduler's jobs deterministically, in the test's own thread, on a {@link ManualClock}:
 * nothing happens until the test advances the clock or asks for due jobs to run. The same runner,
 * retry, misfire and recurrence rules as the real engine apply; only threads and sleeping are gone.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at("2026-03-28T00:00:00Z");
 * TestScheduler scheduler = TestScheduler.create(Scheduler.builder()
 *     .clock(clock)
 *     .register("report", ctx -> reports.send()));
 * scheduler.client().schedule(JobRequest.builder("report")
 *     .trigger(Triggers.cron("0 9 * * *", ZoneId.of("Europe/Berlin"))).build());
 * List<JobAttempt> runs = scheduler.runUntil(clock.now().plus(Duration.ofDays(3)));
 * }</pre>
 *
 * <p>Not threadsafe: drive it from the test's thread.
 */
public final class TestScheduler implements AutoCloseable {
  private static final int MAX_RUNS_PER_INSTANT = 100_000;

  private final ManualClock clock;
  private final SynchronousRunner runner;

  private TestScheduler(ManualClock clock, SynchronousRunner runner) {
    this.clock = clock;
    this.runner = runner;
  }

  /**
   * A test scheduler for the jobs, store and options configured on {@code builder}, whose clock
   * must be a {@link ManualClock}. Startup jobs are ensured at once. Jitter in retry delays is
   * drawn from a fixed seed, so runs repeat exactly.
   *
   * @param builder the configured builder, with a {@link ManualClock}
   * @return a test scheduler; nothing runs until the test advances the clock or calls {@link
   *     #runDue()}
   * @throws IllegalArgumentException if the builder's clock is not a {@link ManualClock}
   */
  public static TestScheduler create(SchedulerBuilder builder) {
    Preconditions.notNull(builder, "builder");
    SchedulerConfig config = BuilderAccess.config(builder);
    if (!(config.clock() instanceof ManualClock manual)) {
      throw new IllegalArgumentException("TestScheduler needs a ManualClock; call "
          + "builder.clock(ManualClock.at(...)) (clock was " + config.clock() + ")");
    }
    SynchronousRunner runner = new SynchronousRunner(config, 42L);
    runner.ensureStartupJobs();
    return new TestScheduler(manual, runner);
  }

  /**
   * The client over this scheduler's store.
   *
   * @return the client, for scheduling and reading jobs
   */
  public SchedulerClient client() {
    return runner.client();
  }

  /**
   * The clock.
   *
   * @return the manual clock the scheduler and its store run on
   */
  public ManualClock clock() {
    return clock;
  }

  /**
   * Runs every job that is due now, and every job that becomes due now as a result (a retry with no
   * delay, a missed fire time under {@code fire-all}), until none is due.
   *
   * @return the history rows written, in order
   */
  public List<JobAttempt> runDue() {
    return runner.runDue(MAX_RUNS_PER_INSTANT);
  }

  /**
   * Moves the clock forward by {@code amount}, then {@link #runDue()}.
   *
   * @param amount how far to move the clock, zero or more
   * @return the history rows written, in order
   */
  public List<JobAttempt> advance(Duration amount) {
    clock.advance(amount);
    return runDue();
  }

  /**
   * Moves the clock from due time to due time up to {@code end}, running what is due at each, as a
   * real scheduler with no delay would; leaves the clock at {@code end}.
   *
   * @param end the time to stop at, not before the clock's current time
   * @return the history rows written, in order
   */
  public List<JobAttempt> runUntil(Instant end) {
    Preconditions.notNull(end, "end");
    List<JobAttempt> attempts = new ArrayList<>(runDue());
    while (true) {
      Optional<Instant> next = runner.config().store()
          .nextDueAt(runner.config().registrations().keySet());
      if (next.isEmpty() || next.get().isAfter(end)) {
        break;
      }
      if (next.get().isAfter(clock.now())) {
        clock.set(next.get());
      }
      attempts.addAll(runDue());
    }
    if (end.isAfter(clock.now())) {
      clock.set(end);
    }
    return attempts;
  }

  /**
   * Takes over jobs whose lease expired by now (their node "died") and completes them by their
   * recovery policy, as the engine's sweeper does.
   *
   * @return the history rows written
   */
  public List<JobAttempt> recoverExpired() {
    return runner.recoverExpired();
  }

  /** Stops the thread that enforces job timeouts. */
  @Override
  public void close() {
    runner.close();
  }
}
