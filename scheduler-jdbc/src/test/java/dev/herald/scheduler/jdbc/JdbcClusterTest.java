package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two scheduler instances, each with its own connection pool and store, share one database: 5,000
 * one-time jobs all due at the same instant plus one recurring job (reliability plan, row 1). Runs
 * are counted in a ledger outside the scheduler's transactions.
 */
class JdbcClusterTest {
  private static final int JOBS = 5_000;

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void everyJobRunsExactlyOnceAcrossTwoNodes(TestDatabase db) throws Exception {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("cluster");
    Map<String, AtomicInteger> ledger = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> perNode = new ConcurrentHashMap<>();
    AtomicInteger tickRunning = new AtomicInteger();
    AtomicInteger tickMaxOverlap = new AtomicInteger();
    AtomicInteger tickRuns = new AtomicInteger();
    AtomicInteger storeErrors = new AtomicInteger();
    List<Node> nodes = new ArrayList<>();
    try {
      for (String id : List.of("node-a", "node-b")) {
        nodes.add(
            Node.create(
                db,
                prefix,
                id,
                b ->
                    b.register(
                            "count",
                            (JobContext ctx) -> {
                              ledger
                                  .computeIfAbsent(ctx.jobId(), k -> new AtomicInteger())
                                  .incrementAndGet();
                              perNode
                                  .computeIfAbsent(ctx.nodeId(), k -> new AtomicInteger())
                                  .incrementAndGet();
                            })
                        .recurring(
                            "tick",
                            Triggers.every(Duration.ofMillis(200)),
                            ctx -> {
                              int running = tickRunning.incrementAndGet();
                              tickMaxOverlap.accumulateAndGet(running, Math::max);
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
                              public void onStoreError(String operation, Exception error) {
                                storeErrors.incrementAndGet();
                              }
                            })));
      }

      long insertStart = System.nanoTime();
      Instant dueAt = nodes.get(0).store.now();
      scheduleAll(nodes.get(0).scheduler.client(), dueAt);
      Duration inserting = Duration.ofNanos(System.nanoTime() - insertStart);

      long runStart = System.nanoTime();
      nodes.parallelStream().forEach(n -> n.scheduler.start());
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> ledger.size() == JOBS);
      Duration running = Duration.ofNanos(System.nanoTime() - runStart);
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  Sql.count(
                          check,
                          "SELECT COUNT(*) FROM "
                              + prefix
                              + "jobs WHERE type = 'count' AND status = 'COMPLETED'")
                      == JOBS);
      Node.closeAll(nodes);
      System.out.printf(
          "%s: inserted %d jobs in %d ms, ran them on two nodes in %d ms %s, "
              + "tick ran %d times, %d store errors%n",
          db.name(),
          JOBS,
          inserting.toMillis(),
          running.toMillis(),
          perNode,
          tickRuns.get(),
          storeErrors.get());

      assertThat(ledger.values())
          .as("every job ran exactly once")
          .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(tickMaxOverlap.get()).as("the recurring job never overlapped itself").isEqualTo(1);
      assertThat(tickRuns.get()).as("the recurring job kept running").isGreaterThanOrEqualTo(2);
      assertThat(perNode.keySet())
          .as("both instances did work")
          .containsExactlyInAnyOrder("node-a", "node-b");
      assertThat(
              Sql.count(check, "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status = 'RUNNING'"))
          .as("rows left RUNNING")
          .isZero();
      assertThat(
              Sql.count(
                  check,
                  "SELECT COUNT(*) FROM "
                      + prefix
                      + "job_history WHERE type = 'count' AND outcome = 'SUCCEEDED' AND attempt ="
                      + " 1"))
          .as("one first-attempt history row per job")
          .isEqualTo(JOBS);
      assertThat(storeErrors.get()).as("store errors without injected faults").isZero();
    } finally {
      Node.closeAll(nodes);
      db.dropTables(check, prefix);
    }
  }

  /** Schedules the one-time jobs, all due at {@code dueAt}, from 4 threads. */
  private static void scheduleAll(SchedulerClient client, Instant dueAt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = first; i < JOBS; i += 4) {
                    client.schedule(
                        JobRequest.builder("count").id("job-" + i).runAt(dueAt).build());
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
