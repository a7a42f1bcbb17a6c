package dev.herald.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.trigger.Triggers;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Jobs that survive a restart, on a database. Phase 1: an application schedules three posts due a
 * few seconds out, one due later, and a recurring heartbeat, then stops before any of them is due.
 * Phase 2: the application "restarts" (a new connection pool, store and scheduler) and runs them.
 * Whatever is still pending when it exits (the later post, the heartbeat) is picked up by the next
 * run of the program.
 *
 * <p>Without arguments it uses an H2 file, {@code target/herald-demo/demo.mv.db} (or under the
 * system temp directory); with a JDBC URL (and optionally user and password) it uses that database,
 * in tables prefixed {@code herald_demo_}:
 *
 * <pre>
 * mvn -B -q -pl examples -am compile -Prun -Dexample=JdbcMain
 * mvn -B -q -pl examples -am compile -Prun -Dexample=JdbcMain \
 *     -Dexample.args='jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
 * mvn -B -q -pl examples -am compile -Prun -Dexample=JdbcMain \
 *     -Dexample.args='jdbc:mariadb://127.0.0.1:3306/test?user=root'
 * </pre>
 *
 * <p>System properties {@code herald.demo.dueIn} (seconds until the first post, default 3), {@code
 * herald.demo.laterIn} (seconds until the later post, default 25) and {@code herald.demo.maxWait}
 * (the longest phase 2 waits for due jobs, default 15) shorten or lengthen the demo.
 */
public final class JdbcMain {
  private static final String PREFIX = "herald_demo_";

  private JdbcMain() {}

  /**
   * What to run against, and how long to wait.
   *
   * @param url the JDBC URL
   * @param user the user, or null to take it from the URL
   * @param password the password, or null
   * @param dueIn how far out phase 1 schedules the first post
   * @param laterIn how far out phase 1 schedules the post left for a later run
   * @param maxWait how long phase 2 waits, at most, for the jobs due meanwhile
   */
  record Settings(
      String url,
      String user,
      String password,
      Duration dueIn,
      Duration laterIn,
      Duration maxWait) {}

  /**
   * What one run of the demo did.
   *
   * @param leftOver ids of the jobs found pending before phase 1 scheduled anything
   * @param scheduled ids of the jobs phase 1 scheduled (the heartbeat only when it was new)
   * @param ran the runs recorded after the restart
   * @param stillPending ids of the jobs pending at exit
   */
  record Result(
      List<String> leftOver,
      List<String> scheduled,
      List<JobAttempt> ran,
      List<String> stillPending) {}

  public static void main(String[] args) throws InterruptedException {
    String url = args.length > 0 && !args[0].isBlank() ? args[0] : defaultH2Url();
    boolean h2 = url.startsWith("jdbc:h2:");
    String user = args.length > 1 ? args[1] : h2 ? "sa" : null;
    String password = args.length > 2 ? args[2] : h2 ? "" : null;
    run(
        new Settings(
            url,
            user,
            password,
            seconds("herald.demo.dueIn", 3),
            seconds("herald.demo.laterIn", 25),
            seconds("herald.demo.maxWait", 15)),
        System.out);
  }

