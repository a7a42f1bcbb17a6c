package dev.herald.scheduler.jdbc;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JVM started from a test, running a main class of the test class path with its output (stdout
 * and stderr) kept. It stops when told to: {@link #stop()} closes its standard input.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final StringBuffer output = new StringBuffer();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "child-jvm-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(Class<?> main, String... args) {
    return start(main, entry -> true, args);
  }

  /** A JVM on the entries of this test's class and module path that {@code classPath} accepts. */
  static ChildJvm start(Class<?> main, Predicate<String> classPath, String... args) {
    String entries =
        Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path"))
            .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
            .filter(entry -> !entry.isBlank() && classPath.test(entry))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(entries);
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("starting a JVM for " + main.getName(), e);
    }
  }

  private void readOutput() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        output.append(line).append('\n');
      }
    } catch (IOException e) {
      output.append("[reading the child's output failed: ").append(e).append("]\n");
    }
  }

  /** Waits until the child printed the line {@code line}; fails with its output if it exits. */
  void awaitLine(String line, Duration timeout) {
    await()
        .atMost(timeout)
        .alias("child JVM printing '" + line + "'")
        .until(
            () -> {
              if (!process.isAlive() && !hasLine(line)) {
                throw new AssertionError(
                    "the child JVM exited with "
                        + process.exitValue()
                        + " before printing '"
                        + line
                        + "'; output:\n"
                        + output);
              }
              return hasLine(line);
            });
  }

  private boolean hasLine(String line) {
    return ("\n" + output).contains("\n" + line + "\n");
  }

  /** Asks the child to stop (closes its input) and waits for its exit code. */
  int stop(Duration timeout) throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // it has exited already
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM still running after " + timeout + "; output:\n" + output);
    }
    return process.exitValue();
  }

  String output() {
    return output.toString();
  }

  /** Kills the child if it is still running. */
  @Override
  public void close() {
    process.destroyForcibly();
  }
}
