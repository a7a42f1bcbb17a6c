package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.JobStoreContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link JobStoreContract} from scheduler-core, unchanged, against {@link JdbcJobStore} on H2
 * (memory and file), PostgreSQL and MariaDB. The store's clock is the contract's manual clock.
 */
class JdbcJobStoreTest {

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends JobStoreContract {
    private final String prefix = TestDatabase.uniquePrefix("store");
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
  class OnH2Memory extends OnDatabase {
    @Override
    TestDatabase database() {
      return TestDatabase.H2_MEM;
    }
  }

  @Nested
  class OnH2File extends OnDatabase {
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
