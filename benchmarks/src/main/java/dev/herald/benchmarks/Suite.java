package dev.herald.benchmarks;

import dev.herald.benchmarks.db.Counters;
import dev.herald.benchmarks.db.Db;
import dev.herald.benchmarks.herald.ClaimLatency;
import dev.herald.benchmarks.herald.HeapPerJob;
import dev.herald.benchmarks.herald.StartDelay;
import dev.herald.benchmarks.report.Environment;
import dev.herald.benchmarks.report.Report;
import dev.herald.benchmarks.report.Rows;
import dev.herald.benchmarks.report.Samples;
import dev.herald.benchmarks.throughput.Contender;
import dev.herald.benchmarks.throughput.Trial;
import dev.herald.benchmarks.throughput.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToLongFunction;

/**
 * Runs every measurement of a {@link Plan} and collects them in a {@link Report}: the throughput
 * workloads (each trial runs every workload once, so that trials interleave), then claim latency,
 * start delay and heap.
 */
final class Suite {
  private final Plan plan;
  private final Path workDir;
  private final PrintStream out;
  private final boolean ci;
  private final Instant start = Instant.now();

  /**
   * A suite of {@code plan}, keeping H2 files in {@code workDir} and printing progress to {@code
   * out}; with {@code ci}, an unreachable PostgreSQL or MariaDB is an error, else it is skipped.
   */
  Suite(Plan plan, Path workDir, PrintStream out, boolean ci) {
    this.plan = plan;
    this.workDir = workDir;
    this.out = out;
    this.ci = ci;
  }

  Report run() throws InterruptedException {
    List<String> skipped = new ArrayList<>();
    List<Db> servers = new ArrayList<>();
    for (Db server : List.of(Db.POSTGRESQL, Db.MARIADB)) {
      server.unreachable().ifPresentOrElse(skipped::add, () -> servers.add(server));
    }
    if (ci && !skipped.isEmpty()) {
      throw new IllegalStateException(String.join("; ", skipped)
          + ". Under CI=true the benchmarks need both servers: start them.");
    }
    Report report = new Report(plan.name(), Environment.current(versions(servers)));
    skipped.forEach(s -> {
      out.println("Skipping: " + s);
      report.note("Skipped: " + s + ".");
    });
    List<Db> stores = new ArrayList<>();
    stores.add(null); // in memory
    stores.add(Db.H2);
    stores.addAll(servers);

    throughput(report, stores, servers);
    claimLatency(report, stores);
    startDelay(report, stores);
    out.println("Heap per job, in memory…");
    report.heapBytesPerJob(HeapPerJob.bytesPerJob(plan.heapJobs()));
    report.wallTime(Duration.between(start, Instant.now()));
    return report;
  }

  private void throughput(Report report, List<Db> stores, List<Db> servers)
      throws InterruptedException {
    Duration box = plan.timeBox();
    List<Workload> main = new ArrayList<>();
    for (Db db : stores) {
      for (int nodes : plan.nodeCounts()) {
        main.add(Workload.of(Contender.HERALD, db, nodes, plan.jobsOn(db), box));
      }
    }
    for (Db db : servers) {
      for (int nodes : plan.nodeCounts()) {
        main.add(Workload.of(Contender.DB_SCHEDULER_LOCK_AND_FETCH, db, nodes, plan.jobsOn(db),
            box));
      }
      main.add(Workload.of(Contender.DB_SCHEDULER_FETCH_AND_LOCK, db, 1, plan.jobsOn(db), box));
      main.add(Workload.of(Contender.DB_LIMIT, db, 1, plan.jobsOn(db), box));
    }
    Map<Workload, Workload> scaling = new LinkedHashMap<>(); // plain backlog -> 10 times larger
    for (Db db : stores) {
      if (plan.scalingOnServers() || !servers.contains(db)) {
        long jobs = plan.scalingJobs();
        scaling.put(Workload.of(Contender.HERALD, db, 1, jobs, box),
            new Workload(Contender.HERALD, db, 1, 10 * jobs, jobs, box));
      }
    }
    List<Workload> all = new ArrayList<>(main);
    scaling.forEach((plain, large) -> {
      if (!all.contains(plain)) {
        all.add(plain);
      }
      all.add(large);
    });
    Map<Workload, List<Trial.Result>> results = new LinkedHashMap<>();
    Trial trial = new Trial(workDir);
    for (int t = 1; t <= plan.trials(); t++) {
      for (Workload workload : all) {
        out.printf("Trial %d/%d: %s… ", t, plan.trials(), workload.label());
        long began = System.nanoTime();
        Trial.Result result = trial.run(workload);
        out.printf("%,.0f exec/s%s [%.1f s with set-up]%n", result.executionsPerSecond(),
            result.finished() ? "" : " (time box ended first)", (System.nanoTime() - began) / 1e9);
        results.computeIfAbsent(workload, w -> new ArrayList<>()).add(result);
      }
    }
    main.forEach(w -> report.add(row(w, results.get(w))));
    scaling.forEach((plain, large) -> report.add(new Rows.Scaling(plain.store(),
        row(plain, results.get(plain)), row(large, results.get(large)))));
    if (main.stream().anyMatch(w -> w.db() == Db.POSTGRESQL && results.get(w).stream()
        .anyMatch(r -> r.cost().isPresent() && r.cost().get().statements().isEmpty()))) {
      report.note("PostgreSQL statements per execution are not counted: the pg_stat_statements"
          + " extension is not installed on the server (it needs shared_preload_libraries and"
          + " CREATE EXTENSION pg_stat_statements).");
    }
    results.values().stream().flatMap(List::stream).filter(r -> !r.finished()).findAny()
        .ifPresent(r -> report.note("Some trials were cut by the time box of " + box.toSeconds()
            + " s (marked * in the trials): their rate is over the executions within it."));
  }

