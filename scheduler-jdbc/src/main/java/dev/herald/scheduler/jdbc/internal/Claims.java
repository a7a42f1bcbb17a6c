package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.jdbc.JdbcStoreException;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.RecoveredJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Claiming due jobs ({@link DueClaims}: one statement on PostgreSQL) and taking over expired
 * leases, each in one short transaction: {@code SELECT … FOR UPDATE SKIP LOCKED} picks rows no
 * other claimer holds, an {@code UPDATE} leases them, and the transaction commits at once, so no
 * row lock is held while a job runs. A claim whose commit
 * reported an error is confirmed by re-reading its rows, so an ambiguous commit neither strands the
 * jobs until their lease expires nor costs them an attempt.
 */
public final class Claims {
  private static final Logger log = Loggers.JDBC;
  private static final int CONFIRM_ATTEMPTS = 3;

  private final Jdbc jdbc;
  private final JobRows rows;
  private final DueClaims due;
  private final SqlPerCount nextDueSql;

  public Claims(Jdbc jdbc, JobRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.due = DueClaims.of(jdbc, rows);
    this.nextDueSql = new SqlPerCount(n -> "SELECT MIN(next_run_at) FROM " + jdbc.tables().jobs()
        + " WHERE status = 'SCHEDULED' AND type IN (" + Jdbc.placeholders(n) + ")");
  }

  public List<ClaimedJob> claimDue(String owner, Set<String> types, int limit, Duration lease) {
    if (types.isEmpty()) {
      return List.of();
    }
    AtomicReference<List<ClaimedJob>> attempted = new AtomicReference<>();
    Jdbc.Work<List<ClaimedJob>> work =
        (c, now) -> {
          attempted.set(null);
          attempted.set(due.claim(c, now, owner, types, limit, lease));
          return attempted.get();
        };
    try {
      return due.singleStatement()
          ? jdbc.inStatement("claim due jobs", work)
          : jdbc.inTransactionClockInline("claim due jobs", work);
    } catch (JdbcStoreException e) {
      return confirmCommitted(attempted.get(), ClaimedJob::lease, owner, e);
    }
  }

  public List<RecoveredJob> claimExpired(String owner, Set<String> types, int limit, Duration lease) {
    if (types.isEmpty()) {
      return List.of();
    }
    String select = jdbc.dialect().limitForUpdateSkipLocked("SELECT id, lease_owner, lease_until "
        + "FROM " + jdbc.tables().jobs() + " WHERE status = 'RUNNING' AND lease_until < ? "
        + "AND type IN (" + Jdbc.placeholders(types.size()) + ") ORDER BY lease_until, id");
    AtomicReference<List<RecoveredJob>> attempted = new AtomicReference<>();
    try {
      return jdbc.inTransaction(
          "take over expired leases",
          (c, now) -> {
            attempted.set(null);
            attempted.set(claimExpired(c, now, select, owner, types, limit, lease));
            return attempted.get();
          });
    } catch (JdbcStoreException e) {
      return confirmCommitted(attempted.get(), r -> r.claim().lease(), owner, e);
    }
  }

  private List<RecoveredJob> claimExpired(
      Connection c,
      Instant now,
      String select,
      String owner,
      Set<String> types,
      int limit,
      Duration lease)
      throws SQLException {
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
      result.add(
          new RecoveredJob(
              new ClaimedJob(job, steps.getOrDefault(job.id(), Map.of()), now),
              previousOwner.get(job.id()),
              expiredAt.get(job.id())));
    }
    return result;
  }

  /**
   * After a claim transaction failed: if it got as far as its commit, the commit may have reached
   * the database although the driver reported an error (an ambiguous commit). Re-reads the rows on
   * a new connection (up to {@value #CONFIRM_ATTEMPTS} times): those RUNNING, leased to {@code
   * owner} under the very fencing token the claim gave them, were claimed, and are returned so that
   * they run now instead of waiting for their lease to expire (and losing an attempt). Otherwise,
   * or if the re-read keeps failing, rethrows {@code failure}.
   */
  private <T> List<T> confirmCommitted(
      List<T> attempted, Function<T, LeaseRef> lease, String owner, JdbcStoreException failure) {
    if (attempted == null || attempted.isEmpty()) {
      throw failure;
    }
    Set<String> ids = new HashSet<>();
    attempted.forEach(t -> ids.add(lease.apply(t).jobId()));
    Map<String, Long> held = null;
    for (int attempt = 1; held == null; attempt++) {
      try {
        held = leasedTo(owner, ids);
      } catch (JdbcStoreException e) {
        failure.addSuppressed(e);
        if (attempt == CONFIRM_ATTEMPTS || !pause()) {
          throw failure;
        }
      }
    }
    List<T> committed = new ArrayList<>();
    for (T t : attempted) {
      LeaseRef ref = lease.apply(t);
      if (Long.valueOf(ref.fencingToken()).equals(held.get(ref.jobId()))) {
        committed.add(t);
      }
    }
    if (committed.isEmpty()) {
      throw failure;
    }
    log.warn(
        "{} reported an error, but the claim of {} jobs was committed: running them ({})",
        jdbc.describe("claiming"),
        committed.size(),
        failure.getMessage());
    return committed;
  }

  /** The fencing tokens of those of {@code ids} that are RUNNING and leased to {@code owner}. */
  private Map<String, Long> leasedTo(String owner, Set<String> ids) {
    String sql =
        "SELECT id, fence FROM "
            + jdbc.tables().jobs()
            + " WHERE status = 'RUNNING' "
            + "AND lease_owner = ? AND id IN ("
            + Jdbc.placeholders(ids.size())
            + ")";
    return jdbc.inTransaction(
        "confirm a claim after a failed commit",
        (c, now) -> {
          Map<String, Long> found = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            Jdbc.bindAll(ps, 2, ids);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.put(rs.getString(1), rs.getLong(2));
              }
            }
          }
          return found;
        });
  }

  /** A short pause between confirmation attempts; false if interrupted. */
  private static boolean pause() {
    try {
      Thread.sleep(50);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One statement (one round trip on a pool in autocommit at READ COMMITTED). */
  public Optional<Instant> nextDueAt(Set<String> types) {
    if (types.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.inStatement("find the next due time", (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement(nextDueSql.get(types.size()))) {
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
