package dev.herald.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The targets of issue 12, judged against a {@link Report}: met, missed (with the measurements
 * that show where the time goes), or not measured in this run.
 */
final class Targets {
  private static final String PG = "PostgreSQL";
  private static final String MARIADB = "MariaDB";
  private static final String H2 = "H2 file";
  private static final String MEMORY = "in memory";

  /** One target: what it asks, what was measured, whether it is met, and the evidence. */
  record Verdict(String target, String measured, Optional<Boolean> met, String evidence) {}

  private final Report report;

  Targets(Report report) {
    this.report = report;
  }

  List<Verdict> verdicts() {
    List<Verdict> verdicts = new ArrayList<>();
    for (int nodes : new int[] {1, 2}) {
      verdicts.add(versusDbScheduler(PG, nodes, 3));
      verdicts.add(versusDbScheduler(MARIADB, nodes, 2));
    }
    for (String store : List.of(PG, MARIADB)) {
      for (int nodes : new int[] {1, 2}) {
        verdicts.add(transactions(store, nodes));
      }
    }
    Optional<Double> memory = report.rate(Report.HERALD, MEMORY, 1);
    verdicts.add(new Verdict("In memory ≥ 200,000 exec/s (one node)",
        memory.map(r -> String.format("%,.0f exec/s", r)).orElse("–"),
        memory.map(r -> r >= 200_000), dueClaims(MEMORY)));
    Optional<Double> h2 = report.rate(Report.HERALD, H2, 1);
    Optional<Double> dbsPg = report.rate(Report.DB_SCHEDULER, PG, 1);
    verdicts.add(new Verdict("H2 file ≥ db-scheduler lock-and-fetch on PostgreSQL (one node)",
        h2.flatMap(a -> dbsPg.map(b -> String.format("%,.0f vs %,.0f exec/s", a, b)))
            .orElse("–"),
        h2.flatMap(a -> dbsPg.map(b -> a >= b)), dueClaims(H2)));
    for (String store : List.of(MEMORY, H2, PG, MARIADB)) {
      verdicts.add(claimFlat(store));
    }
    for (String store : List.of(MEMORY, H2, PG, MARIADB)) {
      verdicts.add(scaling(store));
    }
    for (Rows.Delay d : report.delays()) {
      if (d.stream().startsWith("due now")) {
        double p99 = d.millis().percentile(99);
        verdicts.add(new Verdict("Due-now p99 ≤ 50 ms, " + d.store(),
            String.format("p99 %.1f ms", p99), Optional.of(p99 <= 50),
            String.format("p50 %.1f ms, max %.1f ms", d.millis().median(), d.millis().max())));
      }
    }
    return verdicts;
  }

  private Verdict versusDbScheduler(String store, int nodes, double factor) {
    String target = String.format("%s ≥ %.0f× db-scheduler lock-and-fetch, %d node%s", store,
        factor, nodes, nodes == 1 ? "" : "s");
    Optional<Double> herald = report.rate(Report.HERALD, store, nodes);
    Optional<Double> dbs = report.rate(Report.DB_SCHEDULER, store, nodes);
    if (herald.isEmpty() || dbs.isEmpty()) {
      return new Verdict(target, "–", Optional.empty(), "");
    }
    double ratio = herald.get() / dbs.get();
    return new Verdict(target, String.format("%.2f× (%,.0f vs %,.0f exec/s)", ratio,
        herald.get(), dbs.get()), Optional.of(ratio >= factor), limitEvidence(store, nodes));
  }

  private String limitEvidence(String store, int nodes) {
    Optional<Double> herald = report.rate(Report.HERALD, store, nodes);
    Optional<Double> limit = report.rate(Report.DB_LIMIT, store, 1);
    StringBuilder evidence = new StringBuilder();
    if (herald.isPresent() && limit.isPresent()) {
      evidence.append(String.format("DB limit %,.0f exec/s: Herald at %.0f%% of it",
          limit.get(), 100 * herald.get() / limit.get()));
    }
    report.find(r -> r.system().equals(Report.HERALD) && r.store().equals(store)
            && r.nodes() == nodes)
        .map(Rows.Throughput::transactionsPerExecution)
        .filter(OptionalDouble::isPresent)
        .ifPresent(tx -> evidence.append(String.format("; Herald %.3f tx/exec", tx.getAsDouble())));
    return evidence.toString();
  }

