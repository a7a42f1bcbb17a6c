package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.RecoveryPolicy;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.retry.RetryPolicy;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Triggers;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The samples of docs/scheduler.md, run. */
class SchedulerGuideTest {

  /** A job a dependency-injection container builds. */
  static final class ReportJob implements Job {
    static final AtomicInteger RUNS = new AtomicInteger();

    @Override
    public void execute(JobContext context) {
      RUNS.incrementAndGet();
    }
  }

  private final Digests digests = new Digests();
  private final Provider<ReportJob> reportJobs = ReportJob::new;   // e.g. from a DI container
  private final Runnable cleaner = () -> {};

  @Test
  void registersTypesWithOptionsAndSchedulesAJob() {
    // tag::builder[]
    Scheduler scheduler = Scheduler.builder()
        .register("send-digest", new SendDigestJob(digests))
        .register("report", reportJobs, JobOptions.builder()   // a jakarta.inject.Provider
            .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())
            .timeout(Duration.ofMinutes(2))
            .recoveryPolicy(RecoveryPolicy.NEEDS_REVIEW)
            .build())
        .recurring("cleanup", Triggers.parse("1h"), ctx -> cleaner.run())  // type and id "cleanup"
        .build();
    // end::builder[]

    try (scheduler) {
      // tag::schedule[]
      JobSnapshot job = scheduler.client().schedule(JobRequest.builder("send-digest")
          .payload("weekly")                          // encoded by the codec (JSON with Jackson)
          .trigger("cron:0 9 * * MON@Europe/Berlin")  // or .trigger(Triggers...) or .runAt(instant)
          .priority(5)                                // higher first among jobs due together
          .misfirePolicy(MisfirePolicy.coalesce())    // the default
          .uniqueKey("digest:weekly")                 // the same key again returns this job
          .build());
      // end::schedule[]

      assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
      assertThat(job.triggerSpec()).isEqualTo("cron:0 9 * * MON@Europe/Berlin");
      assertThat(scheduler.client().schedule(JobRequest.builder("send-digest")
              .payload("weekly").trigger("cron:0 9 * * MON@Europe/Berlin")
              .uniqueKey("digest:weekly").build()).id())
          .as("the same unique key gives the same job")
          .isEqualTo(job.id());

      scheduler.start();
      scheduler.client().schedule(JobRequest.builder("send-digest").payload("extra").build());
      scheduler.client().schedule(JobRequest.now("report"));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(digests.sent()).containsExactly("extra");
        assertThat(ReportJob.RUNS).hasValue(1);
      });
    }
  }
}
