package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobAttempt.Outcome;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local queue of claimed jobs waiting for a worker: its bound, its leases, and what becomes of
 * it when its node stops or dies. Jobs wait for a permit, so that the queue stays filled.
 */
@Timeout(60)
class LocalQueueTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
  private final JobStore store = JobStore.inMemory(clock);
  private final Semaphore permits = new Semaphore(0);
  private final Semaphore permitsOfA = new Semaphore(0);

  /** A node running "block" jobs, which wait for a permit; records the jobs it started. */
  private SchedulerBuilder node(String id, JobStore nodeStore, int threads, int maxQueuedPerThread,
      List<String> started) {
    return node(id, nodeStore, threads, maxQueuedPerThread, started, permits);
  }

  private SchedulerBuilder node(String id, JobStore nodeStore, int threads, int maxQueuedPerThread,
      List<String> started, Semaphore jobPermits) {
    return Scheduler.builder().nodeId(id).clock(clock).store(nodeStore).threads(threads)
        .maxQueuedPerThread(maxQueuedPerThread)
        .lease(LEASE, Duration.ofMillis(100))
        .sweepInterval(Duration.ofMillis(50))
        .maxStoreBackoff(Duration.ofMillis(100))
        .pollInterval(Duration.ofMillis(50))
        .register("block", ctx -> {
          started.add(ctx.jobId());
          jobPermits.acquire();
        });
  }

  private static List<String> schedule(Scheduler scheduler, int jobs) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      ids.add(scheduler.client().schedule(JobRequest.now("block")).id());
    }
    return ids;
  }

  private long count(JobStatus status) {
    return store.stats(0).count(status);
  }

  private List<JobSnapshot> ownedBy(String node, List<String> ids) {
    return ids.stream().map(id -> store.find(id).orElseThrow())
        .filter(j -> j.status() == JobStatus.RUNNING && j.leaseOwner().equals(Optional.of(node)))
        .toList();
  }

  @Test
  void theQueueNeverHoldsMoreThanThreadsTimesMaxQueuedPerThreadClaimsThatHaveNotStarted() {
    List<String> started = new CopyOnWriteArrayList<>();
    FlakyStore counting = new FlakyStore(store);
    try (Scheduler scheduler = node("a", counting, 2, 2, started).build()) {
      List<String> ids = schedule(scheduler, 20);
      scheduler.start();

      for (int i = 0; i < 4; i++) {
        int finished = i;
        int expectedStarts = 2 + finished;
        // 2 running + 4 queued (the bound: 2 threads × 2), the rest left in the store
        await().atMost(PATIENCE).until(() -> count(JobStatus.RUNNING) == 6
            && started.size() == expectedStarts && count(JobStatus.COMPLETED) == finished);
        assertThat(ownedBy("a", ids)).hasSize(6);
        assertThat(count(JobStatus.SCHEDULED)).isEqualTo(14 - finished);
        assertThat(started).hasSize(expectedStarts);
        permits.release(); // one run ends: a queued job starts, and the queue is topped up
      }

      permits.release(100);
      await().atMost(PATIENCE).until(() -> count(JobStatus.COMPLETED) == 20);
      assertThat(started).hasSize(20).doesNotHaveDuplicates();
      assertThat(counting.largestClaimLimit.get()).as("never asks for more than the queue holds")
          .isBetween(1, 4);
    }
  }

  @Test
  void aStoppingNodeHandsBackItsQueuedJobsUncountedAndAnotherNodeRunsThemWithoutWaitingForTheLease() {
    List<String> startedOnA = new CopyOnWriteArrayList<>();
    List<String> ids;
    try (Scheduler a = node("a", store, 1, 3, startedOnA).shutdownGrace(Duration.ZERO).build()) {
      ids = schedule(a, 4);
      a.start();
      await().atMost(PATIENCE).until(() -> ownedBy("a", ids).size() == 4 && startedOnA.size() == 1);
    } // the running job is interrupted after the zero grace; the three queued ones are handed back

    assertThat(count(JobStatus.SCHEDULED)).isEqualTo(4);
    for (String id : ids) {
      JobSnapshot job = store.find(id).orElseThrow();
      assertThat(job.attempt()).as("the attempt of " + id + " does not count").isZero();
      assertThat(job.leaseOwner()).isEmpty();
      boolean queued = !startedOnA.contains(id);
      if (queued) {
        assertThat(store.history(id, 0, 10).items()).as("a queued job never ran").isEmpty();
        assertThat(job.nextRunAt()).as("due at its old time").contains(job.fireAt());
      }
    }

    List<String> startedOnB = new CopyOnWriteArrayList<>();
    try (Scheduler b = node("b", store, 4, 2, startedOnB).build()) {
      permits.release(100);
      b.start(); // the manual clock does not move: no lease expires
      await().atMost(PATIENCE).until(() -> count(JobStatus.COMPLETED) == 4);
    }
    assertThat(startedOnB).containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids) {
      assertThat(store.find(id).orElseThrow().attempt()).isEqualTo(1);
      assertThat(store.history(id, 0, 10).items()).filteredOn(h -> h.node().equals("b"))
          .singleElement().extracting(JobAttempt::outcome).isEqualTo(Outcome.SUCCEEDED);
    }
  }

  @Test
  void theQueuedJobsOfANodeThatDiesAreRecoveredByAnotherNodeOnceTheirLeaseExpires() {
    FlakyStore aStore = new FlakyStore(store);
    List<String> startedOnA = new CopyOnWriteArrayList<>();
    List<String> startedOnB = new CopyOnWriteArrayList<>();
    List<String> ids;
    try (Scheduler a = node("a", aStore, 1, 3, startedOnA, permitsOfA)
        .shutdownGrace(Duration.ZERO).build()) {
      ids = schedule(a, 4);
      a.start();
      await().atMost(PATIENCE).until(() -> ownedBy("a", ids).size() == 4 && startedOnA.size() == 1);
      aStore.down = true; // node a is dead to the store (its only worker hangs): it renews nothing

      try (Scheduler b = node("b", store, 4, 2, startedOnB).build().start()) {
        clock.advance(LEASE.plusSeconds(1));
        permits.release(100);
        await().atMost(PATIENCE).until(() -> count(JobStatus.COMPLETED) == 4);
      }
      aStore.down = false; // what a writes now is refused: b's outcomes stand
    }

    assertThat(startedOnA).hasSize(1);
    assertThat(startedOnB).containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids) {
      assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(store.history(id, 0, 10).items()).extracting(JobAttempt::outcome, JobAttempt::node)
          .containsExactly(tuple(Outcome.SUCCEEDED, "b"), tuple(Outcome.LEASE_EXPIRED, "a"));
    }
  }

  @Test
  void theLeasesOfQueuedJobsAreRenewedWhileTheyWait() {
    List<String> startedOnA = new CopyOnWriteArrayList<>();
    try (Scheduler a = node("a", store, 1, 3, startedOnA).build()) {
      List<String> ids = schedule(a, 4);
      a.start();
      await().atMost(PATIENCE).until(() -> ownedBy("a", ids).size() == 4 && startedOnA.size() == 1);

      for (int i = 0; i < 3; i++) { // 60 s in all: twice the lease
        Instant now = clock.advance(Duration.ofSeconds(20));
        await().atMost(PATIENCE).until(() -> ownedBy("a", ids).stream()
            .allMatch(j -> !j.leaseUntil().orElseThrow().isBefore(now.plus(LEASE))));
        assertThat(store.claimExpired("b", Set.of("block"), 10, LEASE))
            .as("no lease of node a expired").isEmpty();
      }
      assertThat(startedOnA).hasSize(1);

      permits.release(100);
      await().atMost(PATIENCE).until(() -> count(JobStatus.COMPLETED) == 4);
      assertThat(startedOnA).containsExactlyInAnyOrderElementsOf(ids);
      ids.forEach(id -> assertThat(store.find(id).orElseThrow().attempt()).isEqualTo(1));
    }
  }

  @Test
  void maxQueuedPerThreadOutOfRangeIsRefusedNamingTheSettingAndTheValue() {
    assertThatThrownBy(() -> Scheduler.builder().maxQueuedPerThread(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxQueuedPerThread").hasMessageContaining("0");
    assertThatThrownBy(() -> Scheduler.builder().maxQueuedPerThread(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxQueuedPerThread").hasMessageContaining("1001");
  }
}
