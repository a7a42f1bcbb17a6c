package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.PublishProgressContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link PublishProgressContract} on every database: what an adapter records mid-publish is stored
 * with the intent's step value, and read back by a later run.
 */
class JdbcPublishProgressTest {

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends PublishProgressContract {
    private final ClassTables tables = new ClassTables("progress");

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
