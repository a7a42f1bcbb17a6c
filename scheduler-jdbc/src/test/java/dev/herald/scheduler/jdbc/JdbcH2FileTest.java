package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.SchedulerClient;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 files across processes: a file opened shared serves a second process, a file in use says how
 * to share it, and without H2 on the class path the H2 factories say which dependency to add.
 */
class JdbcH2FileTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aSecondProcessOpensAFileSharedWithOtherProcessesWhileTheFirstRunsOnIt() throws Exception {
    Path path = dir.resolve("shared");
    try (ChildJvm child = ChildJvm.start(H2FileHolderMain.class, path.toString(), "shared")) {
      child.awaitLine("READY", PATIENCE);

      try (JdbcJobStore store =
          JdbcJobStore.h2FileBuilder(path).sharedWithOtherProcesses().build()) {
        String id = SchedulerClient.create(store).schedule(JobRequest.now("note")).id();
        child.awaitLine("RAN " + id, PATIENCE);
        await()
            .atMost(PATIENCE)
            .until(() -> store.find(id).orElseThrow().status() == JobStatus.COMPLETED);
        assertThat(store.history(id, 0, 10).items())
            .singleElement()
            .extracting(JobAttempt::outcome)
            .isEqualTo(JobAttempt.Outcome.SUCCEEDED);
      }

      assertThat(child.stop(PATIENCE)).as(child.output()).isZero();
      assertThat(child.output()).contains("CLOSED");
    }
    assertThat(dir).isDirectoryNotContaining("glob:**.trace.db");
  }

  @Test
  void aFileInUseByAnotherProcessIsRefusedWithAMessageThatNamesItAndTheFix() throws Exception {
    Path path = dir.resolve("busy");
    Path file = dir.resolve("busy.mv.db");
    try (ChildJvm child = ChildJvm.start(H2FileHolderMain.class, path.toString(), "exclusive")) {
      child.awaitLine("READY", PATIENCE);

      assertThatThrownBy(() -> JdbcJobStore.h2File(path))
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageStartingWith("the H2 database file " + file + " is in use by another process")
          .hasMessageContaining("Close the other process")
          .hasMessageContaining("JdbcJobStore.h2FileBuilder(path).sharedWithOtherProcesses()")
          .hasMessageNotContaining("migrating");
      assertThatThrownBy(() -> JdbcJobStore.h2FileBuilder(path).sharedWithOtherProcesses().build())
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageStartingWith(
              "the H2 database file "
                  + file
                  + " is in use by another process that did not open"
                  + " it shared");

      JdbcDataSource yours = new JdbcDataSource();
      yours.setURL("jdbc:h2:file:" + path + ";TRACE_LEVEL_FILE=0");
      assertThatThrownBy(() -> JdbcJobStore.builder(yours).build())
          .as("a store on your DataSource")
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("Database may be already in use")
          .hasMessageEndingWith(
              ". The H2 file is in use by another process: close that process, or add"
                  + " ;AUTO_SERVER=TRUE to the H2 URL in every process that opens the file");

      assertThat(child.stop(PATIENCE)).as(child.output()).isZero();
    }
    try (JdbcJobStore store = JdbcJobStore.h2File(path)) {
      assertThat(store.database())
          .as("free once the other process closed it")
          .isEqualTo(Database.H2);
    }
    assertThat(dir).isDirectoryNotContaining("glob:**.trace.db");
  }

  @Test
  void withoutH2OnTheClassPathTheH2FactoriesSayWhichDependencyToAdd() throws Exception {
    try (ChildJvm child =
        ChildJvm.start(
            H2AbsentMain.class, entry -> !entry.contains("h2database"), dir.toString())) {
      assertThat(child.stop(PATIENCE)).as(child.output()).isZero();
      assertThat(child.output())
          .contains("h2File: IllegalStateException: H2 is not on the class path")
          .contains("h2FileBuilder: IllegalStateException: H2 is not on the class path")
          .contains("add com.h2database:h2 (2.2 or later) to your dependencies");
    }
  }
}
