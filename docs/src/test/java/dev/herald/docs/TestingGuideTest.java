package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sample of docs/testing.md. */
class TestingGuideTest {

  /** Stands for the host's code under test. */
  static final class Reports {
    final AtomicInteger sent = new AtomicInteger();

    void send() {
      sent.incrementAndGet();
    }
  }

  private final Reports reports = new Reports();

  @Test
  void aBerlinCronJobRunsAtNineLocalTimeAcrossTheDstChange() {
    // tag::test-scheduler[]
    ManualClock clock = ManualClock.at("2026-03-28T00:00:00Z");
    try (TestScheduler scheduler = TestScheduler.create(Scheduler.builder()
        .clock(clock)
        .register("report", ctx -> reports.send()))) {

      scheduler.client().schedule(JobRequest.builder("report")
          .trigger(Triggers.cron("0 9 * * *", ZoneId.of("Europe/Berlin"))).build());

      List<JobAttempt> runs = scheduler.runUntil(clock.now().plus(Duration.ofDays(3)));
      assertThat(runs).extracting(JobAttempt::scheduledAt).containsExactly(
          Instant.parse("2026-03-28T08:00:00Z"),   // 09:00 CET
          Instant.parse("2026-03-29T07:00:00Z"),   // 09:00 CEST, after the DST change
          Instant.parse("2026-03-30T07:00:00Z"));
    }
    // end::test-scheduler[]

    assertThat(reports.sent).hasValue(3);
  }
}
