package dev.herald.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.examples.ClusterMain.Result;
import dev.herald.examples.ClusterMain.Settings;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.trigger.Triggers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the cluster demo against the local PostgreSQL, in tables of its own. Like scheduler-jdbc's
 * database tests, it is skipped when PostgreSQL is unreachable, and fails then under {@code
 * CI=true}. (That convention lives in scheduler-jdbc's test-jar, which this module cannot depend
 * on: see the note in its pom.)
 */
class ClusterMainTest {
  private static final String PREFIX = "herald_cluster_test_";

  @BeforeEach
  void requirePostgresql() {
    try (Connection c =
        DriverManager.getConnection(ClusterMain.DEFAULT_URL + "&connectTimeout=5")) {
      assertThat(c.isValid(5)).isTrue();
    } catch (SQLException e) {
      String message =
          "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is not reachable: "
              + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(
            message + ". Under CI=true the cluster example must run: start the server.");
      }
      Assumptions.abort(
          message
              + ". Skipping; start the server (see README, 'Set up') to run this test. Under"
              + " CI=true this is a failure.");
    }
  }

  @Test
  void twoNodesRunEveryPostAndEveryFireTimeExactlyOnceAndBothTakePart() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Result result =
        run(new Settings(ClusterMain.DEFAULT_URL, PREFIX, 20, 3, Duration.ofSeconds(30)), bytes);
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(result.history())
        .filteredOn(a -> !a.jobId().equals(result.tick()))
        .as("one history row per post: none ran twice, none was left out")
        .extracting(JobAttempt::jobId)
        .containsExactlyInAnyOrderElementsOf(result.posts());
    assertThat(result.history())
        .filteredOn(a -> a.jobId().equals(result.tick()))
        .hasSizeGreaterThanOrEqualTo(3)
        .extracting(JobAttempt::scheduledAt)
        .as("each fire time of the recurring job ran on one node only")
        .doesNotHaveDuplicates();
    assertThat(result.history())
        .extracting(JobAttempt::outcome)
        .containsOnly(JobAttempt.Outcome.SUCCEEDED);
    assertThat(result.runsPerNode())
        .as("20 posts due at once are shared by both nodes")
        .containsOnlyKeys("node-a", "node-b");
    assertThat(printed)
        .contains("What ran, from the database's history")
        .contains("Runs per node:")
        .containsPattern("node-a +\\d+ runs \\(posts +\\d+, ticks \\d+\\)")
        .containsPattern("node-b +\\d+ runs \\(posts +\\d+, ticks \\d+\\)")
        .contains("Every one of the 20 posts ran exactly once.")
        .containsPattern(
            "Every one of the \\d+ fire times of " + result.tick() + " ran exactly once.");
  }

  @Test
  void theJobsOfAnUnfinishedEarlierRunAreCancelledNotRun() throws Exception {
    String leftover = "killed-run-" + UUID.randomUUID() + "-tick";
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl(ClusterMain.DEFAULT_URL);
      SchedulerClient earlier =
          SchedulerClient.create(JdbcJobStore.builder(pool).tablePrefix(PREFIX).build());
      earlier.schedule(
          JobRequest.builder("tick")
              .id(leftover)
              .trigger(Triggers.every(Duration.ofSeconds(1)))
              .build());

      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Result result =
          run(new Settings(ClusterMain.DEFAULT_URL, PREFIX, 2, 1, Duration.ofSeconds(30)), bytes);

      assertThat(result.cancelledLeftovers()).contains(leftover);
      assertThat(earlier.get(leftover).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(earlier.history(leftover, 0, 10).items()).isEmpty();
      assertThat(result.history()).extracting(JobAttempt::jobId).doesNotContain(leftover);
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .containsPattern("Cancelled \\d+ jobs of an unfinished earlier run.");
    }
  }

  private static Result run(Settings settings, ByteArrayOutputStream bytes) throws Exception {
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      return ClusterMain.run(settings, out);
    }
  }
}
