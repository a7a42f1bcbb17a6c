package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.jdbc.internal.Dialects;
import dev.herald.scheduler.jdbc.internal.Jdbc;
import dev.herald.scheduler.jdbc.internal.LockRows;
import dev.herald.scheduler.jdbc.internal.Migrator;
import dev.herald.scheduler.jdbc.internal.SqlDialect;
import dev.herald.scheduler.jdbc.internal.Tables;
import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link Lock} shared by every node of a database: one row per lock name with its holder, a
 * fencing token incremented on every acquisition, and an expiry judged by the database's clock.
 * A lease not renewed before it expires can be taken over by another node; its holder's renew then
 * fails.
 *
 * <p>It uses the {@code <prefix>locks} table created by the same migrations as {@link
 * JdbcJobStore}. This class is threadsafe.
 */
public final class JdbcLock implements Lock {
  private static final Pattern NAME = Pattern.compile("\\S.{0,190}", Pattern.DOTALL);

  private final LockRows rows;

  private JdbcLock(LockRows rows) {
    this.rows = rows;
  }

  /** A builder for a lock on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
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

  /** Builds a {@link JdbcLock}. Not threadsafe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Database database;
    private String tablePrefix = "herald_";
    private SchemaMode schemaMode = SchemaMode.CREATE;
    private InstantSource clock;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource cannot be null");
    }

    /** The database, instead of detecting it. */
    public Builder database(Database database) {
      this.database = Objects.requireNonNull(database, "database cannot be null");
      return this;
    }

    /** The table prefix; default {@code herald_}, as for {@link JdbcJobStore}. */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = new Tables(Objects.requireNonNull(prefix, "prefix cannot be null"))
          .prefix();
      return this;
    }

    /** What to do about the tables at build; default {@link SchemaMode#CREATE}. */
    public Builder schemaMode(SchemaMode mode) {
      this.schemaMode = Objects.requireNonNull(mode, "schemaMode cannot be null");
      return this;
    }

    /** Judge expiry by {@code clock} instead of the database's clock (tests only). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock cannot be null");
      return this;
    }

    /** Builds the lock and applies the schema mode. */
    public JdbcLock build() {
      SqlDialect dialect = database != null ? Dialects.of(database) : Dialects.detect(dataSource);
      Jdbc jdbc = new Jdbc(dataSource, dialect, new Tables(tablePrefix), clock);
      new Migrator(jdbc).apply(schemaMode);
      return new JdbcLock(new LockRows(jdbc));
    }
  }
}
