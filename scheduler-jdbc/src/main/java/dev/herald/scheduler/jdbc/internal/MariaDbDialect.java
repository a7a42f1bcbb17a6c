package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * MariaDB 10.6+ and MySQL 8.0.1+: instants stored as UTC in zone-less {@code DATETIME(6)}, bound
 * as {@link LocalDateTime} (which drivers pass through unconverted), so neither the JVM's nor the
 * session's time zone changes what is stored. {@code TIMESTAMP} is avoided: it converts through the
 * session zone and ends in 2038.
 */
final class MariaDbDialect implements SqlDialect {

  @Override
  public Database database() {
    return Database.MARIADB;
  }

  @Override
  public String migrationsDirectory() {
    return "mariadb";
  }

  @Override
  public String currentTime() {
    return "UTC_TIMESTAMP(6)";
  }

  @Override
  public String instantParameter() {
    return "CAST(? AS DATETIME(6))";
  }

  @Override
  public void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP);
    } else {
      statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
  }

  @Override
  public Instant getInstant(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  @Override
  public Instant getInstant(ResultSet rs, int column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
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
  public String readCommittedForOneTransaction() {
    return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
  }

  @Override
  public String createSchemaVersionTable(String table) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (version INT PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, applied_at DATETIME(6) NOT NULL) ENGINE=InnoDB";
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return e.getErrorCode() == 1062;
  }

  @Override
  public boolean isLockTimeout(SQLException e) {
    return e.getErrorCode() == 1205 || e.getErrorCode() == 1213;
  }
}
