package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What differs between databases: capability flags, SQL fragments and type hooks. Everything else
 * is portable SQL. Implementations are stateless and threadsafe.
 */
public interface SqlDialect {

  /** Which database. */
  Database database();

  /** The directory of this dialect's migration scripts under {@code migrations/}. */
  String migrationsDirectory();

  /** An expression for the database's current time, as {@link #getInstant} reads it. */
  String currentTime();

  /** A query returning the database's current time as one row, one column. */
  default String currentTimeQuery() {
    return "SELECT " + currentTime();
  }

  /** A parameter typed as this dialect stores instants (so that SQL NULL may be bound). */
  String instantParameter();

  /** Binds {@code instant} (or SQL NULL) so that every database stores the same instant. */
  void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

  /** Reads an instant stored by {@link #setInstant}; null for SQL NULL. */
  Instant getInstant(ResultSet rs, String column) throws SQLException;

  /** Reads an instant from the first column (for {@link #currentTimeQuery()}). */
  Instant getInstant(ResultSet rs, int column) throws SQLException;

  /**
   * {@code select} limited to {@code ?} rows (one more parameter, bound last) and locked with
   * {@code FOR UPDATE SKIP LOCKED}. The lock clause follows the limit (H2 and MariaDB require it;
   * PostgreSQL accepts it).
   */
  default String limitForUpdateSkipLocked(String select) {
    return limit(select) + " FOR UPDATE SKIP LOCKED";
  }

  /**
   * A statement that runs the next (or, on PostgreSQL, the current, not yet begun) transaction at
   * READ COMMITTED without changing the session's level, so that nothing needs restoring; null if
   * the database has none (JDBC then sets and restores the level).
   */
  default String readCommittedForOneTransaction() {
    return null;
  }

  /** {@code select} limited to {@code ?} rows (one more parameter, bound last). */
  String limit(String select);

  /** {@code select} paged with {@code ?} rows after skipping {@code ?} (limit, then offset). */
  String limitOffset(String select);

  /** {@code CREATE TABLE IF NOT EXISTS} for the schema-version table. */
  String createSchemaVersionTable(String table);

  /** Whether {@code e} is a unique-constraint violation. */
  boolean isUniqueViolation(SQLException e);

  /** Whether {@code e} is a lock-wait timeout (worth waiting again). */
  boolean isLockTimeout(SQLException e);
}
