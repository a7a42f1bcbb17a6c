package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.InvalidJobStateException;
import dev.herald.scheduler.JobNotFoundException;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pause, resume, runNow, cancel and reschedule change what runs next, as documented. */
class AdminOperationsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T09:30:00Z");

  private final ManualClock clock = ManualClock.at(T0);
  private final RecordingJob job = RecordingJob.succeeding();
  private TestScheduler scheduler;
  private SchedulerClient client;
  private String hourly;

  @BeforeEach
  void setUp() {
    scheduler = TestScheduler.create(Scheduler.builder().clock(clock).register("job", job));
    client = scheduler.client();
    hourly = client.schedule(JobRequest.builder("job").trigger("1h").build()).id();
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
  }

  private Instant at(String time) {
    return Instant.parse("2026-11-23T" + time + "Z");
  }

  @Test
  void pausedJobDoesNotRunAndResumeContinuesFromTheTrigger() {
    assertThat(client.pause(hourly).status()).isEqualTo(JobStatus.PAUSED);
    scheduler.runUntil(at("11:30:00"));
    assertThat(job.runs()).isEmpty();

    assertThat(client.resume(hourly).status()).isEqualTo(JobStatus.SCHEDULED);
    scheduler.runUntil(at("12:30:00"));
    assertThat(job.runs()).as("missed 10:00 and 11:00 coalesced, then on schedule")
        .containsExactly(at("11:00:00"), at("12:00:00"));
  }

  @Test
  void runNowRunsAtOnceThenTheTriggerContinues() {
    clock.set(at("09:40:00"));
    assertThat(client.runNow(hourly).nextRunAt()).hasValue(at("09:40:00"));
    scheduler.runUntil(at("11:30:00"));
    assertThat(job.runs()).containsExactly(at("09:40:00"), at("10:00:00"), at("11:00:00"));
  }

  @Test
  void cancelledJobNeverRunsAgain() {
    JobSnapshot cancelled = client.cancel(hourly);
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.nextRunAt()).isEmpty();
    scheduler.runUntil(at("20:00:00"));
    assertThat(job.runs()).isEmpty();
    assertThatThrownBy(() -> client.resume(hourly))
        .isInstanceOf(InvalidJobStateException.class)
        .hasMessage("cannot resume job " + hourly + ": it is CANCELLED; resume applies to "
            + "[PAUSED, RUNNING]");
  }

  @Test
  void rescheduleReplacesTheTrigger() {
    JobSnapshot rescheduled = client.reschedule(hourly,
        Triggers.every(Duration.ofMinutes(20)).offset(Duration.ofMinutes(5)));
    assertThat(rescheduled.triggerSpec()).isEqualTo("20m+5m");
    assertThat(rescheduled.nextRunAt()).hasValue(at("09:45:00"));
    scheduler.runUntil(at("10:30:00"));
    assertThat(job.runs()).containsExactly(at("09:45:00"), at("10:05:00"), at("10:25:00"));
  }

  @Test
  void rescheduleRevivesACompletedOneTimeJob() {
    String once = client.schedule(JobRequest.builder("job").runAt(at("09:35:00")).build()).id();
    client.cancel(hourly);
    scheduler.runUntil(at("10:00:00"));
    assertThat(client.get(once).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);

    client.reschedule(once, Triggers.once(at("11:00:00")));
    scheduler.runUntil(at("12:00:00"));
    assertThat(job.runs()).containsExactly(at("09:35:00"), at("11:00:00"));
  }

  @Test
  void operationsOnAWrongStatusOrUnknownIdFailAndChangeNothing() {
    assertThatThrownBy(() -> client.resume(hourly))
        .isInstanceOf(InvalidJobStateException.class)
        .hasMessageContaining("it is SCHEDULED");
    assertThatThrownBy(() -> client.retry(hourly))
        .isInstanceOf(InvalidJobStateException.class)
        .hasMessageContaining("retry applies to [FAILED, NEEDS_REVIEW]");
    assertThatThrownBy(() -> client.pause("no-such-job"))
        .isInstanceOf(JobNotFoundException.class)
        .hasMessage("no job with id 'no-such-job'");
    assertThat(client.get(hourly).orElseThrow().status()).isEqualTo(JobStatus.SCHEDULED);
  }
}
