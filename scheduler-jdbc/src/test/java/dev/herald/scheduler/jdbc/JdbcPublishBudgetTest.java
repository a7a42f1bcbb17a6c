package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.PublishBudgetContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link PublishBudgetContract} on every database: budgets are counted in the job store, so
 * they must hold the same on each.
 */
class JdbcPublishBudgetTest {

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends PublishBudgetContract {
    private final ClassTables tables = new ClassTables("budget");

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
