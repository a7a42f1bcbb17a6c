package dev.herald.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.trigger.Triggers;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Two scheduler nodes sharing one PostgreSQL database. Each node has its own connection pool, job
 * store and node name, as two instances of an application would; here they are two {@link
 * Scheduler}s in one JVM. A batch of one-time posts, all due at the same instant, and a recurring
 * job are scheduled once; both nodes run until every post has run and the recurring job has fired a
 * few times. The table printed at the end is read back from the database's history: which node ran
 * what, and that every post and every fire time ran exactly once.
 *
 * <pre>
 * mvn -B -q -pl examples -am compile -Prun -Dexample=ClusterMain
 * mvn -B -q -pl examples -am compile -Prun -Dexample=ClusterMain \
 *     -Dexample.args='jdbc:postgresql://db.example:5432/app?user=app&amp;password=secret'
 * </pre>
 *
 * <p>The tables are prefixed {@value #PREFIX} and created at the first start. Jobs of a run that
 * was killed before it finished are cancelled at the next start, so they do not mix into its table.
 */
public final class ClusterMain {
  /** The local PostgreSQL of the README's set-up. */
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  static final String PREFIX = "herald_cluster_";

  private static final List<String> NODES = List.of("node-a", "node-b");

  private ClusterMain() {}

  /**
   * What to run against, and how much.
   *
   * @param url the JDBC URL, with user and password if the database needs them
   * @param tablePrefix the prefix of Herald's tables
   * @param posts how many one-time jobs to schedule
   * @param ticks how many fire times of the recurring job to wait for
   * @param maxWait how long to wait, at most, for all of them
   */
  record Settings(String url, String tablePrefix, int posts, int ticks, Duration maxWait) {}

  /**
   * What one run did, as the database's history records it.
   *
   * @param posts the ids of the one-time jobs, in the order they were scheduled
   * @param tick the id of the recurring job
   * @param history every history row of these jobs, oldest first
   * @param cancelledLeftovers ids of the jobs of an earlier run that this run cancelled
   */
  record Result(
      List<String> posts, String tick, List<JobAttempt> history, List<String> cancelledLeftovers) {

    /** The number of history rows per node. */
    Map<String, Long> runsPerNode() {
      return history.stream()
          .collect(Collectors.groupingBy(JobAttempt::node, TreeMap::new, Collectors.counting()));
    }
  }

  public static void main(String[] args) throws InterruptedException {
    String url = args.length > 0 && !args[0].isBlank() ? args[0] : DEFAULT_URL;
    run(new Settings(url, PREFIX, 20, 4, Duration.ofSeconds(30)), System.out);
  }

  /** Runs both nodes against {@code settings.url()}, printing to {@code out}. */
  static Result run(Settings settings, PrintStream out) throws InterruptedException {
    String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    out.println(
        "Herald cluster demo, run "
            + runId
            + ": nodes "
            + String.join(" and ", NODES)
            + " on "
            + settings.url().replaceAll("password=[^&;]*", "password=…"));

    List<String> posts = new ArrayList<>();
    for (int i = 1; i <= settings.posts(); i++) {
      posts.add(String.format("%s-post-%02d", runId, i));
    }
    String tick = runId + "-tick";
    // counted down by whichever node runs the job: the nodes share nothing but the database
    CountDownLatch postsDone = new CountDownLatch(settings.posts());
    CountDownLatch ticksDone = new CountDownLatch(settings.ticks());
    SchedulerListener progress =
        new SchedulerListener() {
          @Override
          public void onJobFinished(JobAttempt attempt, JobStatus newStatus) {
            if (attempt.outcome() == JobAttempt.Outcome.SUCCEEDED) {
              if (attempt.jobId().equals(tick)) {
                ticksDone.countDown();
              } else if (posts.contains(attempt.jobId())) {
                postsDone.countDown();
              }
            }
          }
        };

    List<HikariDataSource> pools = new ArrayList<>();
    List<Scheduler> nodes = new ArrayList<>();
    try {
      for (String node : NODES) {
        HikariDataSource pool = pool(settings.url(), node);
        pools.add(pool);
        nodes.add(node(node, pool, settings.tablePrefix(), progress));
      }
      SchedulerClient client = nodes.get(0).client();
      List<String> leftovers = cancelLeftovers(client);
      if (!leftovers.isEmpty()) {
        out.println("Cancelled " + leftovers.size() + " jobs of an unfinished earlier run.");
      }

      Instant due = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
      for (int i = 0; i < posts.size(); i++) {
        client.schedule(
            JobRequest.builder("post")
                .id(posts.get(i))
                .payload("post " + (i + 1) + " of run " + runId)
                .runAt(due)
                .build());
      }
      client.schedule(
          JobRequest.builder("tick")
              .id(tick)
              .trigger(Triggers.every(Duration.ofSeconds(1)))
              .build());
      out.println(
          "Scheduled "
              + posts.size()
              + " one-time posts, all due at "
              + due
              + ", and "
              + tick
              + " every second; both nodes run until every post has run and "
              + settings.ticks()
              + " ticks have fired.");

      nodes.forEach(Scheduler::start);
      Instant deadline = Instant.now().plus(settings.maxWait());
      boolean finished =
          postsDone.await(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS)
              && ticksDone.await(
                  Math.max(0, Duration.between(Instant.now(), deadline).toMillis()),
                  TimeUnit.MILLISECONDS);
      client.cancel(tick);
      if (!finished) {
        out.println("Stopped waiting after " + settings.maxWait().toSeconds() + " s.");
      }
      nodes.forEach(Scheduler::close);

      List<JobAttempt> history = new ArrayList<>();
      for (String id : posts) {
        history.addAll(all(offset -> client.history(id, offset, 100)));
      }
      history.addAll(all(offset -> client.history(tick, offset, 100)));
      history.sort(Comparator.comparing(JobAttempt::finishedAt));
      Result result = new Result(List.copyOf(posts), tick, List.copyOf(history), leftovers);
      print(out, result);
      return result;
    } finally {
      nodes.forEach(Scheduler::close);
      pools.forEach(HikariDataSource::close);
    }
  }

  private static Scheduler node(
      String name, HikariDataSource pool, String prefix, SchedulerListener progress) {
    return Scheduler.builder()
        .nodeId(name)
        .store(JdbcJobStore.builder(pool).tablePrefix(prefix).build()) // creates the tables once
        .register(
            "post",
            ctx -> Thread.sleep(ThreadLocalRandom.current().nextLong(50, 150))) // "publishing"
        .register("tick", ctx -> {})
        .threads(2)
        .pollInterval(Duration.ofMillis(200))
        .shutdownGrace(Duration.ofSeconds(5))
        .listener(progress)
        .build();
  }

  private static HikariDataSource pool(String url, String node) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("herald-cluster-" + node);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  /**
   * Cancels the pending jobs of an earlier run that was killed: its recurring job would otherwise
   * keep firing in every later run. The tables under this demo's prefix hold only its own jobs.
   */
  private static List<String> cancelLeftovers(SchedulerClient client) {
    List<String> ids = new ArrayList<>();
    for (JobSnapshot job :
        all(
            offset ->
                client.list(
                    JobQuery.builder()
                        .status(JobStatus.SCHEDULED, JobStatus.PAUSED)
                        .offset(offset)
                        .build()))) {
      client.cancel(job.id());
      ids.add(job.id());
    }
    return ids;
  }

  /** Every item of a paged listing; {@code page} returns the page starting at an offset. */
  private static <T> List<T> all(IntFunction<Page<T>> page) {
    List<T> items = new ArrayList<>();
    Page<T> current = page.apply(0);
    items.addAll(current.items());
    while (current.hasMore()) {
      current = page.apply(current.nextOffset());
      items.addAll(current.items());
    }
    return items;
  }

  private static void print(PrintStream out, Result result) {
    out.println("What ran, from the database's history (oldest first):");
    out.printf("  %-14s %-30s %-8s %s%n", "job", "fire time", "node", "outcome");
    for (JobAttempt a : result.history()) {
      out.printf("  %-14s %-30s %-8s %s%n", a.jobId(), a.scheduledAt(), a.node(), a.outcome());
    }

    out.println("Runs per node:");
    Map<String, List<JobAttempt>> byNode =
        result.history().stream()
            .collect(Collectors.groupingBy(JobAttempt::node, TreeMap::new, Collectors.toList()));
    for (String node : NODES) {
      List<JobAttempt> runs = byNode.getOrDefault(node, List.of());
      long ticks = runs.stream().filter(a -> a.jobId().equals(result.tick())).count();
      out.printf(
          "  %-8s %2d runs (posts %2d, ticks %d)%n", node, runs.size(), runs.size() - ticks, ticks);
    }

    Map<String, Long> runsPerPost =
        result.history().stream()
            .filter(a -> !a.jobId().equals(result.tick()))
            .collect(Collectors.groupingBy(JobAttempt::jobId, Collectors.counting()));
    List<String> notOnce =
        result.posts().stream().filter(id -> runsPerPost.getOrDefault(id, 0L) != 1).toList();
    out.println(
        notOnce.isEmpty()
            ? "Every one of the " + result.posts().size() + " posts ran exactly once."
            : "Posts that did not run exactly once: " + notOnce);

    List<Instant> fireTimes =
        result.history().stream()
            .filter(a -> a.jobId().equals(result.tick()))
            .map(JobAttempt::scheduledAt)
            .toList();
    Set<Instant> distinct = Set.copyOf(fireTimes);
    out.println(
        distinct.size() == fireTimes.size()
            ? "Every one of the "
                + fireTimes.size()
                + " fire times of "
                + result.tick()
                + " ran exactly once."
            : "Fire times of "
                + result.tick()
                + " that ran more than once: "
                + fireTimes.stream()
                    .filter(t -> fireTimes.indexOf(t) != fireTimes.lastIndexOf(t))
                    .distinct()
                    .toList());
  }
}
