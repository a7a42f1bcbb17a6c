package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.PublicationEventsContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link PublicationEventsContract}, unchanged, on every database: events are jobs stored with
 * the state change they report, so they must behave the same on each store.
 */
class JdbcPublicationEventsTest {

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends PublicationEventsContract {
    private final ClassTables tables = new ClassTables("events");

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
