package dev.herald.benchmarks.throughput;

import dev.herald.benchmarks.contender.Backlog;
import dev.herald.benchmarks.contender.Engine;
import dev.herald.benchmarks.db.Counters;
import dev.herald.benchmarks.herald.HeraldBacklog;
import dev.herald.benchmarks.herald.HeraldEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link Workload} once: fills a fresh backlog, connects the nodes, then times from the
 * moment they are told to start until the timed executions have run and, for a whole backlog,
 * until the store says every job is durably completed; or until the workload's time box ends.
 * Reads the server's counters around the run. Drops the backlog's tables afterwards.
 */
public final class Trial {
  private static final long POLL_MILLIS = 5;

  private final Path workDir;

  /** Trials keeping H2 files in {@code workDir}. */
  public Trial(Path workDir) {
    this.workDir = workDir;
  }

  /**
   * What one run measured.
   *
   * @param executionsPerSecond executions in the timed span divided by its length
   * @param finished whether the timed executions all ran within the time box
   * @param executions every execution of the run, those finishing after the timed span included
   * @param cost the server's counters over the whole run; empty for H2 and in memory, and for
   *     runs timed over part of their backlog
   */
  public record Result(double executionsPerSecond, boolean finished, long executions,
      Optional<Counters> cost) {}

  /** Runs {@code workload} once. */
  public Result run(Workload workload) throws InterruptedException {
    try (Backlog backlog = workload.contender().backlog(workload.db(), workDir)) {
      backlog.fill(workload.jobs());
      List<Engine> nodes = new ArrayList<>();
      boolean whole = workload.timed() == workload.jobs();
      boolean counted = workload.separateJvms() && whole;
      boolean finished;
      long elapsed;
      long timed;
      Counters before = null;
      try {
        for (int i = 1; i <= workload.nodes(); i++) {
          nodes.add(node(workload, backlog, "node-" + i));
        }
        before = counted ? Counters.read(workload.db()) : null;
        long start = System.nanoTime();
        long deadline = start + workload.timeBox().toNanos();
        nodes.forEach(Engine::go);
        finished = awaitExecutions(nodes, workload.timed(), deadline)
            && (!whole || awaitCompleted(backlog, deadline));
        elapsed = System.nanoTime() - start;
        timed = finished ? workload.timed() : executed(nodes);
      } finally {
        nodes.parallelStream().forEach(Engine::close); // lets started work finish
      }
      Optional<Counters> cost = counted
          ? Optional.of(Counters.settled(workload.db(), Duration.ofMillis(200)).minus(before))
          : Optional.empty();
      return new Result(timed * 1e9 / elapsed, finished, executed(nodes), cost);
    }
  }

  private static Engine node(Workload workload, Backlog backlog, String name) {
    if (workload.separateJvms()) {
      return ChildNode.start(workload.contender(), backlog.jdbcUrl(), backlog.tables(), name);
    }
    return backlog.jdbcUrl() == null
        ? HeraldEngine.on(((HeraldBacklog) backlog).store(), name)
        : HeraldEngine.onDatabase(backlog.jdbcUrl(), backlog.tables(), name);
  }

  private static long executed(List<Engine> nodes) {
    return nodes.stream().mapToLong(Engine::executed).sum();
  }

  /** Waits until {@code target} executions ran (true) or the deadline passed (false). */
  private static boolean awaitExecutions(List<Engine> nodes, long target, long deadline)
      throws InterruptedException {
    while (executed(nodes) < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }

  /** Waits until the store has no job left to complete (true) or the deadline passed (false). */
  private static boolean awaitCompleted(Backlog backlog, long deadline)
      throws InterruptedException {
    while (backlog.remaining() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }
}
