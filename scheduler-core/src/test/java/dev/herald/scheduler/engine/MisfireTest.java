package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An hourly job whose scheduler was down for five fire times (10:00 … 14:00) and comes back at
 * 14:30.
 */
class MisfireTest {
  private static final Instant START = Instant.parse("2026-11-23T09:30:00Z");
  private static final Instant BACK = Instant.parse("2026-11-23T14:30:00Z");

  private final ManualClock clock = ManualClock.at(START);
  private final RecordingJob job = RecordingJob.succeeding();
  private TestScheduler scheduler;

  @BeforeEach
  void setUp() {
    scheduler = TestScheduler.create(Scheduler.builder().clock(clock).register("hourly", job));
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
  }

  private String scheduleHourly(MisfirePolicy policy) {
    return scheduler.client().schedule(JobRequest.builder("hourly")
        .trigger(Triggers.every(Duration.ofHours(1))).misfirePolicy(policy).build()).id();
  }

  @Test
  void coalesceRunsOnceForFiveMissedFireTimes() {
    String id = scheduleHourly(MisfirePolicy.coalesce());
    clock.set(BACK);
    scheduler.runDue();
    assertThat(job.runs()).as("one run, for the latest missed fire time")
        .containsExactly(Instant.parse("2026-11-23T14:00:00Z"));
    assertThat(scheduler.client().get(id).orElseThrow().nextRunAt())
        .hasValue(Instant.parse("2026-11-23T15:00:00Z"));
  }

  @Test
  void fireAllRunsOncePerMissedFireTime() {
    String id = scheduleHourly(MisfirePolicy.fireAll());
    clock.set(BACK);
    scheduler.runDue();
    assertThat(job.runs()).containsExactly(
        Instant.parse("2026-11-23T10:00:00Z"),
        Instant.parse("2026-11-23T11:00:00Z"),
        Instant.parse("2026-11-23T12:00:00Z"),
        Instant.parse("2026-11-23T13:00:00Z"),
        Instant.parse("2026-11-23T14:00:00Z"));
    assertThat(scheduler.client().get(id).orElseThrow().nextRunAt())
        .hasValue(Instant.parse("2026-11-23T15:00:00Z"));
  }

  @Test
  void skipWithGraceSkipsFireTimesLaterThanTheGrace() {
    String id = scheduleHourly(MisfirePolicy.skipIfLaterThan(Duration.ofMinutes(10)));
    clock.set(BACK); // the latest missed fire time, 14:00, is 30 minutes late
    List<JobAttempt> attempts = scheduler.runDue();

    assertThat(job.runs()).isEmpty();
    assertThat(attempts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(JobAttempt.Outcome.SKIPPED);
              assertThat(a.error().orElseThrow())
                  .contains("5 fire times missed")
                  .contains("skip-if-later-than:PT10M");
            });
    JobSnapshot after = scheduler.client().get(id).orElseThrow();
    assertThat(after.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(after.nextRunAt()).hasValue(Instant.parse("2026-11-23T15:00:00Z"));

    scheduler.runUntil(Instant.parse("2026-11-23T15:00:00Z"));
    assertThat(job.runs()).as("on time again, it runs")
        .containsExactly(Instant.parse("2026-11-23T15:00:00Z"));
  }

  @Test
  void skipWithGraceRunsTheLatestFireTimeInsideTheGrace() {
    scheduleHourly(MisfirePolicy.skipIfLaterThan(Duration.ofMinutes(45)));
    clock.set(BACK);
    scheduler.runDue();
    assertThat(job.runs()).containsExactly(Instant.parse("2026-11-23T14:00:00Z"));
  }

  @Test
  void oneTimeJobLaterThanTheGraceFailsWithTheReasonInsteadOfVanishing() {
    String id = scheduler.client().schedule(JobRequest.builder("hourly")
        .runAt(Instant.parse("2026-11-23T10:00:00Z"))
        .misfirePolicy(MisfirePolicy.skipIfLaterThan(Duration.ofMinutes(5))).build()).id();
    clock.set(BACK);
    scheduler.runDue();

    assertThat(job.runs()).isEmpty();
    JobSnapshot after = scheduler.client().get(id).orElseThrow();
    assertThat(after.status()).isEqualTo(JobStatus.FAILED);
    assertThat(after.lastError().orElseThrow())
        .contains("missed fire time 2026-11-23T10:00:00Z by PT4H30M");
  }

  @Test
  void pausedJobResumedLaterAppliesItsMisfirePolicy() {
    String id = scheduleHourly(MisfirePolicy.coalesce());
    scheduler.client().pause(id);
    scheduler.runUntil(BACK);
    assertThat(job.runs()).as("nothing runs while paused").isEmpty();

    scheduler.client().resume(id);
    scheduler.runDue();
    assertThat(job.runs()).containsExactly(Instant.parse("2026-11-23T14:00:00Z"));
  }
}
