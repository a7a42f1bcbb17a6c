package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.retry.NeedsReviewException;
import dev.herald.scheduler.retry.RetryAfterException;
import dev.herald.scheduler.retry.RetryPolicy;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Unique keys, follow-up jobs (pipelines) and durable steps. */
class JobFeaturesTest {
  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");

  @Test
  void schedulingTheSameUniqueKeyTwiceGivesOneJob() {
    try (TestScheduler scheduler = TestScheduler.create(
        Scheduler.builder().clock(clock).register("digest", RecordingJob.succeeding()))) {
      JobSnapshot first = scheduler.client().schedule(
          JobRequest.builder("digest").uniqueKey("digest:user-42:2026-W48").payload("a").build());
      JobSnapshot second = scheduler.client().schedule(
          JobRequest.builder("digest").uniqueKey("digest:user-42:2026-W48").payload("b").build());

      assertThat(second.id()).isEqualTo(first.id());
      assertThat(second.payload()).as("the existing job, unchanged").hasValue("a");
      assertThat(scheduler.client().list(JobQuery.all()).items()).hasSize(1);
    }
  }

  @Test
  void followUpExistsOnlyIfItsParentCompleted() {
    List<String> ran = new CopyOnWriteArrayList<>();
    try (TestScheduler scheduler = TestScheduler.create(Scheduler.builder().clock(clock)
        .register("fetch", ctx -> {
          String what = ctx.payload(String.class);
          ctx.enqueue(JobRequest.builder("process").payload(what + "-data").build());
          if (what.equals("broken")) {
            throw new IllegalStateException("fetch failed after enqueueing");
          }
        }, JobOptions.builder().retryPolicy(RetryPolicy.none()).build())
        .register("process", ctx -> ran.add(ctx.payload(String.class))))) {
      scheduler.client().schedule(JobRequest.builder("fetch").payload("good").build());
      scheduler.client().schedule(JobRequest.builder("fetch").payload("broken").build());
      scheduler.runDue();

      assertThat(ran).containsExactly("good-data");
      assertThat(scheduler.client().list(JobQuery.builder().type("process").build()).items())
          .singleElement().extracting(JobSnapshot::status).isEqualTo(JobStatus.COMPLETED);
      assertThat(scheduler.client().list(JobQuery.builder().type("fetch")
          .status(JobStatus.FAILED).build()).items()).hasSize(1);
    }
  }

  @Test
  void anOutcomeFollowUpIsStoredWithEveryOutcomeButWithAnotherEnqueueOnlyOnSuccess() {
    List<String> told = new CopyOnWriteArrayList<>();
    try (TestScheduler scheduler = TestScheduler.create(Scheduler.builder().clock(clock)
        .register("send", ctx -> {
          String what = ctx.payload(String.class);
          ctx.enqueueWithOutcome(JobRequest.builder("tell").payload(what + "#" + ctx.attempt())
              .build());
          ctx.enqueue(JobRequest.builder("tell").payload(what + " succeeded").build());
          switch (what) {
            case "review" -> throw new NeedsReviewException("outcome unknown");
            case "defer" -> throw RetryAfterException.deferUntil(
                clock.now().plus(Duration.ofHours(1)), "quota used up");
            case "broken" -> throw new IllegalStateException("send failed");
            default -> { }
          }
        }, JobOptions.builder().retryPolicy(RetryPolicy.builder().maxAttempts(2)
            .fixedDelay(Duration.ofMinutes(1)).jitter(0).build()).build())
        .register("tell", ctx -> told.add(ctx.payload(String.class))))) {
      for (String what : List.of("good", "review", "defer", "broken")) {
        scheduler.client().schedule(JobRequest.builder("send").payload(what).build());
      }
      scheduler.runDue();
      assertThat(told).containsExactlyInAnyOrder("good#1", "good succeeded", "review#1",
          "defer#1", "broken#1");

      told.clear();
      scheduler.advance(Duration.ofMinutes(1)); // broken's retry, its last attempt
      assertThat(told).containsExactly("broken#2");
      assertThat(scheduler.client().list(JobQuery.builder().type("send")
          .status(JobStatus.FAILED).build()).items()).hasSize(1);
    }
  }

  @Test
  void aStepsResultIsReusedOnReRun() {
    AtomicInteger uploads = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    List<String> published = new CopyOnWriteArrayList<>();
    try (TestScheduler scheduler = TestScheduler.create(Scheduler.builder().clock(clock)
        .register("publish", ctx -> {
          String mediaId = ctx.step("upload", () -> "media-" + uploads.incrementAndGet());
          if (runs.incrementAndGet() == 1) {
            throw new IllegalStateException("publish call failed");
          }
          published.add(mediaId);
        }, JobOptions.builder().retryPolicy(RetryPolicy.builder()
            .fixedDelay(Duration.ofSeconds(30)).jitter(0).build()).build()))) {
      String id = scheduler.client().schedule(JobRequest.now("publish")).id();
      scheduler.runUntil(clock.now().plus(Duration.ofMinutes(5)));

      assertThat(runs).hasValue(2);
      assertThat(uploads).as("the upload ran once; the retry reused its result").hasValue(1);
      assertThat(published).containsExactly("media-1");
      assertThat(scheduler.client().get(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void stepsBelongToOneFireTimeOfARecurringJob() {
    AtomicInteger counter = new AtomicInteger();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (TestScheduler scheduler = TestScheduler.create(Scheduler.builder().clock(clock)
        .register("report", ctx -> seen.add(ctx.step("n", () -> "run-" + counter.incrementAndGet()))))) {
      scheduler.client().schedule(JobRequest.builder("report").trigger("1h").build());
      scheduler.runUntil(clock.now().plus(Duration.ofHours(3)));
      assertThat(seen).containsExactly("run-1", "run-2", "run-3");
    }
  }
}
