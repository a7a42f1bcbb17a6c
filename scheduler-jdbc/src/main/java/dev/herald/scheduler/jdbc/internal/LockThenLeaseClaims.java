package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.ClaimedJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claim of MariaDB and H2, in one transaction and a fixed number of statements: lock the due
 * rows to take, reading them whole with the database's time, lease them all with one {@code
 * UPDATE … WHERE id IN (…)}, and read their steps. The claimed snapshots are the locked rows with
 * the lease applied, so the rows are not read again.
 *
 * <p>MariaDB locks with one {@code SELECT … ORDER BY … LIMIT ? FOR UPDATE SKIP LOCKED}: InnoDB
 * walks the claim index and locks only the rows it returns.
 *
 * <p>H2 applies {@code FOR UPDATE} to every row its {@code WHERE} matches before {@code FETCH
 * FIRST}, so that query would lock every due row and leave concurrent claimers nothing. Here H2
 * first reads candidates without locking ({@value #H2_CANDIDATES} times the limit, in claim order),
 * then locks them by id ({@code SKIP LOCKED}, re-checking that each is still due and SCHEDULED) in
 * chunks of the number still wanted, so that every row it locks is one it takes, and a claimer
 * whose first candidates another holds goes on to the next.
 */
final class LockThenLeaseClaims implements DueClaims {
  private static final int H2_CANDIDATES = 4;
  private static final String ORDER = " ORDER BY priority DESC, next_run_at, id";

  private final Jdbc jdbc;
  private final JobRows rows;
  private final boolean candidatesFirst;
  private final SqlPerCount lockDue;
  private final SqlPerCount candidates;
  private final SqlPerCount lockIds;
  private final SqlPerCount lease;

  LockThenLeaseClaims(Jdbc jdbc, JobRows rows, boolean candidatesFirst) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.candidatesFirst = candidatesFirst;
    String jobs = jdbc.tables().jobs();
    String clock = jdbc.clockExpression();
    String due = ", " + clock + " AS claim_now FROM " + jobs
        + " WHERE status = 'SCHEDULED' AND next_run_at <= " + clock + " AND type IN (";
    this.lockDue = new SqlPerCount(n -> jdbc.dialect().limitForUpdateSkipLocked(
        "SELECT " + JobRows.JOB_COLUMNS + due + Jdbc.placeholders(n) + ")" + ORDER));
    this.candidates = new SqlPerCount(n -> jdbc.dialect().limit(
        "SELECT id" + due + Jdbc.placeholders(n) + ")" + ORDER));
    this.lockIds = new SqlPerCount(n -> "SELECT " + JobRows.JOB_COLUMNS + " FROM " + jobs
        + " WHERE status = 'SCHEDULED' AND next_run_at <= ? AND id IN (" + Jdbc.placeholders(n)
        + ") FOR UPDATE SKIP LOCKED");
    this.lease = new SqlPerCount(n -> "UPDATE " + jobs + " SET status = 'RUNNING', "
        + "attempt = attempt + 1, fence = fence + 1, lease_owner = ?, lease_until = ?, "
        + "updated_at = ? WHERE id IN (" + Jdbc.placeholders(n) + ")");
  }

  @Override
  public boolean singleStatement() {
    return false;
  }

  /** Locked rows, and the claim's time (null when nothing was due). */
  private record Locked(List<JobSnapshot> jobs, Instant now) {}

  /** {@code at}: the injected clock's time, or null to read the database's in the first query. */
  @Override
  public List<ClaimedJob> claim(
      Connection c, Instant at, String owner, Set<String> types, int limit, Duration lease)
      throws SQLException {
    Locked found = candidatesFirst
        ? lockCandidates(c, at, types, limit)
        : lockDue(c, at, types, limit);
    List<JobSnapshot> locked = found.jobs();
    if (locked.isEmpty()) {
      return List.of();
    }
    Instant now = found.now();
    List<String> ids = locked.stream().map(JobSnapshot::id).toList();
    Instant until = now.plus(lease).truncatedTo(ChronoUnit.MICROS);
    lease(c, ids, owner, until, now);
    Map<String, Map<String, String>> steps = rows.steps(c, ids);
    List<ClaimedJob> claimed = new ArrayList<>(locked.size());
    for (JobSnapshot job : locked) {
      JobSnapshot leased = job.toBuilder()
          .status(JobStatus.RUNNING)
          .attempt(job.attempt() + 1)
          .fencingToken(job.fencingToken() + 1)
          .lease(owner, until)
          .updatedAt(now)
          .build();
      claimed.add(new ClaimedJob(leased, steps.getOrDefault(job.id(), Map.of()), now));
    }
    claimed.sort(CLAIM_ORDER);
    return claimed;
  }

  private Locked lockDue(Connection c, Instant at, Set<String> types, int limit)
      throws SQLException {
    List<JobSnapshot> locked = new ArrayList<>();
    Instant now = at;
    try (PreparedStatement ps = c.prepareStatement(lockDue.get(types.size()))) {
      bindDue(ps, at, types, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          locked.add(rows.read(rs));
          now = jdbc.timeOf(now, rs, "claim_now");
        }
      }
    }
    return new Locked(locked, now);
  }

  private Locked lockCandidates(Connection c, Instant at, Set<String> types, int limit)
      throws SQLException {
    List<String> candidateIds = new ArrayList<>();
    Instant time = at;
    try (PreparedStatement ps = c.prepareStatement(candidates.get(types.size()))) {
      bindDue(ps, at, types, limit * H2_CANDIDATES);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          candidateIds.add(rs.getString(1));
          time = jdbc.timeOf(time, rs, "claim_now");
        }
      }
    }
    Instant now = time;
    List<JobSnapshot> locked = new ArrayList<>();
    int from = 0;
    while (locked.size() < limit && from < candidateIds.size()) {
      List<String> chunk =
          candidateIds.subList(from, Math.min(candidateIds.size(), from + limit - locked.size()));
      from += chunk.size();
      locked.addAll(rows.query(c, lockIds.get(chunk.size()), ps -> {
        jdbc.dialect().setInstant(ps, 1, now);
        Jdbc.bindAll(ps, 2, chunk);
      }));
    }
    return new Locked(locked, now);
  }

  /** Binds the due-jobs query: the store's time twice (null: the database's), types, limit. */
  private void bindDue(PreparedStatement ps, Instant at, Set<String> types, int limit)
      throws SQLException {
    jdbc.dialect().setInstant(ps, 1, at);
    jdbc.dialect().setInstant(ps, 2, at);
    int next = Jdbc.bindAll(ps, 3, types);
    ps.setInt(next, limit);
  }

  private void lease(Connection c, List<String> ids, String owner, Instant until, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(lease.get(ids.size()))) {
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
