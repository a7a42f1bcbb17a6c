package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.PublishingContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
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
    private final ClassTables tables = new ClassTables("publish");
    private final ClassTables otherTables = new ClassTables("publish-other");

    abstract TestDatabase database();

    @Override
    protected JobStore createStore(ManualClock clock) {
      return tables.freshStore(database(), clock);
    }

    @Override
    protected JobStore createIndependentStore(ManualClock clock) {
      return otherTables.freshStore(database(), clock);
    }

    @AfterAll
    void dropTables() {
      tables.drop();
      otherTables.drop();
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
