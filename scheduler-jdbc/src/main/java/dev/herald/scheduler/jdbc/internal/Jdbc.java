package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Runs units of work in short READ COMMITTED transactions on connections from a {@link DataSource},
 * and turns {@link SQLException}s into {@link JdbcStoreException}s that say what was attempted.
 * Also the store's clock: the database's (the default) or an injected one for tests, and its
 * lifecycle: a store that opened its database itself (an {@link H2File}) closes it with {@link
 * #close()}, after which every unit of work fails. Threadsafe.
 */
public final class Jdbc {
  private static final int CONFLICT_ATTEMPTS = 4;

  /** A unit of work inside a transaction; {@code now} is the store's time at its start. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection, Instant now) throws SQLException;
  }

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final Tables tables;
  private final InstantSource clock;
  private final H2File owned;
  private volatile boolean closed;

  /**
   * Units of work on the caller's {@code dataSource}, which this object never closes.
   *
   * @param clock the store's clock; null means the database's clock
   */
  public Jdbc(DataSource dataSource, SqlDialect dialect, Tables tables, InstantSource clock) {
    this(dataSource, dialect, tables, clock, null);
  }

  /**
   * Units of work on {@code dataSource}.
   *
   * @param clock the store's clock; null means the database's clock
   * @param owned the database the store opened itself, closed by {@link #close()}; null if none
   */
  public Jdbc(
      DataSource dataSource, SqlDialect dialect, Tables tables, InstantSource clock, H2File owned) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.tables = tables;
    this.clock = clock;
    this.owned = owned;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  public Tables tables() {
    return tables;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs {@code work} in a transaction and commits it; rolls back on any failure. A transaction the
   * database aborted to break a deadlock or a serialization conflict (SQLState class 40) is run
   * again, up to {@value #CONFLICT_ATTEMPTS} times in all: InnoDB picks such victims even among
   * short transactions that lock rows in the same order, and the database has rolled the work back,
   * so running it again is safe ({@code work} must have no effect outside the transaction).
   *
   * @param what the operation, for the error message ("claim due jobs")
   */
  public <T> T inTransaction(String what, Work<T> work) {
    if (closed) {
      throw new IllegalStateException(
          String.format(
              "%s is closed (it closed the database it had opened): cannot %s. Build a new store"
                  + " to open the database again.",
              storeName(), what));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (SQLException e) {
        if (attempt >= CONFLICT_ATTEMPTS || !isConflict(e) || !pause(attempt)) {
          throw new JdbcStoreException(describe(what), e);
        }
      }
    }
  }

  private <T> T once(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      try {
        c.setAutoCommit(false);
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
          c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        T result = work.run(c, now(c));
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        restore(c, autoCommit, isolation);
      }
    }
  }

  /** Whether {@code e}, or an exception it wraps, is a deadlock or serialization failure. */
  static boolean isConflict(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && s.getSQLState() != null
          && s.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }

  /** Waits a little before running a conflicting transaction again; false if interrupted. */
  private static boolean pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25) * attempt);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The store's current time, read on {@code c}, to the microsecond. */
  public Instant now(Connection c) throws SQLException {
    if (clock != null) {
      return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
    try (PreparedStatement ps = c.prepareStatement(dialect.currentTimeQuery());
        var rs = ps.executeQuery()) {
      rs.next();
      return dialect.getInstant(rs, 1).truncatedTo(ChronoUnit.MICROS);
    }
  }

  /** The store's current time, in its own short transaction. */
  public Instant now() {
    return inTransaction("read the current time", (c, now) -> now);
  }

  /**
   * "{@code what} on {@code <database>} (tables {@code <prefix>*})", the database being "H2 file
   * /path/name.mv.db" for a file the store opened.
   */
  public String describe(String what) {
    return what + " on " + database() + " (tables " + tables.prefix() + "*)";
  }

  /** "JdbcJobStore[H2 file /path/name.mv.db, tables herald_*]", for messages and toString. */
  public String storeName() {
    return String.format(
        "JdbcJobStore[%s, tables %s*%s]",
        database(), tables.prefix(), clock == null ? "" : ", injected clock");
  }

  private String database() {
    return owned != null ? owned.toString() : dialect.database().toString();
  }

  /**
   * Closes the database the store opened itself; afterwards every unit of work fails with an
   * IllegalStateException. A no-op, leaving the store usable, when the store opened nothing (the
   * caller's DataSource stays the caller's). Idempotent.
   */
  public void close() {
    if (owned != null) {
      closed = true;
      owned.close();
    }
  }

  /** {@code ?, ?, ?} for {@code n} parameters. */
  public static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** Binds {@code values} as strings from {@code index}; returns the next index. */
  public static int bindAll(PreparedStatement ps, int index, Collection<String> values)
      throws SQLException {
    for (String v : values) {
      ps.setString(index++, v);
    }
    return index;
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void restore(Connection c, boolean autoCommit, int isolation) {
    try {
      if (c.getTransactionIsolation() != isolation) {
        c.setTransactionIsolation(isolation);
      }
      c.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      // the connection is being closed (or returned to its pool, which resets it) anyway
    }
  }
}
