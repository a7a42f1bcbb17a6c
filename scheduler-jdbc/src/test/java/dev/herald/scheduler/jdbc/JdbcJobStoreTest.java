package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.JobStoreContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
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
    private final ClassTables tables = new ClassTables("store");

    abstract TestDatabase database();

    @Override
    protected JobStore createStore(ManualClock clock) {
      return tables.freshStore(database(), clock);
    }

    @AfterAll
    void dropTables() {
      tables.drop();
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
