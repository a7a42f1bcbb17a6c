package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.jdbc.SchemaMode;
import dev.herald.scheduler.spi.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
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

    SchedulerClient client = SchedulerClient.create(store);
    client.schedule(JobRequest.builder("send-digest").id("digest").payload("weekly")
        .trigger("1d").build());

    assertThat(Files.exists(dataDir.resolve("herald.mv.db"))).isTrue();
    assertThat(client.get("digest").orElseThrow().status()).isEqualTo(JobStatus.SCHEDULED);
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
