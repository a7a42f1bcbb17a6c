package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.Database;
import java.sql.SQLException;

/**
 * H2 2.2+ ({@code FOR UPDATE SKIP LOCKED} arrived in 2.2.220): {@code TIMESTAMP WITH TIME ZONE},
 * bound in UTC (see {@link ZonedTimestampDialect}); the lock clause must follow {@code FETCH
 * FIRST}.
 */
final class H2Dialect extends ZonedTimestampDialect {

  @Override
  public Database database() {
    return Database.H2;
  }

  @Override
  public String migrationsDirectory() {
    return "h2";
  }

  @Override
  public String currentTime() {
    return "CURRENT_TIMESTAMP(6)";
  }

  @Override
  public String instantParameter() {
    return "CAST(? AS TIMESTAMP(6) WITH TIME ZONE)";
  }

  @Override
  public String limit(String select) {
    return select + " FETCH FIRST ? ROWS ONLY";
  }

  @Override
  public String createSchemaVersionTable(String table) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (version INT PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";
  }

  @Override
  public boolean isLockTimeout(SQLException e) {
    return "HYT00".equals(e.getSQLState()) || e.getErrorCode() == 50200;
  }
}
