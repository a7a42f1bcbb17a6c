package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.retry.RetryPolicy;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "reading status" samples of docs/administration.md, run on a {@link TestScheduler}. */
class AdministrationGuideTest {
  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
  private TestScheduler scheduler;
  private SchedulerClient client;

  @BeforeEach
  void setUp() {
    scheduler = TestScheduler.create(Scheduler.builder()
        .clock(clock)
        .register("send-digest", ctx -> {
          if (ctx.payload(String.class).startsWith("broken")) {
            throw new IllegalStateException("no subscribers for " + ctx.payload(String.class));
          }
        }, JobOptions.builder().retryPolicy(RetryPolicy.none()).build()));
    client = scheduler.client();
    client.schedule(JobRequest.builder("send-digest").id("weekly-digest").payload("weekly")
        .trigger("cron:0 9 * * MON@Europe/Berlin").build());
    for (int i = 0; i < 120; i++) {
      client.schedule(JobRequest.builder("send-digest").id(String.format("broken-%03d", i))
          .payload("broken " + i).build());
    }
    scheduler.runUntil(Instant.parse("2026-11-23T08:30:00Z"));
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
  }

  @Test
  void oneJob() {
    // tag::get-job[]
    JobSnapshot job = client.get("weekly-digest").orElseThrow();
    JobStatus status = job.status();             // SCHEDULED, RUNNING, PAUSED, COMPLETED, FAILED…
    Optional<Instant> next = job.nextRunAt();    // empty once the job is over
    int attempt = job.attempt();                 // attempts made for the pending fire time
    Optional<String> error = job.lastError();    // the last failure's message
    // end::get-job[]

    assertThat(status).isEqualTo(JobStatus.SCHEDULED);
    assertThat(next).as("it ran on Monday 23rd at 09:00 Berlin time")
        .contains(Instant.parse("2026-11-30T08:00:00Z"));
    assertThat(attempt).isZero();
    assertThat(error).isEmpty();
  }

  @Test
  void everyPageOfAListing() {
    // tag::list-pages[]
    JobQuery query = JobQuery.builder()
        .status(JobStatus.FAILED, JobStatus.NEEDS_REVIEW)   // any of these; none given: all
        .type("send-digest")
        .limit(50)                                          // the page size: 1 to 1000, default 100
        .build();
    List<JobSnapshot> jobs = new ArrayList<>();
    Page<JobSnapshot> page = client.list(query);
    jobs.addAll(page.items());
    while (page.hasMore()) {
      page = client.list(query.next(page));          // the same filters, from page.nextOffset()
      jobs.addAll(page.items());
    }
    // end::list-pages[]

    assertThat(jobs).hasSize(120).allMatch(j -> j.status() == JobStatus.FAILED);
    assertThat(jobs).extracting(JobSnapshot::id).doesNotHaveDuplicates();
    assertThat(client.list(JobQuery.all()).items()).as("one page of 100 by default").hasSize(100);
  }

  @Test
  void aWholeListingAsAStream() {
    // tag::stream[]
    // every matching job, read a page (the query's limit) at a time as the stream is consumed
    List<String> failed = client.stream(JobQuery.builder().status(JobStatus.FAILED).build())
        .map(JobSnapshot::id)
        .toList();
    // a page is Iterable too
    for (JobSnapshot job : client.list(JobQuery.all())) {
      System.out.println(job.id() + " " + job.status());
    }
    // end::stream[]

    assertThat(failed).hasSize(120).doesNotHaveDuplicates();
  }

  @Test
  void aJobsHistory() {
    // tag::history[]
    List<String> lines = new ArrayList<>();
    for (JobAttempt a : client.history("broken-007", 0, 20).items()) {   // newest first
      lines.add(a.scheduledAt() + " attempt " + a.attempt() + " on " + a.node() + ": "
          + a.outcome() + a.error().map(e -> " (" + e + ")").orElse(""));
    }
    // end::history[]

    assertThat(lines).singleElement().asString()
        .startsWith("2026-11-23T08:00:00Z attempt 1 on ")
        .endsWith(": FAILED (java.lang.IllegalStateException: no subscribers for broken 7)");
  }

  @Test
  void countsAndLag() {
    client.schedule(JobRequest.builder("send-digest").id("late").payload("late")
        .runAt(clock.now()).build());
    clock.advance(Duration.ofMinutes(30));   // due, not run

    // tag::stats[]
    SchedulerStats stats = client.stats();
    long failed = stats.count(JobStatus.FAILED);   // the dead-letter list's size
    Duration lag = stats.oldestDueLag();           // how long the most overdue job has waited
    List<JobSnapshot> upcoming = stats.upcoming(); // the next 10 jobs to run
    // end::stats[]

    assertThat(failed).isEqualTo(120);
    assertThat(lag).isEqualTo(Duration.ofMinutes(30));
    assertThat(upcoming).extracting(JobSnapshot::id).containsExactly("late", "weekly-digest");
  }
}
