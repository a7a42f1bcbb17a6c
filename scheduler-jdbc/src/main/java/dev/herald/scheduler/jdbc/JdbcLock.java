package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.jdbc.internal.LockRows;
import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link Lock} shared by every node of a database: one row per lock name with its holder, a
 * fencing token incremented on every acquisition, and an expiry judged by the database's clock.
 * A lease not renewed before it expires can be taken over by another node; its holder's renew then
 * fails.
 *
 * <p>Obtain one from {@link JdbcJobStore#lock()}: it uses the store's database, its {@code
 * <prefix>locks} table and its clock. Once its store has {@linkplain JdbcJobStore#close() closed}
 * the database it opened (an H2 file), it refuses every call with an {@link
 * IllegalStateException}. This class is threadsafe.
 */
public final class JdbcLock implements Lock {
  private static final Pattern NAME = Pattern.compile("\\S.{0,190}", Pattern.DOTALL);

  private final LockRows rows;

  JdbcLock(LockRows rows) {
    this.rows = rows;
  }

  @Override
  public Optional<LockLease> tryAcquire(String name, Duration ttl) {
    checkName(name);
    checkTtl(ttl);
    return rows.tryAcquire(name, ttl).map(acquired -> new Lease(name, acquired.token(),
        acquired.expiresAt()));
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "name cannot be null");
    if (name.isBlank() || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "lock name must be 1 to 191 characters and not blank, was '" + name + "'");
    }
  }

  private static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl cannot be null");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
  }

  @Override
  public String toString() {
    return "JdbcLock[" + rows + "]";
  }

  private final class Lease implements LockLease {
    private final String name;
    private final long token;
    private volatile Instant expiresAt;
    private volatile boolean released;

    Lease(String name, long token, Instant expiresAt) {
      this.name = name;
      this.token = token;
      this.expiresAt = expiresAt;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long fencingToken() {
      return token;
    }

    @Override
    public Instant expiresAt() {
      return expiresAt;
    }

    @Override
    public boolean renew(Duration ttl) {
      checkTtl(ttl);
      if (released) {
        return false;
      }
      Optional<Instant> renewed = rows.renew(name, token, ttl);
      renewed.ifPresent(t -> expiresAt = t);
      return renewed.isPresent();
    }

    @Override
    public boolean isValid() {
      return !released && rows.isHeld(name, token);
    }

    @Override
    public void release() {
      if (!released) {
        released = true;
        rows.release(name, token);
      }
    }

    @Override
    public String toString() {
      return "LockLease[" + name + ", token " + token + ", expires " + expiresAt
          + (released ? ", released" : "") + "]";
    }
  }
}
