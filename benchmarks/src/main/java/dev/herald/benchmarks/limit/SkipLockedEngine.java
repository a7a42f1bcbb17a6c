package dev.herald.benchmarks.limit;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.benchmarks.contender.Engine;
import dev.herald.benchmarks.db.Db;
import dev.herald.benchmarks.herald.HeraldEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The database's own limit for a claim-then-complete queue: {@value HeraldEngine#THREADS} threads
 * on a pool of {@link Db#POOL_SIZE} connections, each looping over "claim up to {@value #BATCH}
 * due rows with {@code FOR UPDATE SKIP LOCKED} and mark them RUNNING (one transaction), run them,
 * mark them DONE (one statement)" until nothing is due. No scheduler logic at all: what is left of
 * a scheduler's cost when every feature is taken away. Sessions run at READ COMMITTED; a step that
 * InnoDB picks as a deadlock victim is run again.
 *
 * <p>This class is threadsafe.
 */
public final class SkipLockedEngine implements Engine {
  /** Rows per claim: a node's worker threads, the most a Herald poller claims at once. */
  static final int BATCH = HeraldEngine.THREADS;

  private final Db db;
  private final String table;
  private final String owner;
  private final HikariDataSource pool;
  private final LongAdder executed = new LongAdder();
  private final ExecutorService threads = Executors.newFixedThreadPool(HeraldEngine.THREADS);

  /** A loop named {@code owner} over the table {@code table} at {@code jdbcUrl}. */
  public SkipLockedEngine(String jdbcUrl, String table, String owner) {
    this.db = jdbcUrl.startsWith("jdbc:postgresql:") ? Db.POSTGRESQL : Db.MARIADB;
    this.table = table;
    this.owner = owner;
    this.pool = Db.pool(jdbcUrl, owner);
  }

  @Override
  public void go() {
    for (int i = 0; i < HeraldEngine.THREADS; i++) {
      threads.execute(this::drain);
    }
  }

  private void drain() {
    try (Connection c = pool.getConnection()) {
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      for (List<Long> batch = retried(() -> claim(c)); !batch.isEmpty();
          batch = retried(() -> claim(c))) {
        batch.forEach(id -> executed.increment());
        List<Long> done = batch;
        retried(() -> complete(c, done));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the SKIP LOCKED loop on " + table + " failed", e);
    }
  }

  /** A step of the loop, run again when InnoDB picks it as a deadlock victim (SQLState 40001). */
  private interface Step<T> {
    T run() throws SQLException;
  }

  private static <T> T retried(Step<T> step) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run();
      } catch (SQLException e) {
        if (!"40001".equals(e.getSQLState()) || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private List<Long> claim(Connection c) throws SQLException {
    if (db == Db.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
          + " SET status = 'RUNNING', owner = ? WHERE id IN (SELECT id FROM " + table
          + " WHERE status = 'SCHEDULED' AND due_at <= now() ORDER BY due_at LIMIT " + BATCH
          + " FOR UPDATE SKIP LOCKED) RETURNING id")) {
        ps.setString(1, owner);
        return ids(ps.executeQuery());
      }
    }
    c.setAutoCommit(false);
    try {
      List<Long> ids;
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table
          + " WHERE status = 'SCHEDULED' AND due_at <= NOW(6) ORDER BY due_at LIMIT " + BATCH
          + " FOR UPDATE SKIP LOCKED")) {
        ids = ids(ps.executeQuery());
      }
      if (!ids.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
            + " SET status = 'RUNNING', owner = ? WHERE id IN (" + placeholders(ids) + ")")) {
          ps.setString(1, owner);
          for (int i = 0; i < ids.size(); i++) {
            ps.setLong(i + 2, ids.get(i));
          }
          ps.executeUpdate();
        }
      }
      c.commit();
      return ids;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private int complete(Connection c, List<Long> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
        + " SET status = 'DONE' WHERE owner = ? AND id IN (" + placeholders(ids) + ")")) {
      ps.setString(1, owner);
      for (int i = 0; i < ids.size(); i++) {
        ps.setLong(i + 2, ids.get(i));
      }
      return ps.executeUpdate();
    }
  }

  private static List<Long> ids(ResultSet rs) throws SQLException {
    try (rs) {
      List<Long> ids = new ArrayList<>(BATCH);
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
      return ids;
    }
  }

  private static String placeholders(List<Long> ids) {
    return String.join(", ", Collections.nCopies(ids.size(), "?"));
  }

  @Override
  public long executed() {
    return executed.sum();
  }

  @Override
  public void close() {
    threads.shutdown();
    try {
      threads.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pool.close();
    }
  }
}
