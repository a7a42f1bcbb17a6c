package dev.herald.scheduler.jdbc;

import java.time.InstantSource;
import javax.sql.DataSource;

/**
 * Herald's tables for one test class on one database: one prefix for the class, emptied for each
 * test, dropped after all of them. Used by the classes that run a core contract suite per database.
 */
final class ClassTables {
  private final String prefix;
  private TestDatabase database;
  private DataSource dataSource;

  ClassTables(String hint) {
    this.prefix = TestDatabase.uniquePrefix(hint);
  }

  /**
   * A store over this class's tables on {@code db}, judged by {@code clock}, with the tables
   * migrated and emptied.
   */
  JdbcJobStore freshStore(TestDatabase db, InstantSource clock) {
    database = db;
    dataSource = db.dataSource();
    JdbcJobStore store = store(clock);
    db.deleteRows(dataSource, prefix);
    return store;
  }

  /** Another store over the same tables (a second node). */
  JdbcJobStore store(InstantSource clock) {
    return JdbcJobStore.builder(dataSource).tablePrefix(prefix).clock(clock).build();
  }

  /** Drops the tables, if a test created them. */
  void drop() {
    if (dataSource != null) {
      database.dropTables(dataSource, prefix);
    }
  }
}
