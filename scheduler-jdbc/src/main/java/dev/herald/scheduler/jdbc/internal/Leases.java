package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.RenewResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fenced writes of a running claim other than its completion: lease renewal and step
 * checkpoints. Each locks the job rows it checks ({@code FOR UPDATE}) so that the check of status
 * and fencing token and the write are atomic against a concurrent takeover. A renewal of any
 * number of leases is one transaction of two statements (lock with the time, one update).
 */
public final class Leases {
  private final Jdbc jdbc;
  private final JobRows rows;

  private final SqlPerCount lockSql;
  private final SqlPerCount renewSql;

  public Leases(Jdbc jdbc, JobRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.lockSql = new SqlPerCount(n -> "SELECT id, fence, pending_action, " + jdbc.clockColumn()
        + " AS db_now FROM " + jdbc.tables().jobs() + " WHERE status = 'RUNNING' AND id IN ("
        + Jdbc.placeholders(n) + ") FOR UPDATE");
    this.renewSql = new SqlPerCount(n -> "UPDATE " + jdbc.tables().jobs()
        + " SET lease_until = ? WHERE id IN (" + Jdbc.placeholders(n) + ")");
  }

  public RenewResult renew(Collection<LeaseRef> leases, Duration lease) {
    if (leases.isEmpty()) {
      return new RenewResult(Set.of(), Map.of());
    }
    return jdbc.inTransactionClockInline("renew " + leases.size() + " leases", (c, at) -> {
      Map<String, Held> held = lockHeld(c, leases);
      Set<LeaseRef> lost = new HashSet<>();
      List<String> renew = new ArrayList<>();
      Map<String, PendingAction> pending = new HashMap<>();
      for (LeaseRef ref : leases) {
        Held h = held.get(ref.jobId());
        if (h == null || h.fence != ref.fencingToken()) {
          lost.add(ref);
        } else {
          renew.add(ref.jobId());
          if (h.pending != null) {
            pending.put(ref.jobId(), h.pending);
          }
        }
      }
      if (!renew.isEmpty()) {
        Instant now = at != null ? at : held.get(renew.get(0)).now();
        try (PreparedStatement ps = c.prepareStatement(renewSql.get(renew.size()))) {
          jdbc.dialect().setInstant(ps, 1, now.plus(lease));
          Jdbc.bindAll(ps, 2, renew);
          ps.executeUpdate();
        }
      }
      return new RenewResult(lost, pending);
    });
  }

  public boolean saveStep(LeaseRef lease, String name, String value) {
    return jdbc.inTransaction("save step '" + name + "' of job " + lease.jobId(), (c, now) -> {
      Held h = lockHeld(c, List.of(lease)).get(lease.jobId());
      if (h == null || h.fence != lease.fencingToken()) {
        return false;
      }
      rows.upsertStep(c, lease.jobId(), name, value);
      return true;
    });
  }

  public Map<String, String> steps(String jobId) {
    return jdbc.inTransaction("read the steps of job " + jobId, (c, now) ->
        Map.copyOf(rows.steps(c, List.of(jobId)).getOrDefault(jobId, Map.of())));
  }

  /** A RUNNING row's fencing token and pending action, and the database's time it was read at. */
  private record Held(long fence, PendingAction pending, Instant now) {}

  /** Locks the RUNNING rows among {@code leases}' jobs; returns their fence and pending action. */
  private Map<String, Held> lockHeld(Connection c, Collection<LeaseRef> leases)
      throws SQLException {
    List<String> ids = leases.stream().map(LeaseRef::jobId).distinct().toList();
    Map<String, Held> held = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(lockSql.get(ids.size()))) {
      Jdbc.bindAll(ps, 1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String pending = rs.getString(3);
          held.put(rs.getString(1),
              new Held(rs.getLong(2), pending == null ? null : PendingAction.valueOf(pending),
                  jdbc.timeOf(null, rs, "db_now")));
        }
      }
    }
    return held;
  }
}
