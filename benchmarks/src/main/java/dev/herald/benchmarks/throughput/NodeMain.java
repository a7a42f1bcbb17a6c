package dev.herald.benchmarks.throughput;

import dev.herald.benchmarks.contender.Engine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The main class of a node's JVM, started by {@link ChildNode}: {@code NodeMain <contender>
 * <jdbcUrl> <tables> <nodeName>}. It builds the node and prints {@code READY}; at {@code GO} on
 * its standard input it starts working and prints {@code RAN <count>} whenever its count of job
 * bodies run changes (every {@value #REPORT_MILLIS} ms at most); at {@code STOP} it closes the
 * node (which lets started work finish), prints the final count and {@code CLOSED}, and exits.
 */
public final class NodeMain {
  static final long REPORT_MILLIS = 10;

  private NodeMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: NodeMain <contender> <jdbcUrl> <tables> <nodeName>, was " + args.length + " args");
    }
    PrintStream out = System.out;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Engine engine = Contender.valueOf(args[0]).node(args[1], args[2], args[3]);
    Thread reporter = new Thread(() -> report(engine, out), "reporter");
    try {
      out.println("READY");
      out.flush();
      expect(in, "GO");
      engine.go();
      reporter.setDaemon(true);
      reporter.start();
      expect(in, "STOP");
    } finally {
      engine.close();
      reporter.interrupt();
      reporter.join();
    }
    out.println("RAN " + engine.executed());
    out.println("CLOSED");
    out.flush();
  }

  private static void report(Engine engine, PrintStream out) {
    long reported = -1;
    while (true) {
      long executed = engine.executed();
      if (executed != reported) {
        out.println("RAN " + executed);
        out.flush();
        reported = executed;
      }
      try {
        Thread.sleep(REPORT_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void expect(BufferedReader in, String command) throws IOException {
    String line = in.readLine();
    if (!command.equals(line)) {
      throw new IllegalStateException("expected " + command + " from the parent, got " + line);
    }
  }
}
