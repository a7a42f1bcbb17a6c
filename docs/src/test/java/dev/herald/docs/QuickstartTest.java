package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// tag::quickstart[]
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.trigger.Triggers;

// end::quickstart[]
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The README's Quickstart, run. */
class QuickstartTest {

  /** Stands for the host's own code the jobs call. */
  static final class Cleaner {
    private final AtomicInteger runs = new AtomicInteger();

    void run() {
      runs.incrementAndGet();
    }
  }

  private final Digests digests = new Digests();
  private final Cleaner cleaner = new Cleaner();

  @Test
  void registersJobTypesSchedulesACronJobAndRunsAOneTimeJobAtOnce() {
    // tag::quickstart[]
    try (Scheduler scheduler = Scheduler.builder()
        .register("send-digest", ctx -> digests.send(ctx.payload(String.class)))
        .recurring("cleanup", Triggers.parse("1h"), ctx -> cleaner.run())
        .threads(4)
        .build()
        .start()) {

      SchedulerClient client = scheduler.client();
      client.schedule(JobRequest.builder("send-digest")
          .payload("weekly")
          .trigger("cron:0 9 * * MON@Europe/Berlin")   // 09:00 Berlin time, DST-correct
          .uniqueKey("digest:weekly")                  // scheduling it twice gives one job
          .build());
      client.schedule(JobRequest.builder("send-digest")
          .payload("welcome")                          // no trigger: runs once, now
          .build());

      // ... your application runs; close() stops the scheduler, letting running jobs finish
      // end::quickstart[]

      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(digests.sent()).containsExactly("welcome"));
      JobSnapshot weekly = client.list(JobQuery.builder()
              .status(JobStatus.SCHEDULED).type("send-digest").build())
          .items().get(0);
      ZonedDateTime next = weekly.nextRunAt().orElseThrow().atZone(ZoneId.of("Europe/Berlin"));
      assertThat(next.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
      assertThat(next.getHour()).isEqualTo(9);
      assertThat(client.get("cleanup")).get().extracting(JobSnapshot::status)
          .isEqualTo(JobStatus.SCHEDULED);
      // tag::quickstart[]
    }
    // end::quickstart[]
  }
}
