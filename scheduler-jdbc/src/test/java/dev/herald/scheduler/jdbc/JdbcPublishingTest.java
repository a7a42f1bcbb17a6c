package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.PublishingContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The publish protocol's {@link PublishingContract}, unchanged, on every database: publishing keeps
 * all its state in the job store, so the same code must behave the same on each.
 */
class JdbcPublishingTest {

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends PublishingContract {
    private final String prefix = TestDatabase.uniquePrefix("publish");
    private DataSource dataSource;

    abstract TestDatabase database();

    @Override
    protected JobStore createStore(ManualClock clock) {
      dataSource = database().dataSource();
      JdbcJobStore store =
          JdbcJobStore.builder(dataSource).tablePrefix(prefix).clock(clock).build();
      database().deleteRows(dataSource, prefix);
      return store;
    }

    @AfterAll
    void dropTables() {
      if (dataSource != null) {
        database().dropTables(dataSource, prefix);
      }
    }
  }

  @Nested
  class OnH2 extends OnDatabase {
    @Override
    TestDatabase database() {
      return TestDatabase.H2_FILE;
    }
  }

  @Nested
  class OnPostgresql extends OnDatabase {
    @Override
    TestDatabase database() {
      return TestDatabase.POSTGRESQL;
    }
  }

  @Nested
  class OnMariadb extends OnDatabase {
    @Override
    TestDatabase database() {
      return TestDatabase.MARIADB;
    }
  }
}
