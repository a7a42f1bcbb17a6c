package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.contract.LockContract;
import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The {@link LockContract} from scheduler-core, against {@link JdbcLock} on every database. */
class JdbcLockTest {

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends LockContract {
    private final ManualClock clock = ManualClock.at("2026-03-29T00:00:00.123456Z");
    private final ClassTables tables = new ClassTables("lock");

    abstract TestDatabase database();

    @Override
    protected Lock newLock() {
      return tables.freshStore(database(), clock).lock();
    }

    @Override
    protected Lock sameStoreLock() {
      return tables.store(clock).lock(); // a second node: another lock over the same tables
    }

    @Override
    protected void elapse(Duration duration) {
      clock.advance(duration);
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
