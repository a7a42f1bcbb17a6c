package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.NewJob;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables dropped by hand after Herald created them (issue 13, B7): with every data table gone,
 * {@link SchemaMode#CREATE} recreates them and the store works; with one gone, the start fails
 * naming it and the remedy, in either schema mode, instead of "relation does not exist" later.
 */
class JdbcDroppedTablesTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void createRecreatesTablesThatWereAllDropped(TestDatabase db) {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("dropall");
    try {
      insertAndClaim(JdbcJobStore.builder(ds).tablePrefix(prefix).build(), "before");
      for (String table : new String[] {"job_history", "job_steps", "jobs", "locks", "tokens",
          "budget_uses", "budgets"}) {
        Sql.update(ds, "DROP TABLE " + prefix + table);
      }

      assertThatThrownBy(() -> JdbcJobStore.builder(ds).tablePrefix(prefix)
              .schemaMode(SchemaMode.VALIDATE).build())
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("Every Herald table with prefix '" + prefix + "' is missing")
          .hasMessageContaining("SchemaMode.CREATE");
      JdbcJobStore recreated = JdbcJobStore.builder(ds).tablePrefix(prefix).build();

      insertAndClaim(recreated, "after");
      assertThat(Sql.column(ds,
              "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
          .as("the history recorded afresh, each version once")
          .containsExactly("0", "1", "2", "3", "4", "5");
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void oneDroppedTableFailsTheStartNamingItAndTheRemedy(TestDatabase db) {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("dropone");
    try {
      insertAndClaim(JdbcJobStore.builder(ds).tablePrefix(prefix).build(), "kept");
      Sql.update(ds, "DROP TABLE " + prefix + "locks");

      for (SchemaMode mode : new SchemaMode[] {SchemaMode.CREATE, SchemaMode.VALIDATE}) {
        assertThatThrownBy(() -> JdbcJobStore.builder(ds).tablePrefix(prefix).schemaMode(mode)
                .build())
            .as("schema mode %s", mode)
            .isInstanceOf(JdbcStoreException.class)
            .hasMessageContaining("Herald table " + prefix + "locks missing")
            .hasMessageContaining("schema mode " + mode)
            .hasMessageContaining("Restore it from a backup")
            .hasMessageContaining("drop " + prefix + "job_history, ");
      }
      assertThat(Sql.count(ds, "SELECT COUNT(*) FROM " + prefix + "jobs"))
          .as("nothing else was touched")
          .isEqualTo(1);
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  private static void insertAndClaim(JobStore store, String id) {
    store.insert(new NewJob(id, "t", null, "once:2026-01-01T00:00:00Z", 0, "coalesce", null,
        store.now(), JobStatus.SCHEDULED));
    assertThat(store.claimDue("n", Set.of("t"), 10, Duration.ofSeconds(5)))
        .extracting(c -> c.job().id())
        .contains(id);
  }
}
