package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.spi.ClaimedJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's claim: one statement, so one round trip and, in autocommit, no {@code BEGIN} or
 * {@code COMMIT}. It picks and locks due rows ({@code FOR UPDATE SKIP LOCKED}), leases them, and
 * returns them with their steps.
 *
 * <p>Its cost depends on neither the number of future jobs nor the backlog of due ones. It walks
 * the claim index ({@code status, priority DESC, next_run_at, id}) one priority at a time: a
 * recursive query finds each priority that has SCHEDULED jobs by one index probe, and for each, an
 * index range bounded by {@code next_run_at <= now} yields at most {@code limit} due rows in order.
 * A plain {@code ORDER BY priority DESC, next_run_at, id LIMIT n} cannot bound the range by due
 * time (priority comes first in the index) and reads every future row of a priority whenever fewer
 * than {@code n} of them are due, the usual case; ordering by due time alone would sort every due
 * row.
 * Each priority may lock up to {@code limit} rows while the statement runs, of which only the first
 * {@code limit} overall are leased; the locks end with the statement.
 *
 * <p>Time: an injected clock's time is bound; otherwise the statement's start time ({@code
 * statement_timestamp()}) is the claim's time, its lease start and the {@code claimedAt} returned.
 */
public final class PostgresClaimStatement implements DueClaims {
  private final Jdbc jdbc;
  private final JobRows rows;
  private final SqlPerCount sql;

  public PostgresClaimStatement(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.rows = new JobRows(jdbc);
    this.sql = new SqlPerCount(this::sql);
  }

  /**
   * The statement for {@code typeCount} types. Parameters: the claim's time (null for the
   * database's), the types, the limit (twice), the owner and the lease in microseconds. Public for
   * the test that checks its plan.
   */
  public String sql(int typeCount) {
    String jobs = jdbc.tables().jobs();
    return "WITH RECURSIVE clock AS MATERIALIZED ("
        + "SELECT COALESCE(CAST(? AS TIMESTAMPTZ), statement_timestamp()) AS now), "
        + "levels AS ((SELECT priority FROM " + jobs + " WHERE status = 'SCHEDULED' "
        + "ORDER BY priority DESC LIMIT 1) "
        + "UNION ALL SELECT (SELECT l.priority FROM " + jobs + " l WHERE l.status = 'SCHEDULED' "
        + "AND l.priority < levels.priority ORDER BY l.priority DESC LIMIT 1) "
        + "FROM levels WHERE levels.priority IS NOT NULL), "
        + "picked AS MATERIALIZED (SELECT due.id FROM levels CROSS JOIN clock CROSS JOIN LATERAL "
        + "(SELECT id, next_run_at FROM " + jobs + " WHERE status = 'SCHEDULED' "
        + "AND priority = levels.priority AND next_run_at <= clock.now AND type IN ("
        + Jdbc.placeholders(typeCount) + ") ORDER BY next_run_at, id LIMIT ? "
        + "FOR UPDATE SKIP LOCKED) due WHERE levels.priority IS NOT NULL "
        + "ORDER BY levels.priority DESC, due.next_run_at, due.id LIMIT ?), "
        + "claimed AS (UPDATE " + jobs + " SET status = 'RUNNING', attempt = attempt + 1, "
        + "fence = fence + 1, lease_owner = ?, "
        + "lease_until = clock.now + CAST(? AS BIGINT) * INTERVAL '1 microsecond', "
        + "updated_at = clock.now FROM clock WHERE id IN (SELECT id FROM picked) "
        + "RETURNING " + JobRows.JOB_COLUMNS + ", clock.now AS claimed_at) "
        + "SELECT claimed.*, s.name AS step_name, s.step_value AS step_value FROM claimed "
        + "LEFT JOIN " + jdbc.tables().steps() + " s ON s.job_id = claimed.id";
  }

  @Override
  public boolean singleStatement() {
    return true;
  }

  @Override
  public List<ClaimedJob> claim(
      Connection c, Instant now, String owner, Set<String> types, int limit, Duration lease)
      throws SQLException {
    Map<String, JobSnapshot> jobs = new LinkedHashMap<>();
    Map<String, Map<String, String>> steps = new HashMap<>();
    Instant claimedAt = now;
    try (PreparedStatement ps = c.prepareStatement(sql.get(types.size()))) {
      jdbc.dialect().setInstant(ps, 1, now);
      int next = Jdbc.bindAll(ps, 2, types);
      ps.setInt(next++, limit);
      ps.setInt(next++, limit);
      ps.setString(next++, owner);
      ps.setLong(next, lease.dividedBy(ChronoUnit.MICROS.getDuration()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString("id");
          if (!jobs.containsKey(id)) {
            jobs.put(id, rows.read(rs));
            claimedAt = jdbc.dialect().getInstant(rs, "claimed_at");
          }
          String step = rs.getString("step_name");
          if (step != null) {
            steps.computeIfAbsent(id, k -> new HashMap<>()).put(step, rs.getString("step_value"));
          }
        }
      }
    }
    List<ClaimedJob> claimed = new ArrayList<>(jobs.size());
    for (JobSnapshot job : jobs.values()) {
      claimed.add(new ClaimedJob(job, steps.getOrDefault(job.id(), Map.of()), claimedAt));
    }
    claimed.sort(CLAIM_ORDER);
    return claimed;
  }
}
