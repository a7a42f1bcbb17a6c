package dev.herald.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and on what a run happened: date, machine, JDK, library and database versions.
 *
 * @param date when the run started
 * @param cores the processors available to the JVM
 * @param memory the machine's RAM, from {@code /proc/meminfo} ("unknown" elsewhere)
 * @param cpu the processor model, from {@code /proc/cpuinfo}
 * @param jdk the JDK running the benchmarks
 * @param herald Herald's version
 * @param dbScheduler db-scheduler's version
 * @param databases each database's version, by name
 */
public record Environment(Instant date, int cores, String memory, String cpu, String jdk,
    String herald, String dbScheduler, Map<String, String> databases) {

  /** This machine and JVM now, with the given database versions. */
  public static Environment current(Map<String, String> databases) {
    Properties versions = new Properties();
    try (InputStream in = Environment.class.getResourceAsStream(
        "/dev/herald/benchmarks/versions.properties")) {
      if (in != null) {
        versions.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading versions.properties failed", e);
    }
    return new Environment(
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(),
        procField("/proc/meminfo", "MemTotal").map(Environment::gib).orElse("unknown"),
        procField("/proc/cpuinfo", "model name").orElse("unknown"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        versions.getProperty("herald", "unknown"),
        versions.getProperty("db-scheduler", "unknown"),
        new LinkedHashMap<>(databases));
  }

  private static Optional<String> procField(String file, String field) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(line -> line.startsWith(field))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String gib(String memTotal) {
    long kib = Long.parseLong(memTotal.replaceAll("[^0-9]", ""));
    return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
  }
}