  /** Runs both phases against {@code settings.url()}, printing to {@code out}. */
  static Result run(Settings settings, PrintStream out) throws InterruptedException {
    String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    out.println(
        "Herald JDBC demo, run "
            + runId
            + ", on "
            + settings.url().replaceAll("password=[^&;]*", "password=…"));

    List<String> leftOver;
    List<String> scheduled = new ArrayList<>();
    try (HikariDataSource pool = pool(settings, "before-restart");
        Scheduler app = scheduler(pool, out, null)) {
      SchedulerClient client = app.client();
      List<JobSnapshot> found = pending(client);
      leftOver = found.stream().map(JobSnapshot::id).toList();
      print(
          out,
          found.isEmpty()
              ? "Left from an earlier run: none"
              : "Left from an earlier run (they run after the restart below):",
          found);

      Instant now = Instant.now();
      for (int i = 1; i <= 3; i++) {
        scheduled.add(
            client
                .schedule(
                    JobRequest.builder("publish")
                        .id("post-" + runId + "-" + i)
                        .payload("post " + i + " of run " + runId)
                        .runAt(now.plus(settings.dueIn()).plusSeconds(i - 1))
                        .build())
                .id());
      }
      scheduled.add(
          client
              .schedule(
                  JobRequest.builder("publish")
                      .id("post-" + runId + "-later")
                      .payload("the later post of run " + runId)
                      .runAt(now.plus(settings.laterIn()))
                      .build())
              .id());
      JobSnapshot heartbeat =
          client.schedule(
              JobRequest.builder("heartbeat")
                  .id("heartbeat")
                  .trigger(Triggers.every(Duration.ofSeconds(2)))
                  .build());
      if (!leftOver.contains(heartbeat.id())) {
        scheduled.add(heartbeat.id());
      }
      print(
          out,
          "Phase 1, before the restart: scheduled these, then stopped before any was due "
              + "(scheduling the heartbeat again returns the existing one):",
          scheduled.stream().map(id -> client.get(id).orElseThrow()).toList());
    }

    List<JobAttempt> ran = new CopyOnWriteArrayList<>();
    List<String> stillPending;
    try (HikariDataSource pool = pool(settings, "after-restart");
        Scheduler app = scheduler(pool, out, ran)) {
      List<JobSnapshot> found = pending(app.client());
      print(
          out,
          "Phase 2, after the restart: a new pool, store and scheduler found these in the "
              + "database:",
          found);
      Instant horizon = Instant.now().plus(settings.maxWait());
      Set<String> dueSoon =
          found.stream()
              .filter(
                  j ->
                      j.type().equals("publish")
                          && j.nextRunAt().filter(next -> !next.isAfter(horizon)).isPresent())
              .map(JobSnapshot::id)
              .collect(Collectors.toSet());
      out.println(
          "Running until the "
              + dueSoon.size()
              + " posts due by then and a heartbeat "
              + "have run (at most "
              + settings.maxWait().toSeconds()
              + " s):");
      app.start();
      while (Instant.now().isBefore(horizon) && !(ranAll(ran, dueSoon) && ranHeartbeat(ran))) {
        Thread.sleep(100);
      }
      stillPending = pending(app.client()).stream().map(JobSnapshot::id).toList();
    }

    out.println("What ran after the restart:");
    out.printf("  %-22s %-10s %-28s %s%n", "job", "type", "fire time", "outcome");
    for (JobAttempt a : ran) {
      out.printf("  %-22s %-10s %-28s %s%n", a.jobId(), a.type(), a.scheduledAt(), a.outcome());
    }
    out.println("Still pending, for the next run of this program: " + stillPending);
    return new Result(leftOver, scheduled, List.copyOf(ran), stillPending);
  }

  private static Scheduler scheduler(HikariDataSource pool, PrintStream out, List<JobAttempt> ran) {
    return Scheduler.builder()
        .store(JdbcJobStore.builder(pool).tablePrefix(PREFIX).build()) // creates the tables
        .register(
            "publish",
            ctx -> out.println("  publish   " + ctx.jobId() + ": " + ctx.payload(String.class)))
        .register(
            "heartbeat", ctx -> out.println("  heartbeat (fire time " + ctx.scheduledAt() + ")"))
        .threads(2)
        .pollInterval(Duration.ofMillis(200))
        .shutdownGrace(Duration.ofSeconds(5))
        .listener(
            new SchedulerListener() {
              @Override
              public void onJobFinished(JobAttempt attempt, JobStatus newStatus) {
                if (ran != null) {
                  ran.add(attempt);
                }
              }
            })
        .build();
  }

  private static HikariDataSource pool(Settings settings, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    if (settings.user() != null) {
      config.setUsername(settings.user());
      config.setPassword(settings.password());
    }
    config.setPoolName("herald-demo-" + name);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private static List<JobSnapshot> pending(SchedulerClient client) {
    return client.list(JobQuery.builder().status(JobStatus.SCHEDULED).limit(50).build()).items();
  }

  private static void print(PrintStream out, String title, List<JobSnapshot> jobs) {
    out.println(title);
    for (JobSnapshot job : jobs) {
      out.printf(
          "  %-22s %-10s %-34s next run %s%n",
          job.id(),
          job.type(),
          job.triggerSpec(),
          job.nextRunAt().map(Instant::toString).orElse("-"));
    }
  }

  private static boolean ranAll(List<JobAttempt> ran, Set<String> ids) {
    return ran.stream().map(JobAttempt::jobId).collect(Collectors.toSet()).containsAll(ids);
  }

  private static boolean ranHeartbeat(List<JobAttempt> ran) {
    return ran.stream().anyMatch(a -> a.type().equals("heartbeat"));
  }

  private static String defaultH2Url() {
    Path dir =
        Files.isDirectory(Path.of("target"))
            ? Path.of("target", "herald-demo")
            : Path.of(System.getProperty("java.io.tmpdir"), "herald-demo");
    // closed with its last connection, so phase 2 really reopens the file; WRITE_DELAY=0: a
    // killed process keeps every commit (H2's default holds the last half second in memory)
    return "jdbc:h2:file:" + dir.resolve("demo").toAbsolutePath() + ";WRITE_DELAY=0";
  }

  private static Duration seconds(String property, int defaultSeconds) {
    return Duration.ofSeconds(Integer.getInteger(property, defaultSeconds));
  }
}
