package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
    List<String> leasesLost = new CopyOnWriteArrayList<>();
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
                            })
                        .listener(
                            new SchedulerListener() {
                              @Override
                              public void onLeaseLost(String jobId, long fencingToken) {
                                leasesLost.add(jobId + "@" + fencingToken);
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
      assertThat(leasesLost)
          .as(
              "no lease was lost, and none reported lost: an outcome whose commit was ambiguous "
                  + "was recognised as recorded")
          .isEmpty();
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

  /**
   * The store's side of an ambiguous commit, step by step: a completion submitted again after its
   * commit reported an error is recognised as applied, even after the (recurring) job was claimed
   * and completed again in between, while a completion whose lease was taken over stays refused.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void resubmittedCompletionIsRecognisedAsAppliedButATakenOverOneIsNot(TestDatabase db) {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("ambiguous");
    ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
    Duration lease = Duration.ofSeconds(30);
    try {
      JdbcJobStore store = JdbcJobStore.builder(ds).tablePrefix(prefix).clock(clock).build();
      store.insert(
          new NewJob(
              "tick", "tick", null, "1m", 0, "coalesce", null, clock.now(), JobStatus.SCHEDULED));

      ClaimedJob first = store.claimDue("node-a", Set.of("tick"), 1, lease).get(0);
      Completion firstDone = next(first, clock.now().plusSeconds(60));
      assertThat(store.complete(List.of(firstDone))).containsExactly(true);
      clock.advance(Duration.ofSeconds(60));
      ClaimedJob second = store.claimDue("node-b", Set.of("tick"), 1, lease).get(0);
      assertThat(store.complete(List.of(next(second, clock.now().plusSeconds(60)))))
          .containsExactly(true);
      assertThat(store.complete(List.of(firstDone)))
          .as("node A's completion, submitted again: it was applied, and is not applied twice")
          .containsExactly(true);
      assertThat(store.history("tick", 0, 10).items()).hasSize(2);

      clock.advance(Duration.ofSeconds(60));
      ClaimedJob third = store.claimDue("node-a", Set.of("tick"), 1, lease).get(0);
      clock.advance(lease.plusSeconds(1));
      ClaimedJob takeover = store.claimExpired("node-b", Set.of("tick"), 1, lease).get(0).claim();
      assertThat(store.complete(List.of(next(takeover, clock.now().plusSeconds(60)))))
          .containsExactly(true);
      assertThat(store.complete(List.of(next(third, clock.now().plusSeconds(60)))))
          .as("a completion whose lease was taken over is refused")
          .containsExactly(false);
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  private static Completion next(ClaimedJob claim, Instant nextRunAt) {
    JobAttempt row =
        new JobAttempt(
            claim.job().id(),
            claim.job().type(),
            claim.job().attempt(),
            claim.job().fireAt(),
            claim.claimedAt(),
            claim.claimedAt(),
            JobAttempt.Outcome.SUCCEEDED,
            null,
            "node");
    return new Completion(
        claim.lease(),
        JobStatus.SCHEDULED,
        nextRunAt,
        null,
        nextRunAt,
        0,
        null,
        true,
        row,
        List.of());
  }
}
