package dev.herald.benchmarks;

import dev.herald.benchmarks.db.Db;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How much each measurement does: the full run (under 10 minutes on a busy 2-core machine) or the
 * smoke run (seconds, so that every build exercises the harness).
 *
 * @param name "full" or "smoke"
 * @param trials how many times each throughput workload runs, interleaved with the others
 * @param jobs the jobs of each throughput workload, by database
 * @param inMemoryJobs the jobs of the in-memory throughput workloads
 * @param nodeCounts the node counts of Herald's and db-scheduler's lock-and-fetch workloads
 *     (fetch-and-lock-on-execute and the DB limit run on one node)
 * @param timeBox the longest a throughput trial is timed
 * @param scalingJobs the backlog the scaling rows compare with a ten times larger one
 * @param scalingOnServers whether the scaling rows run on PostgreSQL and MariaDB too
 * @param claimFutureLevels pending future jobs at which claims are timed, by store ("in memory",
 *     or a database's label)
 * @param claimDueLevels due jobs at which claims are timed
 * @param claimSamples timed claims per level, at most
 * @param claimTimeBox the longest the timed claims of one level take
 * @param delayJobs jobs of the future start-delay stream (the due-now stream has half as many, at
 *     half the rate)
 * @param delayPerSecond jobs scheduled per second in the future start-delay stream
 * @param delayAhead how far ahead the future stream's jobs are due, at least and at most
 * @param heapJobs jobs inserted to measure heap per job
 */
public record Plan(
    String name,
    int trials,
    Map<Db, Long> jobs,
    long inMemoryJobs,
    List<Integer> nodeCounts,
    Duration timeBox,
    long scalingJobs,
    boolean scalingOnServers,
    Map<String, List<Long>> claimFutureLevels,
    List<Long> claimDueLevels,
    int claimSamples,
    Duration claimTimeBox,
    int delayJobs,
    int delayPerSecond,
    List<Duration> delayAhead,
    int heapJobs) {

  /** The full run, whose report goes to docs/benchmarks.md. */
  public static Plan full() {
    List<Long> million = List.of(1_000L, 100_000L, 1_000_000L);
    return new Plan("full", 3,
        Map.of(Db.POSTGRESQL, 10_000L, Db.MARIADB, 10_000L, Db.H2, 10_000L),
        100_000L, List.of(1, 2), Duration.ofSeconds(4), 10_000L, true,
        Map.of("in memory", million, Db.H2.label(), List.of(1_000L, 100_000L),
            Db.POSTGRESQL.label(), million, Db.MARIADB.label(), million),
        List.of(1_000L, 100_000L), 30, Duration.ofSeconds(3),
        600, 200, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 100_000);
  }

  /** A run of seconds with tiny counts, one trial. */
  public static Plan smoke() {
    List<Long> levels = List.of(100L, 1_000L);
    return new Plan("smoke", 1,
        Map.of(Db.POSTGRESQL, 200L, Db.MARIADB, 200L, Db.H2, 200L),
        1_000L, List.of(1), Duration.ofSeconds(2), 100L, false,
        Map.of("in memory", levels, Db.H2.label(), levels, Db.POSTGRESQL.label(), levels,
            Db.MARIADB.label(), levels),
        levels, 5, Duration.ofSeconds(1),
        20, 100, List.of(Duration.ofMillis(100), Duration.ofMillis(200)), 10_000);
  }

  /** The jobs of a throughput workload on {@code db} ({@code null}: in memory). */
  public long jobsOn(Db db) {
    return db == null ? inMemoryJobs : jobs.get(db);
  }
}
