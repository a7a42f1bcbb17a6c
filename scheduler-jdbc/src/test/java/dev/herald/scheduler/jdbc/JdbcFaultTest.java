package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Quartz's flaky-JDBC test, asserting exactly once instead of at least once (reliability plan, rows
 * 9 and 10): two nodes whose connections fail at random — getting a connection, committing (nothing
 * committed), and after committing (committed, but the node sees an error) — run a steady stream of
 * jobs and a recurring job.
 */
class JdbcFaultTest {
  private static final int JOBS = 400;
  private static final double RATE = 0.10;

  /** Override with -Dherald.faultSeed=n to repeat a run's failure pattern. */
  private static final long SEED = Long.getLong("herald.faultSeed", 20261123L);

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void everyJobRunsExactlyOnceThroughRandomConnectionAndCommitFailures(TestDatabase db)
      throws Exception {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("faults");
    AtomicInteger tickRunning = new AtomicInteger();
    AtomicInteger tickMaxOverlap = new AtomicInteger();
    AtomicInteger tickRuns = new AtomicInteger();
    List<FaultyDataSource> faulty = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    try (Load load = new Load(check, prefix, JOBS, Duration.ofMillis(20))) {
      for (String id : List.of("node-a", "node-b")) {
        nodes.add(
            Node.create(
                db,
                prefix,
                id,
                ds -> {
                  FaultyDataSource f = new FaultyDataSource(ds, SEED + faulty.size());
                  faulty.add(f);
                  return f;
                },
                b ->
                    b.register("count", load.countingJob())
                        .recurring(
                            "tick",
                            Triggers.every(Duration.ofMillis(250)),
                            ctx -> {
                              tickMaxOverlap.accumulateAndGet(
                                  tickRunning.incrementAndGet(), Math::max);
                              try {
                                Thread.sleep(20);
                              } finally {
                                tickRunning.decrementAndGet();
                                tickRuns.incrementAndGet();
                              }
                            })));
      }
      nodes.forEach(n -> n.scheduler.start());
      List<List<String>> threadsBefore = nodes.stream().map(Node::threads).toList();
      faulty.forEach(f -> f.failGetConnection(RATE).failBeforeCommit(RATE).failAfterCommit(RATE));
      long start = System.nanoTime();
      load.start();

      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  load.allRan(JOBS)
                      && Sql.count(
                              check,
                              "SELECT COUNT(*) FROM "
                                  + prefix
                                  + "jobs WHERE type = 'count' AND status = 'COMPLETED'")
                          == JOBS);
      long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
      List<List<String>> threadsAfter = nodes.stream().map(Node::threads).toList();
      faulty.forEach(FaultyDataSource::heal);
      Node.closeAll(nodes);

      long recovered =
          Sql.count(
              check,
              "SELECT COUNT(*) FROM " + prefix + "job_history WHERE outcome = 'LEASE_EXPIRED'");
      System.out.printf(
          "%s: %d jobs in %d ms through injected failures %s; tick ran %d times; "
              + "%d runs recovered after lease expiry (seed %d)%n",
          db.name(),
          JOBS,
          elapsedMs,
          faulty.stream()
              .map(
                  f ->
                      "[get "
                          + f.failedGets
                          + ", before commit "
                          + f.failedBeforeCommit
                          + ", after commit "
                          + f.failedAfterCommit
                          + "]")
              .toList(),
          tickRuns.get(),
          recovered,
          SEED);

      assertThat(load.duplicates()).as("jobs that ran more than once (seed %d)", SEED).isEmpty();
      assertThat(
              Sql.count(check, "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status = 'RUNNING'"))
          .as("rows left RUNNING")
          .isZero();
      assertThat(
              Sql.count(
                  check,
                  "SELECT COUNT(*) FROM "
                      + prefix
                      + "job_history WHERE type = 'count' AND outcome = 'SUCCEEDED'"))
          .as("one success recorded per job")
          .isEqualTo(JOBS);
      for (int i = 0; i < nodes.size(); i++) {
        Node.assertNoThreadDied(threadsBefore.get(i), threadsAfter.get(i));
      }
      assertThat(tickMaxOverlap.get()).as("the recurring job never overlapped itself").isEqualTo(1);
      assertThat(tickRuns.get()).isGreaterThanOrEqualTo(2);
      for (FaultyDataSource f : faulty) {
        assertThat(f.failedGets.get()).as("failures injected into %s", f).isPositive();
        assertThat(f.failedBeforeCommit.get()).as("failures injected into %s", f).isPositive();
        assertThat(f.failedAfterCommit.get()).as("failures injected into %s", f).isPositive();
      }
    } finally {
      Node.closeAll(nodes);
      db.dropTables(check, prefix);
    }
  }
}
