package dev.herald.benchmarks;

import dev.herald.benchmarks.report.Page;
import dev.herald.benchmarks.report.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs the benchmarks of issue 12 in one process and prints the report; the full run also writes
 * it into {@code docs/benchmarks.md}, between the page's markers.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am compile -Pbenchmark                          # full, ~10 min
 * mvn -B -q -pl benchmarks -am compile -Pbenchmark -Dbenchmark.mode=smoke    # seconds
 * </pre>
 *
 * <p>Arguments: {@code full} (default) or {@code smoke}, and {@code --out <page.md>}, the page
 * the report goes to (the smoke run writes it only when {@code --out} is given).
 * PostgreSQL and MariaDB are the local servers of the README's set-up; one that is unreachable is
 * skipped with a note, unless {@code CI=true}.
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Plan plan = Plan.full();
    Path page = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "full" -> plan = Plan.full();
        case "smoke" -> plan = Plan.smoke();
        case "--out" -> page = Path.of(args[++i]);
        default -> throw new IllegalArgumentException(
            "unknown argument " + args[i] + "; use full or smoke, and --out <page.md>");
      }
    }
    if (plan.name().equals("smoke") && page != null && page.endsWith(Path.of("docs",
        "benchmarks.md"))) {
      page = null; // a smoke run's numbers never replace the full run's
    }
    Report report = run(plan, System.out);
    System.out.println();
    System.out.println(report.markdown());
    if (page != null) {
      Page.write(page, report.markdown());
      System.out.println("Written to " + page.toAbsolutePath().normalize());
    }
  }

  /** Runs {@code plan}, printing progress to {@code out}; H2 files go to a temporary folder. */
  public static Report run(Plan plan, PrintStream out) throws InterruptedException, IOException {
    Path workDir = Files.createTempDirectory("herald-benchmarks");
    try {
      boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
      return new Suite(plan, workDir, out, ci).run();
    } finally {
      try (Stream<Path> files = Files.walk(workDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
