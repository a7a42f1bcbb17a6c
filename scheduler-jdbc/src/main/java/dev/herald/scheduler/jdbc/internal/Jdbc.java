package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Runs units of work in short READ COMMITTED transactions on connections from a {@link DataSource},
 * with no round trip to the database beyond the work's own statements and its commit (see {@link
 * Sessions}), and turns {@link SQLException}s into {@link JdbcStoreException}s that say what was
 * attempted. Also the store's clock: the database's (the default) or an injected one for tests,
 * and its lifecycle: a store that opened its database itself (an {@link H2File}) closes it with
 * {@link #close()}, after which every unit of work fails. Threadsafe.
 */
public final class Jdbc {
  private static final int CONFLICT_ATTEMPTS = 4;

  /**
   * A unit of work inside a transaction; {@code now} is the store's time at its start (null, for
   * {@link #inStatement} on the database's clock, when the statement reads the clock itself).
   */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection, Instant now) throws SQLException;
  }

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final Tables tables;
  private final InstantSource clock;
  private final H2File owned;
  private final Sessions sessions = new Sessions();
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
    return retrying(what, () -> transaction(work, true));
  }

  /**
   * Runs {@code work} as {@link #inTransaction}, without reading the time first: on the database's
   * clock {@code now} is null, and {@code work} reads the time in its own first statement ({@link
   * #clockColumn()}, {@link #timeOf}), saving a round trip.
   */
  public <T> T inTransactionClockInline(String what, Work<T> work) {
    return retrying(what, () -> transaction(work, false));
  }

  /** A select-list expression for the database's current time, read by {@link #timeOf}. */
  public String clockColumn() {
    return dialect.currentTime();
  }

  /**
   * The store's time inside a statement: one parameter, bound to {@code now} as a work of {@link
   * #inTransactionClockInline} got it (null on the database's clock). Not for PostgreSQL's WHERE
   * clauses, where {@code clock_timestamp()} is volatile and defeats index ranges.
   */
  public String clockExpression() {
    return "COALESCE(" + dialect.instantParameter() + ", " + dialect.currentTime() + ")";
  }

  /**
   * The store's time for a work of {@link #inTransactionClockInline}: {@code now} if it got one,
   * else the database's time in {@code column} of the current row of {@code rs}, to the
   * microsecond.
   */
  public Instant timeOf(Instant now, ResultSet rs, String column) throws SQLException {
    return now != null ? now : dialect.getInstant(rs, column).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Runs {@code work}, which executes exactly one statement, as its own transaction: in autocommit
   * mode when the connection is in autocommit at READ COMMITTED (one round trip, no {@code BEGIN}
   * or {@code COMMIT}), otherwise in a transaction as {@link #inTransaction}. {@code work} gets the
   * injected clock's time, or null when the statement must read the database's clock itself.
   * Retried on conflicts as {@link #inTransaction}.
   */
  public <T> T inStatement(String what, Work<T> work) {
    return retrying(what, () -> statement(work));
  }

  private <T> T retrying(String what, SqlCall<T> call) {
    if (closed) {
      throw new IllegalStateException(
          String.format(
              "%s is closed (it closed the database it had opened): cannot %s. Build a new store"
                  + " to open the database again.",
              storeName(), what));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (SQLException e) {
        if (attempt >= CONFLICT_ATTEMPTS || !isConflict(e) || !pause(attempt)) {
          throw new JdbcStoreException(describe(what), e);
        }
      }
    }
  }

  @FunctionalInterface
  private interface SqlCall<T> {
    T call() throws SQLException;
  }

  private <T> T statement(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (c.getAutoCommit() && sessions.isolation(c) == Connection.TRANSACTION_READ_COMMITTED) {
        return work.run(c, clock == null ? null : clockNow());
      }
      return transaction(c, work, false);
    }
  }

  private <T> T transaction(Work<T> work, boolean readNow) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return transaction(c, work, readNow);
    }
  }

  /**
   * One transaction on a pooled connection, leaving the connection as it came. The connection's
   * isolation level is read once per physical connection ({@link Sessions}); READ COMMITTED, the
   * default of PostgreSQL and H2, costs nothing further. Otherwise the dialect's {@code SET
   * TRANSACTION} statement raises it for this transaction only (MariaDB's default is REPEATABLE
   * READ), or JDBC sets and restores it.
   */
  private <T> T transaction(Connection c, Work<T> work, boolean readNow) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    int isolation = sessions.isolation(c);
    boolean readCommitted = isolation == Connection.TRANSACTION_READ_COMMITTED;
    String setForTransaction = dialect.readCommittedForOneTransaction();
    boolean restoreIsolation = false;
    try {
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      if (!readCommitted && setForTransaction != null) {
        try (Statement s = c.createStatement()) {
          s.execute(setForTransaction);
        }
      } else if (!readCommitted) {
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        restoreIsolation = true;
      }
      T result = work.run(c, readNow ? now(c) : clock == null ? null : clockNow());
      c.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      restore(c, autoCommit, restoreIsolation ? isolation : -1);
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
      return clockNow();
    }
    try (PreparedStatement ps = c.prepareStatement(dialect.currentTimeQuery());
        var rs = ps.executeQuery()) {
      rs.next();
      return dialect.getInstant(rs, 1).truncatedTo(ChronoUnit.MICROS);
    }
  }

  private Instant clockNow() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
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

  /** Restores autocommit if it was on, and {@code isolation} unless it is -1. */
  private static void restore(Connection c, boolean autoCommit, int isolation) {
    try {
      if (isolation != -1) {
        c.setTransactionIsolation(isolation);
      }
      if (autoCommit) {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // the connection is being closed (or returned to its pool, which resets it) anyway
    }
  }
}
