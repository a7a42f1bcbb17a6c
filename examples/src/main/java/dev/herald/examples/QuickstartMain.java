package dev.herald.examples;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.trigger.Triggers;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Herald in one file: a cron job, an interval job and a one-time job, in memory. Prints the jobs
 * with their next run times, runs for a few seconds, prints what ran, and exits.
 *
 * <p>Run it with {@code mvn -q -pl examples -am compile exec:java} (see the README).
 */
public final class QuickstartMain {
  private QuickstartMain() {}

  public static void main(String[] args) throws InterruptedException {
    Duration runFor =
        Duration.ofSeconds(args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0]) : 6);
    run(runFor, System.out);
  }

  /**
   * Runs the demo for {@code runFor}, printing to {@code out}.
   *
   * @return the runs, as history rows
   */
  static List<JobAttempt> run(Duration runFor, PrintStream out) throws InterruptedException {
    List<JobAttempt> ran = new CopyOnWriteArrayList<>();

    try (Scheduler scheduler = Scheduler.builder()
        .register("heartbeat", ctx -> out.println("  heartbeat  (cron)     "
            + ctx.scheduledAt()))
        .register("sync-feed", ctx -> out.println("  sync-feed  (interval) "
            + ctx.scheduledAt()))
        .register("publish", ctx -> out.println("  publish    (once)     "
            + ctx.payload(String.class)))
        .threads(2)
        .shutdownGrace(Duration.ofSeconds(5))
        .listener(new SchedulerListener() {
          @Override
          public void onJobFinished(JobAttempt attempt, JobStatus newStatus) {
            ran.add(attempt);
          }
        })
        .build()) {

      // every 2 seconds, at wall-clock time in Berlin (6-field cron: seconds first)
      scheduler.client().schedule(JobRequest.builder("heartbeat").id("heartbeat")
          .trigger(Triggers.cron("*/2 * * * * *", ZoneId.of("Europe/Berlin"))).build());
      // every 3 seconds
      scheduler.client().schedule(JobRequest.builder("sync-feed").id("sync-feed")
          .trigger(Triggers.every(Duration.ofSeconds(3))).build());
      // once, 1.5 seconds from now
      scheduler.client().schedule(JobRequest.builder("publish").id("hello-post")
          .payload("Hello from Herald!")
          .runAt(Instant.now().plusMillis(1500)).build());

      out.println("Scheduled jobs:");
      out.printf("  %-12s %-10s %-38s %s%n", "id", "type", "trigger", "next run");
      for (JobSnapshot job : scheduler.client().stream(JobQuery.all()).toList()) {
        out.printf("  %-12s %-10s %-38s %s%n", job.id(), job.type(), job.triggerSpec(),
            job.nextRunAt().map(Instant::toString).orElse("-"));
      }

      out.println("Running for " + runFor.toSeconds() + " seconds:");
      scheduler.start();
      Thread.sleep(runFor.toMillis());
    }

    out.println("What ran:");
    out.printf("  %-12s %-10s %-8s %-27s %s%n", "job", "type", "attempt", "fire time",
        "outcome");
    for (JobAttempt a : ran) {
      out.printf("  %-12s %-10s %-8d %-27s %s%n", a.jobId(), a.type(), a.attempt(),
          a.scheduledAt(), a.outcome());
    }
    return ran;
  }
}
