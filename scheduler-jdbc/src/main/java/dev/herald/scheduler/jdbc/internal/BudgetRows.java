package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.spi.BudgetResult;
import dev.herald.scheduler.spi.LeaseRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;

/**
 * The rows behind rolling budgets: {@code <prefix>budgets}, one row per budget, and {@code
 * <prefix>budget_uses}, one row per use with its job and time. Each take or release runs in one
 * short transaction that first locks the claim's job row (as a step checkpoint does, so the write
 * is fenced against a concurrent takeover) and then the budget's row, which serialises every take
 * and release of that budget across nodes: the count and the insert cannot interleave with another
 * take's. Locks are always taken in that order (job, then budget, then its uses), and a
 * transaction locks one job and one budget, so takes cannot deadlock. A budget's row is created,
 * once, in a transaction of its own before its first take. A take reads only its budget's uses, through the primary
 * key and the {@code (budget, used_at)} index, and first deletes those that left the window.
 * Threadsafe.
 */
public final class BudgetRows {
  private final Jdbc jdbc;

  public BudgetRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public BudgetResult take(LeaseRef lease, String budget, String use, int limit,
      Duration window) {
    String what = "take use '" + use + "' of budget '" + budget + "' for job " + lease.jobId();
    for (int round = 1; ; round++) {
      BudgetResult result = jdbc.inTransaction(what, (c, now) -> {
        if (!holds(c, lease)) {
          return new BudgetResult.LeaseLost();
        }
        if (!lockBudget(c, budget)) {
          return null; // a new budget: create its row, then take again
        }
        deleteUsesAtOrBefore(c, budget, now.minus(window));
        if (moveUse(c, budget, use, lease.jobId(), now)) {
          return new BudgetResult.Taken(now);
        }
        int count = countUses(c, budget);
        if (count < limit) {
          insertUse(c, budget, use, lease.jobId(), now);
          return new BudgetResult.Taken(now);
        }
        // fewer than limit uses will count once the (count - limit + 1) oldest have left
        return new BudgetResult.Full(useTime(c, budget, count - limit).plus(window));
      });
      if (result != null) {
        return result;
      }
      if (round > 1) {
        throw new IllegalStateException(jdbc.describe(what) + ": the row of budget '" + budget
            + "' disappeared right after it was created");
      }
      createBudget(budget);
    }
  }

  public boolean release(LeaseRef lease, String budget, String use) {
    String what = "release use '" + use + "' of budget '" + budget + "' for job " + lease.jobId();
    return jdbc.inTransaction(what, (c, now) -> {
      if (!holds(c, lease)) {
        return false;
      }
      if (!lockBudget(c, budget)) {
        return true; // no such budget: nothing to give back
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + jdbc.tables().budgetUses()
          + " WHERE budget = ? AND use_id = ? AND job_id = ?")) {
        ps.setString(1, budget);
        ps.setString(2, use);
        ps.setString(3, lease.jobId());
        ps.executeUpdate();
      }
      return true;
    });
  }

  /** Locks the claim's job row; whether it is RUNNING under the claim's token. */
  private boolean holds(Connection c, LeaseRef lease) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT fence FROM " + jdbc.tables().jobs()
        + " WHERE id = ? AND status = 'RUNNING' FOR UPDATE")) {
      ps.setString(1, lease.jobId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) == lease.fencingToken();
      }
    }
  }

  /**
   * Creates the budget's row, in a transaction of its own that holds no other lock: inserting it
   * inside a take would, on InnoDB, leave a take that lost the race for the insert with a shared
   * lock it must then upgrade, a deadlock with every other such take. A row another node creates
   * at the same time is as good.
   */
  private void createBudget(String budget) {
    jdbc.inTransaction("create budget '" + budget + "'", (c, now) -> {
      Savepoint savepoint = c.setSavepoint();
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + jdbc.tables().budgets() + " (name) VALUES (?)")) {
        ps.setString(1, budget);
        ps.executeUpdate();
        c.releaseSavepoint(savepoint);
      } catch (SQLException e) {
        if (!jdbc.dialect().isUniqueViolation(e)) {
          throw e;
        }
        c.rollback(savepoint); // created by another take meanwhile
      }
      return null;
    });
  }

  /** Locks the budget's row; false if it does not exist yet. */
  private boolean lockBudget(Connection c, String budget) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT name FROM " + jdbc.tables().budgets() + " WHERE name = ? FOR UPDATE")) {
      ps.setString(1, budget);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private void deleteUsesAtOrBefore(Connection c, String budget, Instant cutoff)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + jdbc.tables().budgetUses()
        + " WHERE budget = ? AND used_at <= ?")) {
      ps.setString(1, budget);
      jdbc.dialect().setInstant(ps, 2, cutoff);
      ps.executeUpdate();
    }
  }

  /** Moves a recorded use to {@code now} and to {@code jobId}; whether it was recorded. */
  private boolean moveUse(Connection c, String budget, String use, String jobId, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + jdbc.tables().budgetUses()
        + " SET used_at = ?, job_id = ? WHERE budget = ? AND use_id = ?")) {
      jdbc.dialect().setInstant(ps, 1, now);
      ps.setString(2, jobId);
      ps.setString(3, budget);
      ps.setString(4, use);
      return ps.executeUpdate() == 1;
    }
  }

  private int countUses(Connection c, String budget) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM " + jdbc.tables().budgetUses() + " WHERE budget = ?")) {
      ps.setString(1, budget);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private void insertUse(Connection c, String budget, String use, String jobId, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + jdbc.tables().budgetUses()
        + " (budget, use_id, job_id, used_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, budget);
      ps.setString(2, use);
      ps.setString(3, jobId);
      jdbc.dialect().setInstant(ps, 4, now);
      ps.executeUpdate();
    }
  }

  /** The time of the budget's use that has {@code older} uses before it. */
  private Instant useTime(Connection c, String budget, int older) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(jdbc.dialect().limitOffset(
        "SELECT used_at FROM " + jdbc.tables().budgetUses() + " WHERE budget = ?"
            + " ORDER BY used_at"))) {
      ps.setString(1, budget);
      ps.setInt(2, 1);
      ps.setInt(3, older);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return jdbc.dialect().getInstant(rs, "used_at");
      }
    }
  }
}
