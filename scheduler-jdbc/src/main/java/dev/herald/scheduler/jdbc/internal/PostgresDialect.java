package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.Database;
import java.sql.SQLException;

/** PostgreSQL 12+: {@code timestamptz}, bound in UTC (see {@link ZonedTimestampDialect}). */
final class PostgresDialect extends ZonedTimestampDialect {

  @Override
  public Database database() {
    return Database.POSTGRESQL;
  }

  @Override
  public String migrationsDirectory() {
    return "postgresql";
  }

  @Override
  public String currentTime() {
    return "clock_timestamp()";
  }

  @Override
  public String instantParameter() {
    return "CAST(? AS TIMESTAMPTZ)";
  }

  @Override
  public String limit(String select) {
    return select + " LIMIT ?";
  }

  @Override
  public String readCommittedForOneTransaction() {
    return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
  }

  @Override
  public String createSchemaVersionTable(String table) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (version INT PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMPTZ NOT NULL)";
  }

  @Override
  public boolean isLockTimeout(SQLException e) {
    return "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }
}