  private static Rows.Throughput row(Workload w, List<Trial.Result> trials) {
    return new Rows.Throughput(w.contender().label(), w.store(), w.nodes(), w.jobs(), w.timed(),
        trials.stream().map(Trial.Result::executionsPerSecond).toList(),
        trials.stream().map(Trial.Result::finished).toList(),
        perExecution(w, trials, Counters::transactions),
        perExecution(w, trials, c -> c.explicitCommits().orElse(-1)),
        perExecution(w, trials, c -> c.statements().orElse(-1)));
  }

  /** The median over the trials of a counter per execution; empty if not counted. */
  private static OptionalDouble perExecution(Workload w, List<Trial.Result> trials,
      ToLongFunction<Counters> counter) {
    double[] values = trials.stream()
        .filter(t -> t.cost().isPresent() && counter.applyAsLong(t.cost().get()) >= 0)
        .mapToDouble(t -> (double) counter.applyAsLong(t.cost().get()) / t.executions())
        .toArray();
    return values.length == 0 ? OptionalDouble.empty()
        : OptionalDouble.of(Samples.of(values).median());
  }

  private void claimLatency(Report report, List<Db> stores) {
    ClaimLatency probe = new ClaimLatency(workDir, plan.claimSamples(), plan.claimTimeBox());
    for (Db db : stores) {
      String store = db == null ? "in memory" : db.label();
      out.printf("Claim latency, %s… [at %d s]%n", store,
          Duration.between(start, Instant.now()).toSeconds());
      probe.withFuture(db, plan.claimFutureLevels().get(store))
          .forEach((level, median) -> report.add(new Rows.Claim(store, false, level, median)));
      probe.withDue(db, plan.claimDueLevels())
          .forEach((level, median) -> report.add(new Rows.Claim(store, true, level, median)));
    }
  }

  private void startDelay(Report report, List<Db> stores) throws InterruptedException {
    StartDelay probe = new StartDelay(workDir);
    int rate = plan.delayPerSecond();
    Duration min = plan.delayAhead().get(0);
    Duration max = plan.delayAhead().get(1);
    for (Db db : stores) {
      String store = db == null ? "in memory" : db.label();
      out.printf("Start delay, %s… [at %d s]%n", store,
          Duration.between(start, Instant.now()).toSeconds());
      report.add(new Rows.Delay(store, "due now, " + rate / 2 + "/s",
          probe.measure(db, plan.delayJobs() / 2, rate / 2, Duration.ZERO, Duration.ZERO)));
      report.add(new Rows.Delay(store, String.format("due %d–%d ms ahead, %d/s", min.toMillis(),
          max.toMillis(), rate), probe.measure(db, plan.delayJobs(), rate, min, max)));
    }
  }

  private static Map<String, String> versions(List<Db> servers) {
    Map<String, String> versions = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:")) {
      versions.put(Db.H2.label(), Db.H2.version(c));
      for (Db server : servers) {
        try (Connection s = DriverManager.getConnection(server.url())) {
          versions.put(server.label(), server.version(s));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the database versions failed", e);
    }
    return versions;
  }
}
