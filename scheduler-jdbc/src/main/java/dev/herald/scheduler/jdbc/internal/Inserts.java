package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.spi.InsertResult;
import dev.herald.scheduler.spi.NewJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;

/**
 * Inserting jobs with id and unique-key deduplication, race-safe: the insert is attempted and a
 * unique violation means another writer got there first. A savepoint confines the violation, so
 * the surrounding transaction (a completion with follow-ups) survives it on every database.
 */
public final class Inserts {
  private final Jdbc jdbc;
  private final JobRows rows;

  public Inserts(Jdbc jdbc, JobRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  public InsertResult insert(NewJob job) {
    return jdbc.inTransaction("insert job " + job.id() + " (" + job.type() + ")",
        (c, now) -> insertIfAbsent(c, job, now));
  }

  /** Inserts {@code job} unless its id or unique key exists; returns what is stored. */
  InsertResult insertIfAbsent(Connection c, NewJob job, Instant now) throws SQLException {
    JobSnapshot existing = existing(c, job);
    if (existing != null) {
      return new InsertResult(existing, false);
    }
    Savepoint savepoint = c.setSavepoint();
    try {
      rows.insert(c, job, now);
      c.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      if (!jdbc.dialect().isUniqueViolation(e)) {
        throw e;
      }
      c.rollback(savepoint);
      existing = existing(c, job);
      if (existing == null) {
        throw e;
      }
      return new InsertResult(existing, false);
    }
    return new InsertResult(rows.byIds(c, List.of(job.id())).get(job.id()), true);
  }

  private JobSnapshot existing(Connection c, NewJob job) throws SQLException {
    String sql = "SELECT " + JobRows.JOB_COLUMNS + " FROM " + jdbc.tables().jobs()
        + " WHERE id = ?" + (job.uniqueKey().isEmpty() ? "" : " OR unique_key = ?");
    List<JobSnapshot> found = rows.query(c, sql, ps -> {
      ps.setString(1, job.id());
      if (job.uniqueKey().isPresent()) {
        ps.setString(2, job.uniqueKey().get());
      }
    });
    return found.stream().filter(j -> j.id().equals(job.id())).findFirst()
        .orElse(found.isEmpty() ? null : found.get(0));
  }
}
