package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.benchmarks.db.Db;
import dev.herald.benchmarks.report.Page;
import dev.herald.benchmarks.report.Report;
import dev.herald.benchmarks.report.Rows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole harness with the smoke plan (tiny counts, one trial), so that it cannot rot: every
 * measurement must produce a number and the report must have every row. No timing is asserted.
 * PostgreSQL and MariaDB parts are skipped with a note when the servers are unreachable, except
 * under {@code CI=true}, where that fails the run.
 */
class SmokeTest {

  @Test
  void everyMeasurementProducesAPositiveNumberAndTheReportHasEveryRow() throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Report report = BenchmarkMain.run(Plan.smoke(),
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    List<String> stores = new ArrayList<>(List.of("in memory", Db.H2.label()));
    for (Db server : List.of(Db.POSTGRESQL, Db.MARIADB)) {
      if (server.unreachable().isEmpty()) {
        stores.add(server.label());
      } else {
        assertThat(report.notes()).anyMatch(n -> n.contains(server.label()));
      }
    }
    List<String> expected = new ArrayList<>();
    for (String store : stores) {
      expected.add("Herald|" + store);
      if (store.equals(Db.POSTGRESQL.label()) || store.equals(Db.MARIADB.label())) {
        expected.add("db-scheduler lock-and-fetch|" + store);
        expected.add("db-scheduler fetch-and-lock-on-execute|" + store);
        expected.add(Report.DB_LIMIT + "|" + store);
      }
    }
    assertThat(report.throughput())
        .extracting(r -> r.system() + "|" + r.store())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(report.throughput()).allSatisfy(r -> assertThat(r.median()).isPositive());
    assertThat(report.throughput())
        .filteredOn(r -> r.store().equals(Db.POSTGRESQL.label())
            || r.store().equals(Db.MARIADB.label()))
        .allSatisfy(r -> assertThat(r.transactionsPerExecution().orElse(0)).isPositive());

    assertThat(report.scaling()).extracting(Rows.Scaling::store)
        .containsExactly("in memory", Db.H2.label());
    assertThat(report.scaling()).allSatisfy(s -> {
      assertThat(s.plain().median()).isPositive();
      assertThat(s.large().median()).isPositive();
    });

    for (String store : stores) {
      assertThat(report.claims()).filteredOn(c -> c.store().equals(store))
          .extracting(c -> (c.due() ? "due " : "future ") + c.pending())
          .containsExactly("future 100", "future 1000", "due 100", "due 1000");
      assertThat(report.delays()).filteredOn(d -> d.store().equals(store)).hasSize(2);
    }
    assertThat(report.claims()).allSatisfy(c -> assertThat(c.median()).isPositive());
    assertThat(report.delays()).allSatisfy(d -> assertThat(d.millis().count()).isPositive());
    assertThat(report.heapBytesPerJob()).isPositive();

    Path page = Path.of("target", "benchmarks-smoke.md");
    Files.deleteIfExists(page);
    Page.write(page, report.markdown());
    String markdown = Files.readString(page);
    assertThat(markdown).contains(Page.START, Page.END, "#### Throughput", "#### Backlog scaling",
        "#### Claim latency", "#### Start delay", "#### Heap", "#### Targets of issue 12");
    try (Stream<String> lines = markdown.lines()) {
      assertThat(lines.filter(l -> l.startsWith("| Herald |"))).hasSize(stores.size());
    }
  }
}
