package dev.herald.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.examples.JdbcMain.Result;
import dev.herald.examples.JdbcMain.Settings;
import dev.herald.scheduler.JobAttempt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcMainTest {

  @Test
  void jobsScheduledBeforeTheRestartRunAfterItAndTheNextRunPicksUpWhatWasLeft(@TempDir Path dir)
      throws Exception {
    // the later post (12 s) is beyond the first run's wait (8 s) but within the second run's
    Settings settings =
        new Settings(
            "jdbc:h2:file:" + dir.resolve("demo"),
            "sa",
            "",
            Duration.ofSeconds(2),
            Duration.ofSeconds(12),
            Duration.ofSeconds(8));

    ByteArrayOutputStream first = new ByteArrayOutputStream();
    Result one = run(settings, first);
    String printed = first.toString(StandardCharsets.UTF_8);
    String later = one.scheduled().get(3);

    assertThat(one.leftOver()).isEmpty();
    assertThat(one.scheduled()).hasSize(5).contains("heartbeat").last().isEqualTo("heartbeat");
    assertThat(ids(one.ran()))
        .containsAll(one.scheduled().subList(0, 3))
        .contains("heartbeat")
        .doesNotContain(later);
    assertThat(one.ran())
        .extracting(JobAttempt::outcome)
        .containsOnly(JobAttempt.Outcome.SUCCEEDED);
    assertThat(one.stillPending()).containsExactlyInAnyOrder(later, "heartbeat");
    assertThat(printed)
        .contains("Left from an earlier run: none")
        .contains("Phase 1, before the restart: scheduled these")
        .contains("Phase 2, after the restart: a new pool, store and scheduler found these")
        .contains("publish   " + one.scheduled().get(0) + ": post 1 of run")
        .contains("What ran after the restart:")
        .contains("Still pending, for the next run of this program: ");

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    Result two = run(settings, second);

    assertThat(two.leftOver())
        .as("what the first run left")
        .containsExactlyInAnyOrder(later, "heartbeat");
    assertThat(two.scheduled())
        .as("the heartbeat exists already: scheduled once, not twice")
        .hasSize(4)
        .doesNotContain("heartbeat");
    assertThat(ids(two.ran()))
        .contains(later)
        .containsAll(two.scheduled().subList(0, 3))
        .contains("heartbeat");
    assertThat(second.toString(StandardCharsets.UTF_8))
        .contains("Left from an earlier run (they run after the restart below):")
        .contains("publish   " + later + ": the later post of run");
  }

  private static Result run(Settings settings, ByteArrayOutputStream bytes) throws Exception {
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      return JdbcMain.run(settings, out);
    }
  }

  private static List<String> ids(List<JobAttempt> attempts) {
    return attempts.stream().map(JobAttempt::jobId).toList();
  }
}
