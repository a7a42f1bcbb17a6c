package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.RecoveredJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Claiming due jobs and taking over expired leases, each in one short transaction: {@code SELECT …
 * FOR UPDATE SKIP LOCKED} picks rows no other claimer holds, an {@code UPDATE} leases them, and the
 * transaction commits at once, so no row lock is held while a job runs.
 */
public final class Claims {
  private final Jdbc jdbc;
  private final JobRows rows;

  public Claims(Jdbc jdbc, JobRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  public List<ClaimedJob> claimDue(String owner, Set<String> types, int limit, Duration lease) {
    if (types.isEmpty()) {
      return List.of();
    }
    String select = jdbc.dialect().limitForUpdateSkipLocked("SELECT id FROM "
        + jdbc.tables().jobs() + " WHERE status = 'SCHEDULED' AND next_run_at <= ? AND type IN ("
        + Jdbc.placeholders(types.size()) + ") ORDER BY priority DESC, next_run_at, id");
    return jdbc.inTransaction("claim due jobs", (c, now) -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(select)) {
        jdbc.dialect().setInstant(ps, 1, now);
        int next = Jdbc.bindAll(ps, 2, types);
        ps.setInt(next, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      if (ids.isEmpty()) {
        return List.of();
      }
      lease(c, ids, "attempt = attempt + 1, status = 'RUNNING', ", owner, now.plus(lease), now);
      Map<String, JobSnapshot> claimed = rows.byIds(c, ids);
      Map<String, Map<String, String>> steps = rows.steps(c, ids);
      List<ClaimedJob> result = new ArrayList<>(ids.size());
      for (JobSnapshot job : claimed.values()) {
        result.add(new ClaimedJob(job, steps.getOrDefault(job.id(), Map.of()), now));
      }
      return result;
    });
  }

  public List<RecoveredJob> claimExpired(String owner, Set<String> types, int limit, Duration lease) {
    if (types.isEmpty()) {
      return List.of();
    }
    String select = jdbc.dialect().limitForUpdateSkipLocked("SELECT id, lease_owner, lease_until "
        + "FROM " + jdbc.tables().jobs() + " WHERE status = 'RUNNING' AND lease_until < ? "
        + "AND type IN (" + Jdbc.placeholders(types.size()) + ") ORDER BY lease_until, id");
    return jdbc.inTransaction("take over expired leases", (c, now) -> {
      Map<String, String> previousOwner = new LinkedHashMap<>();
      Map<String, Instant> expiredAt = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(select)) {
        jdbc.dialect().setInstant(ps, 1, now);
        int next = Jdbc.bindAll(ps, 2, types);
        ps.setInt(next, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            previousOwner.put(id, rs.getString(2));
            expiredAt.put(id, jdbc.dialect().getInstant(rs, "lease_until"));
          }
        }
      }
      if (previousOwner.isEmpty()) {
        return List.of();
      }
      List<String> ids = List.copyOf(previousOwner.keySet());
      lease(c, ids, "", owner, now.plus(lease), now);
      Map<String, JobSnapshot> taken = rows.byIds(c, ids);
      Map<String, Map<String, String>> steps = rows.steps(c, ids);
      List<RecoveredJob> result = new ArrayList<>(ids.size());
      for (JobSnapshot job : taken.values()) {
        result.add(new RecoveredJob(new ClaimedJob(job, steps.getOrDefault(job.id(), Map.of()),
            now), previousOwner.get(job.id()), expiredAt.get(job.id())));
      }
      return result;
    });
  }

  public Optional<Instant> nextDueAt(Set<String> types) {
    if (types.isEmpty()) {
      return Optional.empty();
    }
    String sql = "SELECT MIN(next_run_at) FROM " + jdbc.tables().jobs()
        + " WHERE status = 'SCHEDULED' AND type IN (" + Jdbc.placeholders(types.size()) + ")";
    return jdbc.inTransaction("find the next due time", (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Jdbc.bindAll(ps, 1, types);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.ofNullable(jdbc.dialect().getInstant(rs, 1));
        }
      }
    });
  }

  /** Leases the locked rows {@code ids} to {@code owner}, incrementing their fencing tokens. */
  private void lease(Connection c, List<String> ids, String extraSets, String owner, Instant until,
      Instant now) throws SQLException {
    String sql = "UPDATE " + jdbc.tables().jobs() + " SET " + extraSets + "fence = fence + 1, "
        + "lease_owner = ?, lease_until = ?, updated_at = ? WHERE id IN ("
        + Jdbc.placeholders(ids.size()) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, owner);
      jdbc.dialect().setInstant(ps, 2, until);
      jdbc.dialect().setInstant(ps, 3, now);
      Jdbc.bindAll(ps, 4, ids);
      int updated = ps.executeUpdate();
      if (updated != ids.size()) {
        throw new SQLException("leased " + updated + " of " + ids.size() + " locked jobs "
            + ids + "; the row locks did not hold");
      }
    }
  }
}
