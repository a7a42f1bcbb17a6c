package dev.herald.benchmarks.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Everything a run measured, and its rendering as Markdown tables with the ratios Herald /
 * db-scheduler and Herald / DB limit, and the targets of issue 12.
 *
 * <p>Not threadsafe: filled by one thread, then rendered.
 */
public final class Report {
  // the labels of the throughput package's contenders, which this package does not depend on

  /** The system name of Herald's rows. */
  public static final String HERALD = "Herald";
  /** The system name db-scheduler's lock-and-fetch rows are compared with. */
  public static final String DB_SCHEDULER = "db-scheduler lock-and-fetch";
  /** The system name of the plain SKIP LOCKED loop's rows. */
  public static final String DB_LIMIT = "DB limit (plain SKIP LOCKED loop)";

  private final String plan;
  private final Environment environment;
  private final List<Rows.Throughput> throughput = new ArrayList<>();
  private final List<Rows.Scaling> scaling = new ArrayList<>();
  private final List<Rows.Claim> claims = new ArrayList<>();
  private final List<Rows.Delay> delays = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private double heapBytesPerJob = Double.NaN;
  private Duration wallTime = Duration.ZERO;

  /** An empty report of a run of {@code plan} in {@code environment}. */
  public Report(String plan, Environment environment) {
    this.plan = plan;
    this.environment = environment;
  }

  public void add(Rows.Throughput row) {
    throughput.add(row);
  }

  public void add(Rows.Scaling row) {
    scaling.add(row);
  }

  public void add(Rows.Claim row) {
    claims.add(row);
  }

  public void add(Rows.Delay row) {
    delays.add(row);
  }

  /** A remark printed under the tables: a skipped part and why. */
  public void note(String note) {
    notes.add(note);
  }

  public void heapBytesPerJob(double bytes) {
    this.heapBytesPerJob = bytes;
  }

  public void wallTime(Duration wallTime) {
    this.wallTime = wallTime;
  }

  public List<Rows.Throughput> throughput() {
    return List.copyOf(throughput);
  }

  public List<Rows.Claim> claims() {
    return List.copyOf(claims);
  }

  public List<Rows.Delay> delays() {
    return List.copyOf(delays);
  }

