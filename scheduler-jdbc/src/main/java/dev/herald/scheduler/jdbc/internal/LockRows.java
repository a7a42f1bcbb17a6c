package dev.herald.scheduler.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows behind {@code JdbcLock}: one per name, with holder, fencing token and expiry. A name is
 * free when its row is missing or its expiry has passed (a release sets the expiry to the past).
 * Threadsafe.
 */
public final class LockRows {
  private static final Instant RELEASED = Instant.parse("1970-01-01T00:00:00Z");

  /**
   * A successful acquisition.
   *
   * @param token the fencing token
   * @param expiresAt the lease's expiry
   */
  public record Acquired(long token, Instant expiresAt) {}

  private final Jdbc jdbc;
  private final String table;
  private final String holder = UUID.randomUUID().toString();

  public LockRows(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.table = jdbc.tables().locks();
  }

  /** Acquires {@code name} if free or expired. */
  public Optional<Acquired> tryAcquire(String name, Duration ttl) {
    return jdbc.inTransaction("acquire lock '" + name + "'", (c, now) -> {
      Instant until = now.plus(ttl);
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET owner = ?, "
          + "token = token + 1, expires_at = ? WHERE name = ? AND expires_at <= ?")) {
        ps.setString(1, holder);
        jdbc.dialect().setInstant(ps, 2, until);
        ps.setString(3, name);
        jdbc.dialect().setInstant(ps, 4, now);
        if (ps.executeUpdate() == 1) {
          try (PreparedStatement read = c.prepareStatement(
              "SELECT token FROM " + table + " WHERE name = ?")) {
            read.setString(1, name);
            try (ResultSet rs = read.executeQuery()) {
              rs.next();
              return Optional.of(new Acquired(rs.getLong(1), until));
            }
          }
        }
      }
      Savepoint savepoint = c.setSavepoint();
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + table + " (name, owner, token, expires_at) VALUES (?, ?, 1, ?)")) {
        ps.setString(1, name);
        ps.setString(2, holder);
        jdbc.dialect().setInstant(ps, 3, until);
        ps.executeUpdate();
        c.releaseSavepoint(savepoint);
        return Optional.of(new Acquired(1, until));
      } catch (SQLException e) {
        if (!jdbc.dialect().isUniqueViolation(e)) {
          throw e;
        }
        c.rollback(savepoint); // the row exists and is held
        return Optional.empty();
      }
    });
  }

  /** Extends the lease if still held under {@code token}; the new expiry, or empty if lost. */
  public Optional<Instant> renew(String name, long token, Duration ttl) {
    return jdbc.inTransaction("renew lock '" + name + "'", (c, now) -> {
      Instant until = now.plus(ttl);
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET expires_at = ? "
          + "WHERE name = ? AND token = ? AND expires_at > ?")) {
        jdbc.dialect().setInstant(ps, 1, until);
        ps.setString(2, name);
        ps.setLong(3, token);
        jdbc.dialect().setInstant(ps, 4, now);
        return ps.executeUpdate() == 1 ? Optional.of(until) : Optional.<Instant>empty();
      }
    });
  }

  /** Whether {@code name} is held under {@code token} and not expired. */
  public boolean isHeld(String name, long token) {
    return jdbc.inTransaction("check lock '" + name + "'", (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM " + table + " WHERE name = ? AND token = ? AND expires_at > ?")) {
        ps.setString(1, name);
        ps.setLong(2, token);
        jdbc.dialect().setInstant(ps, 3, now);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** Releases {@code name} if still held under {@code token}; never a later holder's lease. */
  public void release(String name, long token) {
    jdbc.inTransaction("release lock '" + name + "'", (c, now) -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET owner = NULL, "
          + "expires_at = ? WHERE name = ? AND token = ?")) {
        jdbc.dialect().setInstant(ps, 1, RELEASED);
        ps.setString(2, name);
        ps.setLong(3, token);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public String toString() {
    return jdbc.dialect().database() + ", table " + table;
  }
}
