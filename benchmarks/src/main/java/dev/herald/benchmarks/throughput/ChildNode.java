package dev.herald.benchmarks.throughput;

import dev.herald.benchmarks.contender.Engine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A node in a JVM of its own ({@link NodeMain}), started on this JVM's class path as
 * integration-tests' child-JVM tests start theirs. Its count of job bodies run is read from the
 * lines it prints; its errors go to this JVM's standard error.
 *
 * <p>This class is threadsafe.
 */
final class ChildNode implements Engine {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final String name;
  private final Process process;
  private final Writer commands;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile long executed;
  private volatile boolean exited;

  private ChildNode(String name, Process process) {
    this.name = name;
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::read, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a JVM running a node of {@code contender}, and waits until it is connected. */
  static ChildNode start(Contender contender, String jdbcUrl, String tables, String name) {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        "-cp", System.getProperty("java.class.path"),
        NodeMain.class.getName(), contender.name(), jdbcUrl, tables, name);
    try {
      ChildNode node = new ChildNode(name,
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
      node.await(node.ready, "READY");
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("starting the JVM of node " + name + " failed", e);
    }
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("RAN ")) {
          executed = Long.parseLong(line.substring(4));
        } else if (line.equals("READY")) {
          ready.countDown();
        } else if (line.equals("CLOSED")) {
          closed.countDown();
        } else {
          System.err.println("[" + name + "] " + line);
        }
      }
    } catch (IOException e) {
      System.err.println("[" + name + "] reading the output failed: " + e);
    } finally {
      exited = true; // no more output: whoever waits for a line will not get it
      ready.countDown();
      closed.countDown();
    }
  }

  private void send(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("sending " + command + " to node " + name + " failed", e);
    }
  }

  private void await(CountDownLatch latch, String what) {
    try {
      if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("node " + name + " did not print " + what + " within "
            + TIMEOUT + (process.isAlive() ? "" : "; it exited with " + process.exitValue()));
      }
      if (exited && process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() != 0) {
        throw new IllegalStateException("node " + name + " exited with " + process.exitValue()
            + " before printing " + what + " (its errors are above)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted waiting for node " + name, e);
    }
  }

  @Override
  public void go() {
    send("GO");
  }

  @Override
  public long executed() {
    return executed;
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    send("STOP");
    await(closed, "CLOSED");
    try {
      process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroyForcibly();
    }
  }
}
