package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.spi.NewJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three schedulers starting at once on an empty database migrate exactly once (reliability plan,
 * row 18; pg-boss's multi-master test): each builds its store on its own pool and starts, released
 * together by a barrier, several rounds; a {@link JdbcLock} built afterwards finds the schema
 * ready.
 */
class JdbcMigrationTest {
  private static final int NODES = 3;
  private static final int ROUNDS = 3;

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void threeNodesStartingAtOnceOnAnEmptyDatabaseMigrateExactlyOnce(TestDatabase db)
      throws Exception {
    DataSource check = db.dataSource();
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService starters = Executors.newFixedThreadPool(NODES);
    try {
      for (int i = 0; i < NODES; i++) {
        pools.add(db.newPool(2));
      }
      for (int round = 1; round <= ROUNDS; round++) {
        String prefix = TestDatabase.uniquePrefix("migrate");
        try {
          CyclicBarrier together = new CyclicBarrier(NODES);
          List<Future<Scheduler>> started = new ArrayList<>();
          for (int i = 0; i < NODES; i++) {
            DataSource pool = pools.get(i);
            String node = "node-" + i;
            started.add(
                starters.submit(
                    () -> {
                      together.await(30, TimeUnit.SECONDS);
                      return Scheduler.builder()
                          .store(JdbcJobStore.builder(pool).tablePrefix(prefix).build())
                          .nodeId(node)
                          .register("t", ctx -> {})
                          .build()
                          .start();
                    }));
          }
          for (Future<Scheduler> f : started) {
            f.get(2, TimeUnit.MINUTES).close(); // rethrows a node's failure
          }
          JdbcJobStore.builder(check).tablePrefix(prefix).build().lock(); // shares the migrations

          assertThat(
                  Sql.column(
                      check,
                      "SELECT version FROM " + prefix + "schema_version " + "ORDER BY version"))
              .as("round %d: each version recorded once", round)
              .containsExactly("0", "1", "2", "3", "4", "5");
          JdbcJobStore store =
              JdbcJobStore.builder(check)
                  .tablePrefix(prefix)
                  .schemaMode(SchemaMode.VALIDATE)
                  .build();
          store.insert(
              new NewJob(
                  "j",
                  "t",
                  null,
                  "once:2026-01-01T00:00:00Z",
                  0,
                  "coalesce",
                  null,
                  store.now(),
                  JobStatus.SCHEDULED));
          assertThat(store.claimDue("n", Set.of("t"), 1, Duration.ofSeconds(5))).hasSize(1);
        } finally {
          db.dropTables(check, prefix);
        }
      }
    } finally {
      starters.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }
  }
}
