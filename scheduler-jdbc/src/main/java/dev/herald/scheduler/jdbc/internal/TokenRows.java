package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.internal.TokenCipher.Sealed;
import dev.herald.scheduler.publish.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements on {@code <prefix>tokens}, each run on the caller's connection inside its
 * transaction. A row is keyed by platform, instance ({@code ''} for a target without one) and
 * account; {@code version} is bumped by every write that changes the credentials, and {@code
 * refresh_owner}/{@code refresh_until} are the refresh lease. Stateless apart from its table name;
 * threadsafe.
 */
public final class TokenRows {
  /** The longest platform, instance or account the table holds. */
  public static final int MAX_KEY_LENGTH = 191;

  /**
   * A stored row.
   *
   * @param version the credentials' version
   * @param keyId the id of the key that encrypted them
   * @param secret the sealed credentials
   * @param refreshUntil the end of the refresh lease, or null if none was taken
   */
  public record Row(long version, String keyId, byte[] secret, Instant refreshUntil) {}

  private static final String KEY = " WHERE platform = ? AND instance = ? AND account = ?";

  private final Jdbc jdbc;
  private final String table;

  public TokenRows(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.table = jdbc.tables().tokens();
  }

  /** The row of {@code target}, if any. */
  public Optional<Row> read(Connection c, Target target) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT version, key_id, secret, refresh_until FROM " + table + KEY)) {
      bindKey(ps, 1, target);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Row(rs.getLong("version"), rs.getString("key_id"),
            rs.getBytes("secret"), jdbc.dialect().getInstant(rs, "refresh_until")));
      }
    }
  }

  /** Stores {@code sealed} for {@code target}, inserting the row or bumping its version. */
  public void upsert(Connection c, Target target, Sealed sealed, Instant now) throws SQLException {
    if (overwrite(c, target, sealed, now)) {
      return;
    }
    Savepoint savepoint = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (platform, instance,"
        + " account, key_id, secret, version, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)")) {
      int i = bindKey(ps, 1, target);
      ps.setString(i++, sealed.keyId());
      ps.setBytes(i++, sealed.bytes());
      jdbc.dialect().setInstant(ps, i, now);
      ps.executeUpdate();
      c.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      if (!jdbc.dialect().isUniqueViolation(e)) {
        throw e;
      }
      c.rollback(savepoint); // another writer inserted the row meanwhile: overwrite theirs
      if (!overwrite(c, target, sealed, now)) {
        throw e; // and removed it again: report the collision rather than loop
      }
    }
  }

  private boolean overwrite(Connection c, Target target, Sealed sealed, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET key_id = ?,"
        + " secret = ?, version = version + 1, updated_at = ?" + KEY)) {
      ps.setString(1, sealed.keyId());
      ps.setBytes(2, sealed.bytes());
      jdbc.dialect().setInstant(ps, 3, now);
      bindKey(ps, 4, target);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Stores {@code sealed} for {@code target} if its credentials are still at {@code version},
   * bumping it; whether they were.
   */
  public boolean compareAndSet(Connection c, Target target, long version, Sealed sealed,
      Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET key_id = ?,"
        + " secret = ?, version = version + 1, updated_at = ?" + KEY + " AND version = ?")) {
      ps.setString(1, sealed.keyId());
      ps.setBytes(2, sealed.bytes());
      jdbc.dialect().setInstant(ps, 3, now);
      int i = bindKey(ps, 4, target);
      ps.setLong(i, version);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Replaces the ciphertext of unchanged credentials (the same credentials under another key),
   * leaving the version alone, if they are still at {@code version} under {@code keyId}.
   */
  public boolean reseal(Connection c, Target target, long version, String keyId, Sealed sealed)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET key_id = ?,"
        + " secret = ?" + KEY + " AND version = ? AND key_id = ?")) {
      ps.setString(1, sealed.keyId());
      ps.setBytes(2, sealed.bytes());
      int i = bindKey(ps, 3, target);
      ps.setLong(i++, version);
      ps.setString(i, keyId);
      return ps.executeUpdate() == 1;
    }
  }

  /** Deletes the row of {@code target}, if any. */
  public void delete(Connection c, Target target) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + KEY)) {
      bindKey(ps, 1, target);
      ps.executeUpdate();
    }
  }

  /** The targets with a row on {@code platform}. */
  public List<Target> targets(Connection c, String platform) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT instance, account FROM " + table + " WHERE platform = ?")) {
      ps.setString(1, platform);
      return targets(ps, platform);
    }
  }

  /** The targets whose rows were encrypted with another key than {@code keyId}. */
  public List<Target> encryptedWithOtherKeys(Connection c, String keyId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT platform, instance, account FROM " + table + " WHERE key_id <> ?")) {
      ps.setString(1, keyId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Target> targets = new ArrayList<>();
        while (rs.next()) {
          targets.add(target(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
        return targets;
      }
    }
  }

  private static List<Target> targets(PreparedStatement ps, String platform) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      List<Target> targets = new ArrayList<>();
      while (rs.next()) {
        targets.add(target(platform, rs.getString(1), rs.getString(2)));
      }
      return targets;
    }
  }

  private static Target target(String platform, String instance, String account) {
    return instance.isEmpty()
        ? Target.of(platform, account)
        : Target.of(platform, instance, account);
  }

  /**
   * Takes the refresh lease of {@code target} for {@code owner} until {@code until} if its
   * credentials are still at {@code version} and no lease runs at {@code now}; whether it did.
   */
  public boolean takeLease(Connection c, Target target, long version, String owner,
      Instant until, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET refresh_owner = ?,"
        + " refresh_until = ?" + KEY + " AND version = ?"
        + " AND (refresh_until IS NULL OR refresh_until <= ?)")) {
      ps.setString(1, owner);
      jdbc.dialect().setInstant(ps, 2, until);
      int i = bindKey(ps, 3, target);
      ps.setLong(i++, version);
      jdbc.dialect().setInstant(ps, i, now);
      return ps.executeUpdate() == 1;
    }
  }

  /** Ends the refresh lease of {@code target} if {@code owner} still holds it. */
  public void releaseLease(Connection c, Target target, String owner) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET refresh_owner = NULL,"
        + " refresh_until = NULL" + KEY + " AND refresh_owner = ?")) {
      int i = bindKey(ps, 1, target);
      ps.setString(i, owner);
      ps.executeUpdate();
    }
  }

  /** Binds platform, instance ({@code ''} for none) and account from {@code index}; the next. */
  private static int bindKey(PreparedStatement ps, int index, Target target) throws SQLException {
    ps.setString(index, target.platform());
    ps.setString(index + 1, target.instance().orElse(""));
    ps.setString(index + 2, target.account());
    return index + 3;
  }

  @Override
  public String toString() {
    return jdbc.dialect().database() + ", table " + table;
  }
}
