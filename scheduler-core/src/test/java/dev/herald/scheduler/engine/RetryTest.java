package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.retry.RetryAfterException;
import dev.herald.scheduler.retry.RetryPolicy;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private final ManualClock clock = ManualClock.at(T0);

  private TestScheduler schedulerFor(RecordingJob job, RetryPolicy policy) {
    return TestScheduler.create(Scheduler.builder().clock(clock)
        .register("flaky", job, JobOptions.builder().retryPolicy(policy).build()));
  }

  @Test
  void failsAfterMaxAttemptsWithDelaysInsideThePolicysBoundsThenRetryBringsItBack() {
    RecordingJob job = RecordingJob.failingWith(new IllegalStateException("platform down"));
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(3)
        .backoff(Duration.ofSeconds(10), Duration.ofSeconds(20), 3.0).jitter(0.2).build();
    try (TestScheduler scheduler = schedulerFor(job, policy)) {
      String id = scheduler.client().schedule(JobRequest.now("flaky")).id();
      List<JobAttempt> attempts = scheduler.runUntil(T0.plus(Duration.ofHours(1)));

      assertThat(attempts).extracting(JobAttempt::attempt).containsExactly(1, 2, 3);
      assertThat(attempts).extracting(JobAttempt::outcome).containsOnly(JobAttempt.Outcome.FAILED);
      Duration first =
          Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt().orElseThrow());
      Duration second =
          Duration.between(attempts.get(1).finishedAt(), attempts.get(2).startedAt().orElseThrow());
      assertThat(first).as("10 s ± 20%").isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
      assertThat(second).as("min(cap 20 s, 30 s) - 20%, never above the cap")
          .isBetween(Duration.ofSeconds(16), Duration.ofSeconds(20));

      JobSnapshot failed = scheduler.client().get(id).orElseThrow();
      assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
      assertThat(failed.attempt()).isEqualTo(3);
      assertThat(failed.lastError()).hasValue("java.lang.IllegalStateException: platform down");
      assertThat(scheduler.client().history(id, 0, 10).items()).hasSize(3);

      job.succeedFromNowOn();
      JobSnapshot retried = scheduler.client().retry(id);
      assertThat(retried.status()).isEqualTo(JobStatus.SCHEDULED);
      assertThat(retried.attempt()).isZero();
      List<JobAttempt> again = scheduler.runDue();
      assertThat(again).singleElement().satisfies(a -> {
        assertThat(a.outcome()).isEqualTo(JobAttempt.Outcome.SUCCEEDED);
        assertThat(a.attempt()).isEqualTo(1);
      });
      assertThat(scheduler.client().get(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void jitterSpreadsDelaysAndNeverExceedsTheCap() {
    RetryPolicy policy = RetryPolicy.builder().backoff(Duration.ofSeconds(10),
        Duration.ofSeconds(60)).jitter(0.5).build();
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int attempt = 1; attempt <= 8; attempt++) {
      Duration base = policy.baseDelay(attempt);
      for (int i = 0; i < 200; i++) {
        Duration d = policy.delayAfter(attempt, random);
        assertThat(d).isBetween(base.dividedBy(2), Duration.ofSeconds(60));
      }
    }
    assertThat(policy.baseDelay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.baseDelay(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(policy.baseDelay(4)).as("capped").isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void abortOnFailsAtOnce() {
    RecordingJob job = RecordingJob.failingWith(new IllegalArgumentException("bad post"));
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(5)
        .abortOn(IllegalArgumentException.class).build();
    try (TestScheduler scheduler = schedulerFor(job, policy)) {
      String id = scheduler.client().schedule(JobRequest.now("flaky")).id();
      scheduler.runUntil(T0.plus(Duration.ofDays(1)));
      assertThat(job.attempts()).containsExactly(1);
      assertThat(scheduler.client().get(id).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    }
  }

  @Test
  void retryOnRetriesOnlyMatchingFailures() {
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(5)
        .retryOn(java.io.UncheckedIOException.class).build();
    assertThat(policy.shouldRetry(1, new java.io.UncheckedIOException(new java.io.IOException())))
        .isTrue();
    assertThat(policy.shouldRetry(1, new IllegalStateException())).isFalse();
    assertThat(policy.shouldRetry(5, new java.io.UncheckedIOException(new java.io.IOException())))
        .as("no attempts left").isFalse();
  }

  @Test
  void jobSuppliedRetryAfterIsHonouredAndCountsAnAttempt() {
    RecordingJob job = RecordingJob.failingWith(
        RetryAfterException.after(Duration.ofMinutes(7), "Retry-After: 420"));
    try (TestScheduler scheduler = schedulerFor(job, RetryPolicy.builder().maxAttempts(2).build())) {
      String id = scheduler.client().schedule(JobRequest.now("flaky")).id();
      scheduler.runDue();
      JobSnapshot waiting = scheduler.client().get(id).orElseThrow();
      assertThat(waiting.nextRunAt()).hasValue(T0.plus(Duration.ofMinutes(7)));
      assertThat(waiting.attempt()).isEqualTo(1);
      assertThat(waiting.lastError()).hasValue("Retry-After: 420");

      scheduler.runUntil(T0.plus(Duration.ofHours(1)));
      assertThat(job.attempts()).containsExactly(1, 2);
      assertThat(scheduler.client().get(id).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    }
  }

  @Test
  void deferUntilDoesNotSpendAnAttempt() {
    List<Integer> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.herald.scheduler.Job rateLimited = ctx -> {
      attempts.add(ctx.attempt());
      throw RetryAfterException.deferUntil(clock.now().plus(Duration.ofHours(1)), "rate limited");
    };
    try (TestScheduler scheduler = TestScheduler.create(Scheduler.builder().clock(clock)
        .register("flaky", rateLimited, JobOptions.builder()
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).build()).build()))) {
      String id = scheduler.client().schedule(JobRequest.now("flaky")).id();
      List<JobAttempt> first = scheduler.runDue();
      assertThat(first).singleElement().extracting(JobAttempt::outcome)
          .isEqualTo(JobAttempt.Outcome.DEFERRED);
      JobSnapshot deferred = scheduler.client().get(id).orElseThrow();
      assertThat(deferred.nextRunAt()).hasValue(T0.plus(Duration.ofHours(1)));
      assertThat(deferred.attempt()).as("attempt not counted").isZero();

      scheduler.runUntil(T0.plus(Duration.ofHours(5)));
      assertThat(attempts).as("every run is attempt 1: deferrals never exhaust retries")
          .containsExactly(1, 1, 1, 1, 1, 1);
      assertThat(scheduler.client().get(id).orElseThrow().status())
          .isEqualTo(JobStatus.SCHEDULED);
    }
  }

  @Test
  void recurringJobThatExhaustsItsRetriesMovesOnToItsNextFireTime() {
    RecordingJob job = RecordingJob.failingWith(new IllegalStateException("nope"));
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(2).fixedDelay(Duration.ofMinutes(1))
        .jitter(0).build();
    try (TestScheduler scheduler = schedulerFor(job, policy)) {
      String id = scheduler.client().schedule(JobRequest.builder("flaky").trigger("1h").build())
          .id();
      scheduler.runUntil(Instant.parse("2026-11-23T09:30:00Z"));
      assertThat(job.runs()).containsExactly(
          Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-23T09:00:00Z"));
      JobSnapshot after = scheduler.client().get(id).orElseThrow();
      assertThat(after.status()).isEqualTo(JobStatus.SCHEDULED);
      assertThat(after.nextRunAt()).hasValue(Instant.parse("2026-11-23T10:00:00Z"));
      assertThat(after.lastError().orElseThrow()).contains("nope");
    }
  }
}
