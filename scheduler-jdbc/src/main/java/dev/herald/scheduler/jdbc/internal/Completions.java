package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completing claims in batches: one transaction and a fixed number of statements per batch, not
 * per job (the job updates and the history rows each one JDBC batch). The batch's rows are locked
 * first, reading the store's time with them (no separate round trip for it); a completion applies
 * only while its job is RUNNING under its fencing token. A completion re-submitted after an ambiguous commit (the commit
 * succeeded but the client saw an error) is recognised by the job's {@code completed_fence}, or by
 * the fencing token in its history row, and reported as applied without being applied twice.
 */
public final class Completions {
  private final Jdbc jdbc;
  private final JobRows rows;
  private final Inserts inserts;
  private final SqlPerCount lockSql;
  private final String updateSql;

  public Completions(Jdbc jdbc, JobRows rows, Inserts inserts) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.inserts = inserts;
    this.lockSql = new SqlPerCount(n -> "SELECT id, status, fence, completed_fence, "
        + "pending_action, " + jdbc.clockColumn() + " AS db_now FROM " + jdbc.tables().jobs()
        + " WHERE id IN (" + Jdbc.placeholders(n) + ") FOR UPDATE");
    this.updateSql = "UPDATE " + jdbc.tables().jobs() + " SET status = ?, next_run_at = ?, "
        + "fire_at = COALESCE(?, fire_at), attempt = ?, last_error = ?, pending_action = NULL, "
        + "lease_owner = NULL, lease_until = NULL, completed_fence = ?, updated_at = ? "
        + "WHERE id = ? AND fence = ? AND status = 'RUNNING'";
  }

  private static final class Row {
    JobStatus status;
    long fence;
    Long completedFence;
    PendingAction pending;
  }

  public List<Boolean> complete(List<Completion> completions) {
    if (completions.isEmpty()) {
      return List.of();
    }
    return jdbc.inTransactionClockInline("complete " + completions.size() + " jobs", (c, at) -> {
      Locked locked = lock(c, completions, at);
      Map<String, Row> current = locked.rows();
      List<Boolean> result = new ArrayList<>(completions.size());
      List<Completion> applied = new ArrayList<>();
      for (Completion completion : completions) {
        Row row = current.get(completion.lease().jobId());
        long token = completion.lease().fencingToken();
        if (row != null && row.status == JobStatus.RUNNING && row.fence == token) {
          applied.add(completion);
          result.add(true);
          row.status = completion.statusGiven(row.pending);
          row.completedFence = token;
        } else {
          result.add(appliedBefore(c, completion.lease().jobId(), row, token));
        }
      }
      write(c, applied, current, locked.now());
      return result;
    });
  }

  /**
   * Whether the completion of claim {@code token}, no longer RUNNING, was applied by an earlier
   * call whose commit reported an error: the job's last completion was this claim's, or (the job
   * was claimed and completed again since, as a recurring job is) a history row records it. A
   * takeover after the lease expired also moves the token on, but leaves neither.
   */
  private boolean appliedBefore(Connection c, String jobId, Row row, long token)
      throws SQLException {
    if (row == null || row.completedFence == null || row.completedFence < token) {
      return false;
    }
    return row.completedFence == token || rows.historyHasFence(c, jobId, token);
  }

  /** The locked rows, and the store's time (null if no row was found). */
  private record Locked(Map<String, Row> rows, Instant now) {}

  /** Locks the batch's rows, reading the store's time with them. */
  private Locked lock(Connection c, List<Completion> completions, Instant at)
      throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    completions.forEach(x -> ids.add(x.lease().jobId()));
    Map<String, Row> rowsById = new HashMap<>();
    Instant now = null;
    try (PreparedStatement ps = c.prepareStatement(lockSql.get(ids.size()))) {
      Jdbc.bindAll(ps, 1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (now == null) {
            now = jdbc.timeOf(at, rs, "db_now");
          }
          Row row = new Row();
          row.status = JobStatus.valueOf(rs.getString(2));
          row.fence = rs.getLong(3);
          long completed = rs.getLong(4);
          row.completedFence = rs.wasNull() ? null : completed;
          String pending = rs.getString(5);
          row.pending = pending == null ? null : PendingAction.valueOf(pending);
          rowsById.put(rs.getString(1), row);
        }
      }
    }
    return new Locked(rowsById, now);
  }

  private void write(Connection c, List<Completion> applied, Map<String, Row> current, Instant now)
      throws SQLException {
    if (applied.isEmpty()) {
      return;
    }
    List<String> clearSteps = new ArrayList<>();
    List<JobAttempt> history = new ArrayList<>();
    List<Long> historyFences = new ArrayList<>();
    List<NewJob> followUps = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(updateSql)) {
      for (Completion x : applied) {
        JobStatus stored = current.get(x.lease().jobId()).status;
        ps.setString(1, stored.name());
        jdbc.dialect().setInstant(ps, 2, x.nextRunAt(stored, now).orElse(null));
        jdbc.dialect().setInstant(ps, 3, x.fireAt().orElse(null));
        ps.setInt(4, x.attempt());
        ps.setString(5, x.lastError().orElse(null));
        ps.setLong(6, x.lease().fencingToken());
        jdbc.dialect().setInstant(ps, 7, now);
        ps.setString(8, x.lease().jobId());
        ps.setLong(9, x.lease().fencingToken());
        ps.addBatch();
        if (x.clearSteps()) {
          clearSteps.add(x.lease().jobId());
        }
        x.history().ifPresent(row -> {
          history.add(row);
          historyFences.add(x.lease().fencingToken());
        });
        followUps.addAll(x.followUps());
      }
      ps.executeBatch();
    }
    rows.deleteSteps(c, clearSteps);
    rows.insertHistory(c, history, historyFences);
    for (NewJob followUp : followUps) {
      inserts.insertIfAbsent(c, followUp, now);
    }
  }
}
