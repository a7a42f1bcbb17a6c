package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** PostgreSQL 12+: {@code timestamptz} bound as {@link OffsetDateTime} in UTC. */
final class PostgresDialect implements SqlDialect {

  @Override
  public Database database() {
    return Database.POSTGRESQL;
  }

  @Override
  public String migrationsDirectory() {
    return "postgresql";
  }

  @Override
  public String currentTimeQuery() {
    return "SELECT clock_timestamp()";
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
    return select + " LIMIT ?";
  }

  @Override
  public String limitOffset(String select) {
    return select + " LIMIT ? OFFSET ?";
  }

  @Override
  public String createSchemaVersionTable(String table) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (version INT PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMPTZ NOT NULL)";
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public boolean isLockTimeout(SQLException e) {
    return "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }
}
