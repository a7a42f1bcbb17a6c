package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Trigger;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recurring jobs fire at exactly the instants their triggers give, through the whole engine. */
class TriggerScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private List<Instant> firesBetween(Trigger trigger, String from, String until) {
    ManualClock clock = ManualClock.at(from);
    RecordingJob job = RecordingJob.succeeding();
    try (TestScheduler scheduler =
        TestScheduler.create(Scheduler.builder().clock(clock).register("job", job))) {
      scheduler.client().schedule(JobRequest.builder("job").trigger(trigger).build());
      List<JobAttempt> attempts = scheduler.runUntil(Instant.parse(until));
      assertThat(attempts).allSatisfy(a -> {
        assertThat(a.outcome()).isEqualTo(JobAttempt.Outcome.SUCCEEDED);
        assertThat(a.startedAt()).as("runs exactly at its fire time").hasValue(a.scheduledAt());
      });
      return job.runs();
    }
  }

  @Test
  void berlinCronFiresAtLocalWallClockAcrossSpringForward() {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST
    assertThat(firesBetween(Triggers.cron("0 9 * * *", BERLIN),
        "2026-03-27T12:00:00Z", "2026-03-31T12:00:00Z"))
        .containsExactly(
            Instant.parse("2026-03-28T08:00:00Z"), // 09:00 CET
            Instant.parse("2026-03-29T07:00:00Z"), // 09:00 CEST
            Instant.parse("2026-03-30T07:00:00Z"),
            Instant.parse("2026-03-31T07:00:00Z"));
    assertThat(firesBetween(Triggers.cron("30 2 * * *", BERLIN),
        "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z"))
        .as("02:30 does not exist on the 29th: shifted by the gap to 03:30 CEST")
        .containsExactly(
            Instant.parse("2026-03-28T01:30:00Z"),
            Instant.parse("2026-03-29T01:30:00Z"),
            Instant.parse("2026-03-30T00:30:00Z"));
  }

  @Test
  void berlinCronFiresOnceInTheRepeatedHourAcrossFallBack() {
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET
    assertThat(firesBetween(Triggers.cron("30 2 * * *", BERLIN),
        "2026-10-23T12:00:00Z", "2026-10-26T12:00:00Z"))
        .as("02:30 happens twice on the 25th; the job runs once, at the first")
        .containsExactly(
            Instant.parse("2026-10-24T00:30:00Z"),
            Instant.parse("2026-10-25T00:30:00Z"),
            Instant.parse("2026-10-26T01:30:00Z"));
    assertThat(firesBetween(Triggers.cron("0 * * * *", BERLIN),
        "2026-10-24T23:30:00Z", "2026-10-25T02:30:00Z"))
        .containsExactly(
            Instant.parse("2026-10-25T00:00:00Z"), // 02:00 CEST
            Instant.parse("2026-10-25T02:00:00Z")); // 03:00 CET; the repeated 02:00 is not rerun
    assertThat(firesBetween(Triggers.cron("0 9 * * *", BERLIN),
        "2026-10-24T00:00:00Z", "2026-10-26T12:00:00Z"))
        .containsExactly(
            Instant.parse("2026-10-24T07:00:00Z"),
            Instant.parse("2026-10-25T08:00:00Z"),
            Instant.parse("2026-10-26T08:00:00Z"));
  }

  @Test
  void everyHourAtQuarterPastFiresAtQuarterPast() {
    assertThat(firesBetween(Triggers.every(Duration.ofHours(1)).offset(Duration.ofMinutes(15)),
        "2026-11-23T10:07:00Z", "2026-11-23T13:00:00Z"))
        .containsExactly(
            Instant.parse("2026-11-23T10:15:00Z"),
            Instant.parse("2026-11-23T11:15:00Z"),
            Instant.parse("2026-11-23T12:15:00Z"));
  }

  @Test
  void oneTimeJobRunsOnceThenCompletes() {
    assertThat(firesBetween(Triggers.once(Instant.parse("2026-11-23T12:00:00Z")),
        "2026-11-23T10:00:00Z", "2026-11-30T00:00:00Z"))
        .containsExactly(Instant.parse("2026-11-23T12:00:00Z"));
  }
}