  public double heapBytesPerJob() {
    return heapBytesPerJob;
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** The first row of the main table matching {@code filter}. */
  Optional<Rows.Throughput> find(Predicate<Rows.Throughput> filter) {
    return throughput.stream().filter(filter).findFirst();
  }

  /** The median of the matching row of {@code system}, on {@code store} with {@code nodes}. */
  Optional<Double> rate(String system, String store, int nodes) {
    return find(r -> r.system().equals(system) && r.store().equals(store) && r.nodes() == nodes)
        .map(Rows.Throughput::median);
  }

  /** The report as Markdown: the run, the tables, the targets, the notes. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("Run: ").append(environment.date()).append(", plan `").append(plan)
        .append("`, wall time ").append(wallTime.toSeconds()).append(" s.\n\n");
    md.append("| Machine | JDK | Herald | db-scheduler | Databases |\n|---|---|---|---|---|\n");
    md.append("| ").append(environment.cores()).append(" cores, ").append(environment.memory())
        .append(", ").append(environment.cpu()).append(" | ").append(environment.jdk())
        .append(" | ").append(environment.herald()).append(" | ")
        .append(environment.dbScheduler()).append(" | ")
        .append(String.join("; ", environment.databases().values())).append(" |\n\n");
    throughputTable(md);
    scalingTable(md);
    claimTable(md);
    delayTable(md);
    md.append("#### Heap\n\n");
    md.append(String.format("In-memory store: %.0f bytes per scheduled job, %.1f MB per 100,000"
        + " jobs (used heap after GC, before and after inserting them).%n%n", heapBytesPerJob,
        heapBytesPerJob * 100_000 / 1e6));
    md.append(new Targets(this).markdown());
    if (!notes.isEmpty()) {
      md.append("#### Notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    return md.toString();
  }

  private void throughputTable(StringBuilder md) {
    md.append("#### Throughput\n\n");
    md.append("Executions per second, median of the trials (each trial listed); transactions"
        + " and statements per execution from the server's counters.\n\n");
    md.append("| System | Store | Nodes | Jobs | Exec/s | Trials | Tx/exec | Stmts/exec"
        + " | Herald ÷ db-scheduler | Herald ÷ DB limit |\n");
    md.append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|\n");
    for (Rows.Throughput r : throughput) {
      md.append(String.format("| %s | %s | %d | %,d | %,.0f | %s | %s | %s | %s | %s |%n",
          r.system(), r.store(), r.nodes(), r.jobs(), r.median(), trials(r),
          decimal(r.transactionsPerExecution()), decimal(r.statementsPerExecution()),
          ratio(r, DB_SCHEDULER, r.nodes()), ratio(r, DB_LIMIT, 1)));
    }
    md.append('\n');
  }

  private String ratio(Rows.Throughput r, String other, int otherNodes) {
    if (!r.system().equals(HERALD)) {
      return "";
    }
    return rate(other, r.store(), otherNodes)
        .map(o -> String.format("%.2f×", r.median() / o)).orElse("");
  }

  private void scalingTable(StringBuilder md) {
    md.append("#### Backlog scaling\n\n");
    md.append("Herald, one node: executions per second over the same number of executions,"
        + " from a backlog of that size and from a backlog ten times larger.\n\n");
    md.append("| Store | Backlog | Timed | Exec/s | Trials |\n|---|---:|---:|---:|---|\n");
    for (Rows.Scaling row : scaling) {
      for (Rows.Throughput r : List.of(row.plain(), row.large())) {
        md.append(String.format("| %s | %,d | %,d | %,.0f | %s |%n", r.store(), r.jobs(),
            r.timed(), r.median(), trials(r)));
      }
    }
    md.append('\n');
  }

  public List<Rows.Scaling> scaling() {
    return List.copyOf(scaling);
  }

  private void claimTable(StringBuilder md) {
    md.append("#### Claim latency\n\n");
    md.append("One `JobStore.claimDue` of 10 jobs, median, with the given number of jobs"
        + " pending in the table (due tomorrow, or due now).\n\n");
    TreeSet<Long> future = new TreeSet<>();
    TreeSet<Long> due = new TreeSet<>();
    claims.forEach(c -> (c.due() ? due : future).add(c.pending()));
    md.append("| Store |");
    future.forEach(l -> md.append(String.format(" %,d future |", l)));
    due.forEach(l -> md.append(String.format(" %,d due |", l)));
    md.append("\n|---|").append("---:|".repeat(future.size() + due.size())).append('\n');
    claims.stream().map(Rows.Claim::store).distinct().forEach(store -> {
      md.append("| ").append(store).append(" |");
      future.forEach(l -> md.append(' ').append(claim(store, false, l)).append(" |"));
      due.forEach(l -> md.append(' ').append(claim(store, true, l)).append(" |"));
      md.append('\n');
    });
    md.append('\n');
  }

  /** The median claim on {@code store} with {@code pending} jobs, formatted, or "–". */
  String claim(String store, boolean due, long pending) {
    return claimMillis(store, due, pending).map(ms -> String.format("%.2f ms", ms)).orElse("–");
  }

  Optional<Double> claimMillis(String store, boolean due, long pending) {
    return claims.stream()
        .filter(c -> c.store().equals(store) && c.due() == due && c.pending() == pending)
        .findFirst().map(c -> c.median().toNanos() / 1e6);
  }

  private void delayTable(StringBuilder md) {
    md.append("#### Start delay\n\n");
    md.append("From a job's scheduled time to the start of its body, one node, jobs scheduled"
        + " through the node's client.\n\n");
    md.append("| Store | Stream | Jobs | p50 | p99 | max |\n|---|---|---:|---:|---:|---:|\n");
    for (Rows.Delay d : delays) {
      md.append(String.format("| %s | %s | %,d | %.1f ms | %.1f ms | %.1f ms |%n", d.store(),
          d.stream(), d.millis().count(), d.millis().median(), d.millis().percentile(99),
          d.millis().max()));
    }
    md.append('\n');
  }

  private static String trials(Rows.Throughput r) {
    List<String> trials = new ArrayList<>();
    for (int i = 0; i < r.trials().size(); i++) {
      trials.add(String.format("%,.0f", r.trials().get(i)) + (r.finished().get(i) ? "" : "*"));
    }
    return String.join(", ", trials);
  }

  private static String decimal(OptionalDouble value) {
    return value.isPresent() ? String.format("%.3f", value.getAsDouble()) : "–";
  }
}
