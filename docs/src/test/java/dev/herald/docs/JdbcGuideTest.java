package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.jdbc.SchemaMode;
import dev.herald.scheduler.retry.RetryPolicy;
import dev.herald.scheduler.spi.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of docs/jdbc.md. */
class JdbcGuideTest {

  @Test
  void anH2FileStoreIsCreatedAndKeepsTheJobs(@TempDir Path dataDir) {
    // tag::h2-file[]
    // no database of your own: an H2 file (H2 adds .mv.db), created if missing, closed with the store
    JobStore store = JdbcJobStore.h2File(dataDir.resolve("herald"));   // e.g. Path.of("data")
    // end::h2-file[]

    try (store) {
      SchedulerClient client = SchedulerClient.create(store);
      client.schedule(JobRequest.builder("send-digest").id("digest").payload("weekly")
          .trigger("1d").build());

      assertThat(Files.exists(dataDir.resolve("herald.mv.db"))).isTrue();
      assertThat(client.get("digest").orElseThrow().status()).isEqualTo(JobStatus.SCHEDULED);
    }
  }

  @Test
  void anAdministeringApplicationClosesTheStoreItOpened(@TempDir Path dataDir) {
    Path data = dataDir.resolve("data");
    // a scheduler leaves a FAILED job behind in the file, and closes it
    try (Scheduler scheduler = Scheduler.builder()
        .store(JdbcJobStore.h2File(data.resolve("herald")))
        .register("send-digest", ctx -> {
          throw new IllegalStateException("no subscribers");
        }, JobOptions.builder().retryPolicy(RetryPolicy.none()).build())
        .pollInterval(Duration.ofMillis(50))
        .build()
        .start()) {
      scheduler.client().schedule(JobRequest.builder("send-digest").id("digest").build());
      await().atMost(Duration.ofSeconds(30)).until(
          () -> scheduler.client().get("digest").orElseThrow().status() == JobStatus.FAILED);
    }

    retryFailedJobs(data);

    try (JdbcJobStore store = JdbcJobStore.h2File(data.resolve("herald"))) {
      assertThat(SchedulerClient.create(store).get("digest").orElseThrow().status())
          .isEqualTo(JobStatus.SCHEDULED);
    }
  }

  /** The guide's administering application, on the H2 file under {@code data}. */
  static void retryFailedJobs(Path data) {
    // tag::close-client-store[]
    // an application that only administers: it opened the store, so it closes it
    try (JdbcJobStore store = JdbcJobStore.h2File(data.resolve("herald"))) {
      SchedulerClient client = SchedulerClient.create(store);
      client.list(JobQuery.builder().status(JobStatus.FAILED).build()).items()
          .forEach(job -> client.retry(job.id()));
    }
    // end::close-client-store[]
  }

  @Test
  void twoStoresShareAnH2FileOpenedForOtherProcesses(@TempDir Path dataDir) {
    Path data = dataDir.resolve("data");
    // tag::shared-file[]
    JdbcJobStore store = JdbcJobStore.h2FileBuilder(data.resolve("herald"))
        .sharedWithOtherProcesses()   // H2's AUTO_SERVER mode
        .build();
    // end::shared-file[]
    try (store) {
      SchedulerClient.create(store).schedule(JobRequest.builder("newsletter").id("newsletter")
          .trigger("1d").build());

      pauseNewsletter(data);

      assertThat(SchedulerClient.create(store).get("newsletter").orElseThrow().status())
          .isEqualTo(JobStatus.PAUSED);
    }
  }

  /** docs/administration.md's admin tool, sharing the H2 file under {@code data}. */
  static void pauseNewsletter(Path data) {
    // tag::admin-shared-file[]
    try (JdbcJobStore store = JdbcJobStore.h2FileBuilder(data.resolve("herald"))
        .sharedWithOtherProcesses().build()) {
      SchedulerClient client = SchedulerClient.create(store);
      client.pause("newsletter");
    }
    // end::admin-shared-file[]
  }

  /**
   * The guide's PostgreSQL or MariaDB set-up. Compiled, not run: it needs a database server named
   * {@code db} (the JDBC tests of scheduler-jdbc run the same builder on the local servers).
   */
  static Scheduler pooledStoreScheduler(String secret) {
    // tag::pooled[]
    // PostgreSQL or MariaDB: any pooled DataSource
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://db:5432/app?socketTimeout=30");
    // or "jdbc:mariadb://db:3306/app?socketTimeout=30000"
    config.setUsername("app");
    config.setPassword(secret);
    config.setMaximumPoolSize(8);
    JobStore store = JdbcJobStore.builder(new HikariDataSource(config))
        .tablePrefix("herald_")            // the default
        .schemaMode(SchemaMode.CREATE)     // the default: create or migrate the tables at build
        .build();

    Scheduler scheduler = Scheduler.builder().store(store).build();
    // end::pooled[]
    return scheduler;
  }
}
