package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.Health;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database goes away for longer than a lease under steady load, then comes back (reliability
 * goal G5): no scheduler thread dies, the engine backs off and reports DOWN, and when the database
 * is back it resumes within poll interval + backoff cap, records the outcomes it held, runs what
 * became due meanwhile, and reports UP again.
 */
class JdbcOutageTest {
  private static final int JOBS = 300;
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration BACKOFF_CAP = Duration.ofSeconds(1);
  private static final Duration OUTAGE = Duration.ofSeconds(4);

  /** Time for a claim and a run after the first successful poll, on a busy machine. */
  private static final Duration HANDOFF_ALLOWANCE = Duration.ofSeconds(1);

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void schedulerOutlivesAnOutageLongerThanTheLeaseAndLosesNothing(TestDatabase db)
      throws Exception {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("outage");
    FaultyDataSource[] database = new FaultyDataSource[1];
    AtomicInteger storeErrors = new AtomicInteger();
    List<String> leasesLost = new CopyOnWriteArrayList<>();
    AtomicLong firstRunAfterOutage = new AtomicLong();
    AtomicLong backAt = new AtomicLong(Long.MAX_VALUE);
    AtomicInteger slowRuns = new AtomicInteger();
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch outageStarted = new CountDownLatch(1);
    try (Load load = new Load(check, prefix, JOBS, Duration.ofMillis(30));
        Node node =
            Node.create(
                db,
                prefix,
                "node-a",
                ds -> database[0] = new FaultyDataSource(ds, 1),
                b ->
                    b.register(
                            "slow",
                            ctx -> {
                              slowRuns.incrementAndGet();
                              slowStarted.countDown();
                              outageStarted
                                  .await(); // finishes during the outage: its outcome must wait
                              Thread.sleep(200);
                            })
                        .register(
                            "count",
                            ctx -> {
                              if (System.nanoTime() > backAt.get()) {
                                firstRunAfterOutage.compareAndSet(0, System.nanoTime());
                              }
                              load.countingJob().execute(ctx);
                            })
                        .lease(LEASE, Duration.ofMillis(500))
                        .sweepInterval(Duration.ofMillis(500))
                        .pollInterval(POLL)
                        .maxStoreBackoff(BACKOFF_CAP)
                        .listener(
                            new dev.herald.scheduler.SchedulerListener() {
                              @Override
                              public void onStoreError(String operation, Exception error) {
                                storeErrors.incrementAndGet();
                              }

                              @Override
                              public void onLeaseLost(String jobId, long fencingToken) {
                                leasesLost.add(jobId);
                              }
                            }))) {
      node.scheduler.start();
      load.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> load.ledger.size() >= JOBS / 5);
      assertThat(node.scheduler.health().status()).isEqualTo(Health.Status.UP);
      List<String> threadsBefore = node.threads();
      String slow = node.scheduler.client().schedule(JobRequest.now("slow")).id();
      assertThat(slowStarted.await(30, TimeUnit.SECONDS)).isTrue();

      database[0].down(true);
      outageStarted.countDown();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> node.scheduler.health().status() == Health.Status.DOWN);
      int ranBeforeOutageEnded = load.ledger.size();
      Thread.sleep(OUTAGE.toMillis()); // the outage itself: waiting it out is the point
      assertThat(node.scheduler.health().status()).isEqualTo(Health.Status.DOWN);
      backAt.set(System.nanoTime());
      database[0].down(false);

      await().atMost(Duration.ofSeconds(30)).until(() -> firstRunAfterOutage.get() != 0);
      Duration resumed = Duration.ofNanos(firstRunAfterOutage.get() - backAt.get());
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  load.allRan(JOBS)
                      && Sql.count(
                              check,
                              "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status = 'COMPLETED'")
                          == JOBS + 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> node.scheduler.health().status() == Health.Status.UP);
      System.out.printf(
          "%s: %d jobs had run when the database went away for %d ms; the first job ran %d ms after"
              + " it came back (bound P + backoff cap = %d ms); %d store errors, %d injected"
              + " failures%n",
          db.name(),
          ranBeforeOutageEnded,
          OUTAGE.toMillis(),
          resumed.toMillis(),
          POLL.plus(BACKOFF_CAP).toMillis(),
          storeErrors.get(),
          database[0].injected());

      Node.assertNoThreadDied(threadsBefore, node.threads());
      assertThat(resumed)
          .as("resumed within poll + backoff cap")
          .isLessThanOrEqualTo(POLL.plus(BACKOFF_CAP).plus(HANDOFF_ALLOWANCE));
      assertThat(load.duplicates()).as("jobs run more than once").isEmpty();
      assertThat(
              Sql.count(
                  check, "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status <> 'COMPLETED'"))
          .as("jobs not completed")
          .isZero();
      assertThat(storeErrors.get()).isPositive();
      assertThat(leasesLost)
          .as("no lease reported lost: the runs were over, their leases kept until recorded")
          .isEmpty();
      assertThat(slowRuns.get())
          .as("the job that finished during the outage ran once")
          .isEqualTo(1);
      assertThat(node.store.history(slow, 0, 10).items())
          .as("its outcome, held through the outage, was recorded when the database came back")
          .extracting(JobAttempt::outcome)
          .containsExactly(JobAttempt.Outcome.SUCCEEDED);
    } finally {
      db.dropTables(check, prefix);
    }
  }
}
