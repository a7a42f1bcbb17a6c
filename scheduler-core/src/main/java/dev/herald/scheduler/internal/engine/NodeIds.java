package dev.herald.scheduler.internal.engine;

import java.util.concurrent.ThreadLocalRandom;

/** Node ids unique per process start: {@code <host>-<pid>-<random>} (Oban #862: reused ids defeat recovery). */
public final class NodeIds {
  private NodeIds() {}

  /** A new id. */
  public static String generate() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = "node";
    }
    return host + "-" + ProcessHandle.current().pid() + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }
}
