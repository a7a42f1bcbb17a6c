package dev.herald.benchmarks.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A reading of a server's own work counters, server-wide: transactions and statements. The
 * difference of two readings around a run, divided by its executions, is what one execution
 * costs the database (other sessions' work included, so run on a quiet server).
 *
 * <ul>
 *   <li>PostgreSQL: transactions are {@code pg_stat_database.xact_commit + xact_rollback} of the
 *       current database; statements are {@code sum(calls)} of {@code pg_stat_statements} when that
 *       extension is installed, else unknown.
 *   <li>MariaDB: transactions are {@code Handler_commit} (every commit inside the engine, autocommit
 *       statements included); {@code Com_commit} counts explicit COMMITs; statements are {@code
 *       Questions}.
 * </ul>
 *
 * @param transactions transactions committed or rolled back
 * @param explicitCommits explicit COMMIT statements (MariaDB), else empty
 * @param statements statements run, if the server counts them
 */
public record Counters(long transactions, OptionalLong explicitCommits, OptionalLong statements) {
  private static final long OWN_TRANSACTIONS = 5;


  /** Reads the counters of {@code db} (PostgreSQL or MariaDB) on a connection of its own. */
  public static Counters read(Db db) {
    try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
      return switch (db) {
        case POSTGRESQL -> readPostgres(s);
        case MARIADB -> readMariaDb(s);
        case H2 -> throw new IllegalArgumentException("H2 has no server counters");
      };
    } catch (SQLException e) {
      throw new IllegalStateException("reading the counters of " + db + " failed", e);
    }
  }

  private static Counters readPostgres(Statement s) throws SQLException {
    s.execute("SELECT pg_stat_clear_snapshot()");
    long transactions;
    try (ResultSet rs = s.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
        + " WHERE datname = current_database()")) {
      rs.next();
      transactions = rs.getLong(1);
    }
    OptionalLong statements = OptionalLong.empty();
    boolean installed;
    try (ResultSet rs = s.executeQuery(
        "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
      rs.next();
      installed = rs.getLong(1) > 0;
    }
    if (installed) {
      try (ResultSet rs = s.executeQuery("SELECT sum(calls) FROM pg_stat_statements")) {
        rs.next();
        statements = OptionalLong.of(rs.getLong(1));
      }
    }
    return new Counters(transactions, OptionalLong.empty(), statements);
  }

  private static Counters readMariaDb(Statement s) throws SQLException {
    long handlerCommit = 0;
    long comCommit = 0;
    long questions = 0;
    try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
        + " ('Com_commit', 'Handler_commit', 'Questions')")) {
      while (rs.next()) {
        long value = rs.getLong(2);
        switch (rs.getString(1)) {
          case "Com_commit" -> comCommit = value;
          case "Handler_commit" -> handlerCommit = value;
          case "Questions" -> questions = value;
          default -> { }
        }
      }
    }
    return new Counters(handlerCommit, OptionalLong.of(comCommit), OptionalLong.of(questions));
  }

  /**
   * Reads the counters of {@code db} once they have settled: PostgreSQL publishes a session's
   * counts when the session ends or idles, so a reading right after a run can miss its last
   * transactions. Reads until two readings {@code pause} apart differ by no more than the readings'
   * own few transactions, for at most ten readings.
   */
  public static Counters settled(Db db, Duration pause) throws InterruptedException {
    Counters last = read(db);
    for (int i = 0; i < 10; i++) {
      Thread.sleep(pause.toMillis());
      Counters next = read(db);
      if (next.transactions - last.transactions <= OWN_TRANSACTIONS) {
        return next;
      }
      last = next;
    }
    return last;
  }

  /** The work done between {@code earlier} and this reading. */
  public Counters minus(Counters earlier) {
    return new Counters(
        transactions - earlier.transactions,
        minus(explicitCommits, earlier.explicitCommits),
        minus(statements, earlier.statements));
  }

  private static OptionalLong minus(OptionalLong later, OptionalLong earlier) {
    return later.isPresent() && earlier.isPresent()
        ? OptionalLong.of(later.getAsLong() - earlier.getAsLong())
        : OptionalLong.empty();
  }
}
