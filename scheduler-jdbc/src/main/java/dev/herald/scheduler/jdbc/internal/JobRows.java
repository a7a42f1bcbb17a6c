package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing job, step and history rows: the one place that knows the columns. */
public final class JobRows {
  static final String JOB_COLUMNS = "id, type, status, trigger_spec, payload, priority, "
      + "misfire_spec, unique_key, next_run_at, fire_at, attempt, fence, completed_fence, "
      + "lease_owner, lease_until, pending_action, last_error, created_at, updated_at";

  private final Jdbc jdbc;
  private final SqlDialect dialect;
  private final Tables tables;

  public JobRows(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.dialect = jdbc.dialect();
    this.tables = jdbc.tables();
  }

  JobSnapshot read(ResultSet rs) throws SQLException {
    String pending = rs.getString("pending_action");
    return new JobSnapshot(
        rs.getString("id"),
        rs.getString("type"),
        JobStatus.valueOf(rs.getString("status")),
        rs.getString("trigger_spec"),
        rs.getString("payload"),
        rs.getInt("priority"),
        rs.getString("misfire_spec"),
        rs.getString("unique_key"),
        dialect.getInstant(rs, "next_run_at"),
        dialect.getInstant(rs, "fire_at"),
        rs.getInt("attempt"),
        rs.getLong("fence"),
        rs.getString("lease_owner"),
        dialect.getInstant(rs, "lease_until"),
        pending == null ? null : PendingAction.valueOf(pending),
        rs.getString("last_error"),
        dialect.getInstant(rs, "created_at"),
        dialect.getInstant(rs, "updated_at"));
  }

