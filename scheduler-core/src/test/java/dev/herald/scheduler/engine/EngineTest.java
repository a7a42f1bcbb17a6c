package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.Health;
import dev.herald.scheduler.InvalidJobStateException;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real engine, with its threads: concurrency, wakeups, shutdown and store outages. */
@Timeout(60)
class EngineTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void recurringJobNeverRunsTwiceAtOnceEvenWithEightWorkers() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    try (Scheduler scheduler = Scheduler.builder().threads(8)
        .register("tick", ctx -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // room for an overlap
          runs.incrementAndGet();
          running.decrementAndGet();
        })
        .build().start()) {
      String id = scheduler.client().schedule(JobRequest.builder("tick")
          .trigger(Triggers.every(Duration.ofMillis(1))).misfirePolicy(MisfirePolicy.fireAll())
          .build()).id();
      // hammer it with run-now requests from another thread while it runs
      Thread hammer = new Thread(() -> {
        while (runs.get() < 40 && !Thread.currentThread().isInterrupted()) {
          try {
            scheduler.client().runNow(id);
          } catch (InvalidJobStateException isRunning) {
            // it is RUNNING: run-now does not start a second run
          }
        }
      });
      hammer.start();
      await().atMost(PATIENCE).until(() -> runs.get() >= 40);
      hammer.interrupt();
      hammer.join();
    }
    assertThat(maxRunning).hasValue(1);
  }

  @Test
  void workScheduledThroughTheClientRunsWithoutWaitingForThePollInterval() {
    CountDownLatch ran = new CountDownLatch(1);
    try (Scheduler scheduler = Scheduler.builder().pollInterval(Duration.ofMinutes(10))
        .register("now", ctx -> ran.countDown()).build().start()) {
      scheduler.client().schedule(JobRequest.now("now"));
      await().atMost(PATIENCE).until(() -> ran.getCount() == 0);
    }
  }

  @Test
  void closeWaitsForARunningJobWithinTheGracePeriod() throws Exception {
    JobStore store = JobStore.inMemory();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Scheduler scheduler = Scheduler.builder().store(store).shutdownGrace(Duration.ofSeconds(30))
        .register("slow", ctx -> {
          started.countDown();
          release.await();
        }).build().start();
    String id = scheduler.client().schedule(JobRequest.now("slow")).id();
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(scheduler::close);
    closer.start();
    await().atMost(PATIENCE).until(() -> !scheduler.isRunning());
    assertThat(closer.isAlive()).as("close() waits for the running job").isTrue();
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);

    release.countDown();
    closer.join(20_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(store.find(id).orElseThrow().status())
        .as("the job finished and its outcome was recorded before close() returned")
        .isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void closeClosesTheStoreOnceTheRunningJobsOutcomeIsRecorded() throws Exception {
    FlakyStore store = new FlakyStore(JobStore.inMemory());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Scheduler scheduler = Scheduler.builder().store(store)
        .register("slow", ctx -> {
          started.countDown();
          release.await();
        }).build().start();
    String id = scheduler.client().schedule(JobRequest.now("slow")).id();
    List<JobStatus> statusAtClose = new CopyOnWriteArrayList<>();
    store.onClose = () -> statusAtClose.add(store.delegate().find(id).orElseThrow().status());
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(scheduler::close);
    closer.start();
    await().atMost(PATIENCE).until(() -> !scheduler.isRunning());
    assertThat(statusAtClose).as("not closed while a job runs").isEmpty();
    release.countDown();
    closer.join(20_000);
    scheduler.close();

    assertThat(closer.isAlive()).isFalse();
    assertThat(statusAtClose).as("closed once, after the outcome was written")
        .containsExactly(JobStatus.COMPLETED);
  }

  @Test
  void aSchedulerClosedWithoutStartingClosesItsStoreOnce() {
    FlakyStore store = new FlakyStore(JobStore.inMemory());
    AtomicInteger closes = new AtomicInteger();
    store.onClose = closes::incrementAndGet;
    Scheduler scheduler = Scheduler.builder().store(store).register("t", ctx -> {}).build();

    scheduler.close();
    scheduler.close();

    assertThat(closes).hasValue(1);
  }

  @Test
  void aStoreThatFailsToCloseDoesNotFailTheSchedulersClose() {
    FlakyStore store = new FlakyStore(JobStore.inMemory());
    store.onClose = () -> {
      throw new IllegalStateException("disk gone");
    };
    Scheduler scheduler = Scheduler.builder().store(store).register("t", ctx -> {}).build().start();

    scheduler.close();

    assertThat(scheduler.isRunning()).isFalse();
    assertThat(scheduler.health().status()).isEqualTo(Health.Status.DOWN);
  }

  @Test
  void closeInterruptsAJobStillRunningAfterTheGracePeriodAndItRunsAgainLater() throws Exception {
    JobStore store = JobStore.inMemory();
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Scheduler scheduler = Scheduler.builder().store(store)
        .shutdownGrace(Duration.ofMillis(200))
        .register("stuck", ctx -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
          }
        }).build().start();
    String id = scheduler.client().schedule(JobRequest.now("stuck")).id();
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

    scheduler.close();

    assertThat(interrupted).isTrue();
    JobSnapshot after = store.find(id).orElseThrow();
    assertThat(after.status()).as("released to run again").isEqualTo(JobStatus.SCHEDULED);
    assertThat(after.attempt()).as("the interrupted attempt does not count").isZero();
    assertThat(after.leaseOwner()).isEmpty();
    assertThat(store.history(id, 0, 10).items()).singleElement()
        .extracting(JobAttempt::outcome).isEqualTo(JobAttempt.Outcome.INTERRUPTED);
  }

  @Test
  void engineKeepsRunningThroughAStoreOutageAndLosesNothing() throws Exception {
    FlakyStore store = new FlakyStore(JobStore.inMemory());
    AtomicInteger storeErrors = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Scheduler scheduler = Scheduler.builder().store(store).threads(2)
        .pollInterval(Duration.ofMillis(50)).maxStoreBackoff(Duration.ofMillis(200))
        .sweepInterval(Duration.ofMillis(100))
        .register("slow", ctx -> {
          started.countDown();
          release.await();
        })
        .register("quick", ctx -> { })
        .listener(new SchedulerListener() {
          @Override
          public void onStoreError(String operation, Exception error) {
            storeErrors.incrementAndGet();
          }
        })
        .build().start()) {
      String slow = scheduler.client().schedule(JobRequest.now("slow")).id();
      assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

      store.down = true;
      release.countDown(); // its completion now fails and must be retried until durable
      for (int i = 0; i < 5; i++) { // another node schedules work meanwhile
        store.delegate().insert(dev.herald.scheduler.internal.client.NewJobs.from(
            JobRequest.now("quick"), dev.herald.scheduler.spi.PayloadCodec.strings(),
            store.delegate().now()));
      }
      await().atMost(PATIENCE).until(() -> storeErrors.get() >= 10);
      assertThat(scheduler.health().status()).isEqualTo(Health.Status.DOWN);

      store.down = false;
      await().atMost(PATIENCE).until(() -> store.list(JobQuery.builder()
          .status(JobStatus.COMPLETED).build()).items().size() == 6);
      assertThat(store.find(slow).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
      await().atMost(PATIENCE).until(() -> scheduler.health().status() == Health.Status.UP);
      assertThat(scheduler.isRunning()).isTrue();
    }
  }

  @Test
  void aJobThatOutlivesItsTimeoutIsInterruptedAndFails() {
    JobStore store = JobStore.inMemory();
    try (Scheduler scheduler = Scheduler.builder().store(store)
        .register("hang", ctx -> new CountDownLatch(1).await(), JobOptions.builder()
            .timeout(Duration.ofMillis(100))
            .retryPolicy(dev.herald.scheduler.retry.RetryPolicy.none()).build())
        .build().start()) {
      String id = scheduler.client().schedule(JobRequest.now("hang")).id();
      await().atMost(PATIENCE)
          .until(() -> store.find(id).orElseThrow().status() == JobStatus.FAILED);
      assertThat(store.find(id).orElseThrow().lastError().orElseThrow())
          .startsWith("java.util.concurrent.TimeoutException")
          .contains("ran longer than its timeout PT0.1S");
    }
  }
}
