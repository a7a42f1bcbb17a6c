package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerStats;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Read-only queries: find, list, history and stats. */
public final class Queries {
  private final Jdbc jdbc;
  private final JobRows rows;

  public Queries(Jdbc jdbc, JobRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  public Optional<JobSnapshot> find(String id) {
    return jdbc.inTransaction("find job " + id,
        (c, now) -> Optional.ofNullable(rows.byIds(c, List.of(id)).get(id)));
  }

  public Page<JobSnapshot> list(JobQuery query) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (!query.statuses().isEmpty()) {
      where.append(" AND status IN (").append(Jdbc.placeholders(query.statuses().size()))
          .append(")");
      query.statuses().stream().map(Enum::name).sorted().forEach(params::add);
    }
    query.type().ifPresent(t -> {
      where.append(" AND type = ?");
      params.add(t);
    });
    query.idPrefix().ifPresent(prefix -> {
      where.append(" AND id LIKE ? ESCAPE '!'");
      params.add(prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    });
    query.nextRunFrom().ifPresent(t -> {
      where.append(" AND next_run_at >= ?");
      params.add(t);
    });
    query.nextRunBefore().ifPresent(t -> {
      where.append(" AND next_run_at < ?");
      params.add(t);
    });
    String sql = jdbc.dialect().limitOffset("SELECT " + JobRows.JOB_COLUMNS + " FROM "
        + jdbc.tables().jobs() + where + " ORDER BY CASE WHEN next_run_at IS NULL THEN 1 ELSE 0 "
        + "END, next_run_at, id");
    return jdbc.inTransaction("list jobs", (c, now) -> {
      List<JobSnapshot> found = rows.query(c, sql, ps -> {
        int i = 1;
        for (Object p : params) {
          if (p instanceof Instant t) {
            jdbc.dialect().setInstant(ps, i++, t);
          } else {
            ps.setString(i++, (String) p);
          }
        }
        ps.setInt(i++, query.limit() + 1);
        ps.setInt(i, query.offset());
      });
      boolean more = found.size() > query.limit();
      return new Page<>(more ? found.subList(0, query.limit()) : found, query.offset(), more);
    });
  }

  public Page<JobAttempt> history(String jobId, int offset, int limit) {
    String sql = jdbc.dialect().limitOffset("SELECT job_id, type, attempt, scheduled_at, "
        + "started_at, finished_at, outcome, error, node FROM " + jdbc.tables().history()
        + " WHERE job_id = ? ORDER BY id DESC");
    return jdbc.inTransaction("read the history of job " + jobId, (c, now) -> {
      List<JobAttempt> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, jobId);
        ps.setInt(2, limit + 1);
        ps.setInt(3, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rows.readAttempt(rs));
          }
        }
      }
      boolean more = found.size() > limit;
      return new Page<>(more ? found.subList(0, limit) : found, offset, more);
    });
  }

  public SchedulerStats stats(int upcoming) {
    String jobs = jdbc.tables().jobs();
    return jdbc.inTransaction("read stats", (c, now) -> {
      Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
      try (PreparedStatement ps = c.prepareStatement(
              "SELECT status, COUNT(*) FROM " + jobs + " GROUP BY status");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
      Map<String, Long> dueByType = new TreeMap<>();
      Instant oldestDue = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT type, COUNT(*), MIN(next_run_at) "
          + "AS oldest FROM " + jobs + " WHERE status = 'SCHEDULED' AND next_run_at <= ? "
          + "GROUP BY type")) {
        jdbc.dialect().setInstant(ps, 1, now);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            dueByType.put(rs.getString(1), rs.getLong(2));
            Instant oldest = jdbc.dialect().getInstant(rs, "oldest");
            if (oldestDue == null || oldest.isBefore(oldestDue)) {
              oldestDue = oldest;
            }
          }
        }
      }
      List<JobSnapshot> next = upcoming == 0 ? List.of() : rows.query(c,
          jdbc.dialect().limit("SELECT " + JobRows.JOB_COLUMNS + " FROM " + jobs
              + " WHERE status = 'SCHEDULED' ORDER BY next_run_at, id"),
          ps -> ps.setInt(1, upcoming));
      return new SchedulerStats(now, counts, dueByType, next, Optional.ofNullable(oldestDue));
    });
  }
}