  /** Runs {@code select} (parameters bound by {@code binder}) and reads every job row. */
  List<JobSnapshot> query(Connection c, String select, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(select)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<JobSnapshot> jobs = new ArrayList<>();
        while (rs.next()) {
          jobs.add(read(rs));
        }
        return jobs;
      }
    }
  }

  /** The jobs with these ids, keyed and ordered as the ids. */
  Map<String, JobSnapshot> byIds(Connection c, Collection<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, JobSnapshot> found = new HashMap<>();
    for (JobSnapshot job : query(c, "SELECT " + JOB_COLUMNS + " FROM " + tables.jobs()
        + " WHERE id IN (" + Jdbc.placeholders(ids.size()) + ")",
        ps -> Jdbc.bindAll(ps, 1, ids))) {
      found.put(job.id(), job);
    }
    Map<String, JobSnapshot> ordered = new LinkedHashMap<>();
    for (String id : ids) {
      if (found.containsKey(id)) {
        ordered.put(id, found.get(id));
      }
    }
    return ordered;
  }

  /** Inserts a new job row; throws the driver's exception on a unique violation. */
  void insert(Connection c, NewJob job, Instant now) throws SQLException {
    String sql = "INSERT INTO " + tables.jobs() + " (" + JOB_COLUMNS + ") VALUES ("
        + Jdbc.placeholders(19) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job.id());
      ps.setString(2, job.type());
      ps.setString(3, job.status().name());
      ps.setString(4, job.triggerSpec());
      ps.setString(5, job.payload().orElse(null));
      ps.setInt(6, job.priority());
      ps.setString(7, job.misfireSpec());
      ps.setString(8, job.uniqueKey().orElse(null));
      dialect.setInstant(ps, 9, job.firstRunAt());
      dialect.setInstant(ps, 10, job.firstRunAt());
      ps.setInt(11, 0);
      ps.setLong(12, 0);
      ps.setNull(13, Types.BIGINT);
      ps.setString(14, null);
      dialect.setInstant(ps, 15, null);
      ps.setString(16, null);
      ps.setString(17, null);
      dialect.setInstant(ps, 18, now);
      dialect.setInstant(ps, 19, now);
      ps.executeUpdate();
    }
  }

  /** Writes every mutable field of {@code job} back to its row. */
  void update(Connection c, JobSnapshot job) throws SQLException {
    String sql = "UPDATE " + tables.jobs() + " SET status = ?, trigger_spec = ?, next_run_at = ?, "
        + "fire_at = ?, attempt = ?, fence = ?, lease_owner = ?, lease_until = ?, "
        + "pending_action = ?, last_error = ?, updated_at = ?, payload = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job.status().name());
      ps.setString(2, job.triggerSpec());
      dialect.setInstant(ps, 3, job.nextRunAt().orElse(null));
      dialect.setInstant(ps, 4, job.fireAt());
      ps.setInt(5, job.attempt());
      ps.setLong(6, job.fencingToken());
      ps.setString(7, job.leaseOwner().orElse(null));
      dialect.setInstant(ps, 8, job.leaseUntil().orElse(null));
      ps.setString(9, job.pendingAction().map(PendingAction::name).orElse(null));
      ps.setString(10, job.lastError().orElse(null));
      dialect.setInstant(ps, 11, job.updatedAt());
      ps.setString(12, job.payload().orElse(null));
      ps.setString(13, job.id());
      ps.executeUpdate();
    }
  }

  /** Stored steps of these jobs: job id → (name → value). */
  Map<String, Map<String, String>> steps(Connection c, Collection<String> ids)
      throws SQLException {
    Map<String, Map<String, String>> steps = new HashMap<>();
    if (ids.isEmpty()) {
      return steps;
    }
    String sql = "SELECT job_id, name, step_value FROM " + tables.steps() + " WHERE job_id IN ("
        + Jdbc.placeholders(ids.size()) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bindAll(ps, 1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.computeIfAbsent(rs.getString(1), id -> new HashMap<>())
              .put(rs.getString(2), rs.getString(3));
        }
      }
    }
    return steps;
  }

  /** Stores step {@code name} of job {@code jobId}, replacing an earlier value. */
  void upsertStep(Connection c, String jobId, String name, String value) throws SQLException {
    int updated;
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.steps()
        + " SET step_value = ? WHERE job_id = ? AND name = ?")) {
      ps.setString(1, value);
      ps.setString(2, jobId);
      ps.setString(3, name);
      updated = ps.executeUpdate();
    }
    if (updated == 0) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.steps()
          + " (job_id, name, step_value) VALUES (?, ?, ?)")) {
        ps.setString(1, jobId);
        ps.setString(2, name);
        ps.setString(3, value);
        ps.executeUpdate();
      }
    }
  }

  /** Deletes the named steps of job {@code jobId}. */
  void deleteSteps(Connection c, String jobId, Collection<String> names) throws SQLException {
    if (names.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.steps()
        + " WHERE job_id = ? AND name IN (" + Jdbc.placeholders(names.size()) + ")")) {
      ps.setString(1, jobId);
      Jdbc.bindAll(ps, 2, names);
      ps.executeUpdate();
    }
  }

  /** Deletes the stored steps of these jobs. */
  void deleteSteps(Connection c, Collection<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.steps()
        + " WHERE job_id IN (" + Jdbc.placeholders(ids.size()) + ")")) {
      Jdbc.bindAll(ps, 1, ids);
      ps.executeUpdate();
    }
  }

  /**
   * Appends history rows, in one batch, each with the fencing token of the claim it completed
   * ({@code fences}, in the same order).
   */
  void insertHistory(Connection c, List<JobAttempt> attempts, List<Long> fences)
      throws SQLException {
    if (attempts.isEmpty()) {
      return;
    }
    String sql = "INSERT INTO " + tables.history() + " (job_id, type, attempt, scheduled_at, "
        + "started_at, finished_at, outcome, error, node, fence) VALUES ("
        + Jdbc.placeholders(10) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < attempts.size(); i++) {
        JobAttempt a = attempts.get(i);
        ps.setString(1, a.jobId());
        ps.setString(2, a.type());
        ps.setInt(3, a.attempt());
        dialect.setInstant(ps, 4, a.scheduledAt());
        dialect.setInstant(ps, 5, a.startedAt().orElse(null));
        dialect.setInstant(ps, 6, a.finishedAt());
        ps.setString(7, a.outcome().name());
        ps.setString(8, a.error().orElse(null));
        ps.setString(9, a.node());
        ps.setLong(10, fences.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Whether a history row of {@code jobId} records the completion of the claim {@code fence}. */
  boolean historyHasFence(Connection c, String jobId, long fence) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + tables.history()
        + " WHERE job_id = ? AND fence = ?")) {
      ps.setString(1, jobId);
      ps.setLong(2, fence);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  JobAttempt readAttempt(ResultSet rs) throws SQLException {
    return new JobAttempt(
        rs.getString("job_id"),
        rs.getString("type"),
        rs.getInt("attempt"),
        dialect.getInstant(rs, "scheduled_at"),
        dialect.getInstant(rs, "started_at"),
        dialect.getInstant(rs, "finished_at"),
        JobAttempt.Outcome.valueOf(rs.getString("outcome")),
        rs.getString("error"),
        rs.getString("node"));
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
