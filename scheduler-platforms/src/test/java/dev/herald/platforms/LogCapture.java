package dev.herald.platforms;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the adapters log. The tests log through slf4j-simple, which writes to whatever
 * {@code System.err} is at the time of each call (see the surefire configuration in the pom, which
 * also turns DEBUG on for the adapters), so swapping {@code System.err} captures every line.
 */
public final class LogCapture {
  private LogCapture() {}

  /** Runs {@code action} and returns everything written to {@code System.err} meanwhile. */
  public static String captureStderr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
