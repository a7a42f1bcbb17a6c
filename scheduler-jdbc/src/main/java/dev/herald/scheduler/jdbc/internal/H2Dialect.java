package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * H2 2.2+ ({@code FOR UPDATE SKIP LOCKED} arrived in 2.2.220): {@code TIMESTAMP WITH TIME ZONE}
 * bound as {@link OffsetDateTime} in UTC; the lock clause must follow {@code FETCH FIRST}.
 */
final class H2Dialect implements SqlDialect {

  @Override
  public Database database() {
    return Database.H2;
  }

  @Override
  public String migrationsDirectory() {
    return "h2";
  }

  @Override
  public String currentTimeQuery() {
    return "SELECT CURRENT_TIMESTAMP(6)";
  }

  @Override
  public void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
  }

  @Override
  public Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @Override
  public Instant getInstant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @Override
  public String limit(String select) {
    return select + " FETCH FIRST ? ROWS ONLY";
  }

  @Override
  public String limitOffset(String select) {
    return select + " LIMIT ? OFFSET ?";
  }

  @Override
  public String createSchemaVersionTable(String table) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (version INT PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public boolean isLockTimeout(SQLException e) {
    return "HYT00".equals(e.getSQLState()) || e.getErrorCode() == 50200;
  }
}
