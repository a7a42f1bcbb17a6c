package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who closes what: a store on an H2 file opened the database and closes it (with the scheduler
 * built on it); a store on your DataSource leaves it open.
 */
class JdbcCloseTest {
  @TempDir Path dir;

  @Test
  void afterTheSchedulerClosesItsH2FileIsReleasedAndAnotherStoreOpensItAtOnce() throws Exception {
    Path path = dir.resolve("herald");
    JdbcJobStore store = JdbcJobStore.h2File(path);
    String id = runOneJob(store);

    try (FileChannel channel =
            FileChannel.open(
                dir.resolve("herald.mv.db"), StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      assertThat(lock).as("a lock on the file: nothing in this JVM holds it").isNotNull();
    }
    try (JdbcJobStore reopened = JdbcJobStore.h2File(path)) {
      assertThat(reopened.find(id))
          .get()
          .extracting(JobSnapshot::status)
          .isEqualTo(JobStatus.COMPLETED);
    }
    assertThat(dir).isDirectoryNotContaining("glob:**.trace.db");
  }

  @Test
  void aClosedH2StoreAndItsLockRefuseCallsNamingTheStoreAndClosingTwiceIsHarmless() {
    JdbcJobStore store = JdbcJobStore.h2FileBuilder(dir.resolve("herald.mv.db")).build();
    JdbcLock lock = store.lock();
    String name = "JdbcJobStore[H2 file " + dir.resolve("herald.mv.db") + ", tables herald_*]";
    assertThat(store).hasToString(name);

    store.close();
    store.close();

    assertThatThrownBy(() -> store.find("post-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            name
                + " is closed (it closed the database it had opened): cannot find job"
                + " post-1. Build a new store to open the database again.");
    assertThatThrownBy(() -> lock.tryAcquire("report", Duration.ofSeconds(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(name + " is closed")
        .hasMessageContaining("cannot acquire lock 'report'");
    assertThat(dir.resolve("herald.mv.db")).as("a path ending in .mv.db is taken as is").exists();
  }

  @Test
  void anH2FileStoreWhoseBuildFailsClosesTheFileAgain() throws Exception {
    Path path = dir.resolve("herald");
    assertThatThrownBy(
            () -> JdbcJobStore.h2FileBuilder(path).schemaMode(SchemaMode.VALIDATE).build())
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("not found on H2");

    try (FileChannel channel =
            FileChannel.open(
                dir.resolve("herald.mv.db"), StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      assertThat(lock).isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aStoreOnYourDataSourceLeavesItOpenAndStaysUsableWhenTheSchedulerCloses(TestDatabase db)
      throws Exception {
    db.dataSource(); // skips the test if the database is unreachable
    String prefix = TestDatabase.uniquePrefix("close");
    try (HikariDataSource pool = db.newPool(3)) {
      JdbcJobStore store = JdbcJobStore.builder(pool).tablePrefix(prefix).build();
      String id = runOneJob(store);
      store.close(); // a second time: the scheduler closed it

      assertThat(pool.isClosed()).isFalse();
      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(5)).isTrue();
      }
      assertThat(store.find(id))
          .as("the store opened nothing, so closing it changed nothing")
          .get()
          .extracting(JobSnapshot::status)
          .isEqualTo(JobStatus.COMPLETED);
    } finally {
      db.dropTables(db.dataSource(), prefix);
    }
  }

  /** Runs one job on a scheduler built with {@code store}, then closes the scheduler. */
  private static String runOneJob(JdbcJobStore store) throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    try (Scheduler scheduler =
        Scheduler.builder().store(store).register("note", ctx -> ran.countDown()).build().start()) {
      String id = scheduler.client().schedule(JobRequest.now("note")).id();
      assertThat(ran.await(20, TimeUnit.SECONDS)).as("the job ran").isTrue();
      return id;
    }
  }
}
