package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.PostListingContract;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * Listing posts, the {@link PostListingContract}, on every database: the listing is built on the
 * job listing (id prefixes with percent-encoded characters, statuses, next-run windows), so it must
 * find the same posts in the same order on each.
 */
class JdbcPostListingTest {

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends PostListingContract {
    private final ClassTables tables = new ClassTables("postlist");

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
