package dev.herald.scheduler.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A database with a real time-zone-aware timestamp type (PostgreSQL {@code timestamptz}, H2 {@code
 * TIMESTAMP WITH TIME ZONE}): instants are bound and read as {@link OffsetDateTime} in UTC, so
 * neither the JVM's nor the session's zone changes what is stored. Standard SQLState 23505 marks
 * a unique violation.
 */
abstract class ZonedTimestampDialect implements SqlDialect {

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
    return toInstant(rs.getObject(column, OffsetDateTime.class));
  }

  @Override
  public Instant getInstant(ResultSet rs, int column) throws SQLException {
    return toInstant(rs.getObject(column, OffsetDateTime.class));
  }

  private static Instant toInstant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  @Override
  public String limitOffset(String select) {
    return select + " LIMIT ? OFFSET ?";
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
