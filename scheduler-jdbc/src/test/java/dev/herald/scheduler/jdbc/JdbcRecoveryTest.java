package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobAttempt.Outcome;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Work claimed by an owner that stops renewing is run again by another node within lease + sweep +
 * poll interval, and the old owner's late writes are refused by the fencing token (reliability
 * plan, rows 2, 6 and 20). Timings as in the plan: lease 2 s renewed every 500 ms, sweep 500 ms,
 * poll 100 ms.
 */
class JdbcRecoveryTest {
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Duration RENEW = Duration.ofMillis(500);
  private static final Duration SWEEP = Duration.ofMillis(500);
  private static final Duration POLL = Duration.ofMillis(100);

  /** Time for the hand-offs after the sweep (completion write, wakeup, claim) on a busy machine. */
  private static final Duration HANDOFF_ALLOWANCE = Duration.ofSeconds(1);

  private static void timings(SchedulerBuilder b) {
    b.lease(LEASE, RENEW).sweepInterval(SWEEP).pollInterval(POLL);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void deadOwnersWorkRunsAgainInTimeAndItsLateWritesChangeNothing(TestDatabase db)
      throws Exception {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("recovery");
    List<String> runs = new CopyOnWriteArrayList<>();
    AtomicLong rerunAt = new AtomicLong();
    CountDownLatch reran = new CountDownLatch(1);
    try (HikariDataSource deadPool = db.newPool(2);
        Node survivor =
            Node.create(
                db,
                prefix,
                "survivor",
                b -> {
                  timings(b);
                  b.register(
                      "work",
                      ctx -> {
                        rerunAt.compareAndSet(0, System.nanoTime());
                        runs.add(ctx.nodeId() + "#" + ctx.attempt());
                        reran.countDown();
                      });
                })) {
      JdbcJobStore dead = JdbcJobStore.builder(deadPool).tablePrefix(prefix).build();
      String id =
          survivor
              .scheduler
              .client()
              .schedule(JobRequest.builder("work").id("victim").build())
              .id();

      long claimedAt = System.nanoTime();
      ClaimedJob zombie = dead.claimDue("dead-node", Set.of("work"), 1, LEASE).get(0);
      survivor.scheduler.start();

      assertThat(reran.await(30, TimeUnit.SECONDS)).as("re-run by the survivor").isTrue();
      Duration recovery = Duration.ofNanos(rerunAt.get() - claimedAt);
      Duration bound = LEASE.plus(SWEEP).plus(POLL);
      System.out.printf(
          "%s: claimed work of a dead owner ran again after %d ms (bound L+S+P = %d" + " ms)%n",
          db.name(), recovery.toMillis(), bound.toMillis());
      assertThat(recovery)
          .as("recovery time")
          .isGreaterThanOrEqualTo(LEASE)
          .isLessThanOrEqualTo(bound.plus(HANDOFF_ALLOWANCE));
      assertThat(runs).containsExactly("survivor#2");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> dead.find(id).orElseThrow().status() == JobStatus.COMPLETED);
      JobSnapshot done = dead.find(id).orElseThrow();
      List<JobAttempt> history = dead.history(id, 0, 10).items();
      assertThat(history)
          .extracting(JobAttempt::outcome, JobAttempt::node, JobAttempt::attempt)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Outcome.SUCCEEDED, "survivor", 2),
              org.assertj.core.groups.Tuple.tuple(Outcome.LEASE_EXPIRED, "dead-node", 1));

