package dev.herald.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartMainTest {

  @Test
  void demoRunsTheCronIntervalAndOneTimeJobsAndPrintsThem() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<JobAttempt> ran;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ran = QuickstartMain.run(Duration.ofSeconds(4), out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(ran).extracting(JobAttempt::type)
        .contains("heartbeat", "sync-feed", "publish");
    assertThat(ran).extracting(JobAttempt::outcome).containsOnly(JobAttempt.Outcome.SUCCEEDED);
    assertThat(ran).filteredOn(a -> a.type().equals("publish")).hasSize(1);
    assertThat(printed)
        .contains("Scheduled jobs:")
        .contains("cron:*/2 * * * * *@Europe/Berlin")
        .contains("Hello from Herald!")
        .contains("What ran:");
  }
}
