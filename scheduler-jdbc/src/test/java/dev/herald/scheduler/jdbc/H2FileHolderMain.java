package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for {@code JdbcH2FileTest}: opens the H2 file {@code args[0]}, shared with other
 * processes when {@code args[1]} is {@code shared}, runs a scheduler on it whose job type {@code
 * note} prints {@code RAN <id>}, prints {@code READY}, and closes the scheduler (and so the store)
 * when its standard input ends, printing {@code CLOSED}.
 */
public final class H2FileHolderMain {
  private H2FileHolderMain() {}

  public static void main(String[] args) throws IOException {
    JdbcJobStore.Builder builder = JdbcJobStore.h2FileBuilder(Path.of(args[0]));
    if (args[1].equals("shared")) {
      builder.sharedWithOtherProcesses();
    }
    try (Scheduler scheduler =
        Scheduler.builder()
            .store(builder.build())
            .register("note", ctx -> System.out.println("RAN " + ctx.jobId()))
            .pollInterval(Duration.ofMillis(100))
            .shutdownGrace(Duration.ofSeconds(5))
            .build()
            .start()) {
      System.out.println("READY");
      while (System.in.read() != -1) {
        // until the test closes our input
      }
    }
    System.out.println("CLOSED");
  }
}