      // the dead owner wakes up and tries to write: every write is refused by the fencing token
      assertThat(dead.renew(List.of(zombie.lease()), LEASE).lost()).containsExactly(zombie.lease());
      assertThat(dead.saveStep(zombie.lease(), "sent", "yes")).isFalse();
      Instant now = dead.now();
      JobAttempt lateRow =
          new JobAttempt(
              id,
              "work",
              1,
              zombie.job().fireAt(),
              now,
              now,
              Outcome.FAILED,
              "zombie says it failed",
              "dead-node");
      NewJob followUp =
          new NewJob(
              "zombie-follow-up",
              "work",
              null,
              "once:" + now,
              0,
              "coalesce",
              null,
              now,
              JobStatus.SCHEDULED);
      assertThat(
              dead.complete(
                  List.of(
                      new Completion(
                          zombie.lease(),
                          JobStatus.FAILED,
                          null,
                          null,
                          null,
                          1,
                          "zombie says it failed",
                          true,
                          lateRow,
                          List.of(followUp)))))
          .as("the late completion is refused")
          .containsExactly(false);
      assertThat(dead.find(id)).contains(done);
      assertThat(dead.history(id, 0, 10).items()).isEqualTo(history);
      assertThat(dead.find("zombie-follow-up")).as("its follow-up job was not added").isEmpty();
    } finally {
      db.dropTables(check, prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void nodeThatCannotRenewStopsItsRunBeforeAnotherNodeTakesOver(TestDatabase db) throws Exception {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("partition");
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    List<String> runs = new CopyOnWriteArrayList<>();
    List<String> lostLeases = new CopyOnWriteArrayList<>();
    CountDownLatch firstRunStarted = new CountDownLatch(1);
    CountDownLatch firstRunStopped = new CountDownLatch(1);
    AtomicLong stoppedAt = new AtomicLong();
    AtomicLong takenOverAt = new AtomicLong();
    dev.herald.scheduler.Job job =
        ctx -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          if (ctx.attempt() == 2) {
            takenOverAt.set(System.nanoTime());
          }
          runs.add(ctx.nodeId() + "#" + ctx.attempt());
          try {
            if (ctx.attempt() == 1) {
              firstRunStarted.countDown();
              Thread.sleep(60_000); // until the node, unable to renew, interrupts it
            }
          } finally {
            if (ctx.attempt() == 1) {
              stoppedAt.set(System.nanoTime());
              firstRunStopped.countDown();
            }
            running.decrementAndGet();
          }
        };
    FaultyDataSource[] partitioned = new FaultyDataSource[1];
    try (Node a =
            Node.create(
                db,
                prefix,
                "node-a",
                ds -> partitioned[0] = new FaultyDataSource(ds, 7),
                b -> {
                  timings(b);
                  b.register("work", job)
                      .listener(
                          new SchedulerListener() {
                            @Override
                            public void onLeaseLost(String jobId, long fencingToken) {
                              lostLeases.add(jobId + "@" + fencingToken);
                            }
                          });
                });
        Node b =
            Node.create(
                db,
                prefix,
                "node-b",
                nb -> {
                  timings(nb);
                  nb.register("work", job);
                })) {
      String id = a.scheduler.client().schedule(JobRequest.builder("work").id("long").build()).id();
      a.scheduler.start();
      assertThat(firstRunStarted.await(30, TimeUnit.SECONDS)).isTrue();
      b.scheduler.start();

      partitioned[0].down(true); // node A can no longer reach the database
      assertThat(firstRunStopped.await(30, TimeUnit.SECONDS))
          .as("node A stopped its run by itself")
          .isTrue();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  runs.size() == 2
                      && b.store.find(id).orElseThrow().status() == JobStatus.COMPLETED);
      assertThat(runs).containsExactly("node-a#1", "node-b#2");
      assertThat(maxRunning.get()).as("the two runs never overlapped").isEqualTo(1);
      Duration margin = Duration.ofNanos(takenOverAt.get() - stoppedAt.get());
      System.out.printf(
          "%s: node A stopped its run %d ms before node B took it over%n",
          db.name(), margin.toMillis());
      assertThat(margin)
          .as(
              "A stops well before its lease can expire (3/4 renew interval, less "
                  + "scheduling delays)")
          .isGreaterThan(RENEW.dividedBy(4));

      JobSnapshot done = b.store.find(id).orElseThrow();
      assertThat(lostLeases).as("reported when A stopped the run").containsExactly(id + "@1");
      partitioned[0].down(false); // A is back: its pending completion is refused, and reported
      await().atMost(Duration.ofSeconds(30)).until(() -> lostLeases.size() == 2);
      assertThat(lostLeases).containsExactly(id + "@1", id + "@1");
      assertThat(b.store.find(id)).contains(done);
      assertThat(b.store.history(id, 0, 10).items())
          .extracting(JobAttempt::outcome, JobAttempt::node)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Outcome.SUCCEEDED, "node-b"),
              org.assertj.core.groups.Tuple.tuple(Outcome.LEASE_EXPIRED, "node-a"));
    } finally {
      db.dropTables(check, prefix);
    }
  }
}