  private Verdict transactions(String store, int nodes) {
    String target = String.format("< 0.2 transactions per execution, %s, %d node%s", store,
        nodes, nodes == 1 ? "" : "s");
    Optional<Rows.Throughput> row = report.find(r -> r.system().equals(Report.HERALD)
        && r.store().equals(store) && r.nodes() == nodes);
    if (row.isEmpty() || row.get().transactionsPerExecution().isEmpty()) {
      return new Verdict(target, "–", Optional.empty(), "");
    }
    double tx = row.get().transactionsPerExecution().getAsDouble();
    String evidence = row.get().statementsPerExecution().isPresent()
        ? String.format("%.3f statements/exec", row.get().statementsPerExecution().getAsDouble())
        : "";
    if (row.get().commitsPerExecution().isPresent()) {
      evidence += String.format("; %.3f explicit COMMITs/exec",
          row.get().commitsPerExecution().getAsDouble());
    }
    return new Verdict(target, String.format("%.3f tx/exec", tx), Optional.of(tx < 0.2),
        evidence);
  }

  private Verdict claimFlat(String store) {
    String target = "Claim with the most future jobs ≤ 1.5× claim with the fewest, " + store;
    List<Rows.Claim> levels = report.claims().stream()
        .filter(c -> c.store().equals(store) && !c.due()).toList();
    if (levels.size() < 2) {
      return new Verdict(target, "–", Optional.empty(), "");
    }
    Rows.Claim fewest = levels.get(0);
    Rows.Claim most = levels.get(levels.size() - 1);
    double ratio = (double) most.median().toNanos() / fewest.median().toNanos();
    return new Verdict(target, String.format("%.2f× (%,d: %.2f ms; %,d: %.2f ms)", ratio,
            most.pending(), most.median().toNanos() / 1e6, fewest.pending(),
            fewest.median().toNanos() / 1e6),
        Optional.of(ratio <= 1.5), dueClaims(store));
  }

  private Verdict scaling(String store) {
    String target = "Throughput from a 10× backlog within 20% of the plain backlog, " + store;
    Optional<Rows.Scaling> row = report.scaling().stream()
        .filter(r -> r.store().equals(store)).findFirst();
    if (row.isEmpty()) {
      return new Verdict(target, "–", Optional.empty(), "");
    }
    Rows.Throughput small = row.get().plain();
    Rows.Throughput large = row.get().large();
    double ratio = large.median() / small.median();
    return new Verdict(target, String.format("%.2f× (%,d due: %,.0f; %,d due: %,.0f exec/s)",
            ratio, large.jobs(), large.median(), small.jobs(), small.median()),
        Optional.of(ratio >= 0.8), dueClaims(store));
  }

  /** "one claim with 1,000 due: 1.86 ms; with 100,000 due: 843.32 ms", from the claim table. */
  private String dueClaims(String store) {
    List<String> parts = report.claims().stream()
        .filter(c -> c.store().equals(store) && c.due())
        .map(c -> String.format("%,d due: %.2f ms", c.pending(), c.median().toNanos() / 1e6))
        .toList();
    return parts.isEmpty() ? "" : "one claim of 10 with " + String.join("; with ", parts);
  }

  String markdown() {
    StringBuilder md = new StringBuilder("#### Targets of issue 12\n\n");
    md.append("| Target | Measured | Status | Where the time goes (when missed) |\n");
    md.append("|---|---|---|---|\n");
    for (Verdict v : verdicts()) {
      String status = v.met().map(met -> met ? "met" : "**missed**").orElse("not measured");
      md.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ")
          .append(status).append(" | ")
          .append(v.met().orElse(true) ? "" : v.evidence()).append(" |\n");
    }
    return md.append('\n').toString();
  }
}
