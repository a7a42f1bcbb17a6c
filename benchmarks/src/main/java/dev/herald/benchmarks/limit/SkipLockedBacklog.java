package dev.herald.benchmarks.limit;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.benchmarks.contender.Backlog;
import dev.herald.benchmarks.db.BulkRows;
import dev.herald.benchmarks.db.Db;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The minimal queue table of {@link SkipLockedEngine}: an id, a status, a due time and an owner,
 * indexed by (status, due time).
 *
 * <p>This class is threadsafe.
 */
public final class SkipLockedBacklog implements Backlog {
  private final Db db;
  private final String table;
  private final HikariDataSource pool;
  private final AtomicLong inserted = new AtomicLong();

  private SkipLockedBacklog(Db db, String table, HikariDataSource pool) {
    this.db = db;
    this.table = table;
    this.pool = pool;
  }

  /** A fresh, empty table on {@code db} (PostgreSQL or MariaDB). */
  public static SkipLockedBacklog on(Db db) {
    String table = "lim" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
        + "_queue";
    String timestamp = db == Db.POSTGRESQL ? "TIMESTAMP WITH TIME ZONE" : "DATETIME(6)";
    HikariDataSource pool = Db.pool(db.url(), "backlog");
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY,"
          + " status VARCHAR(16) NOT NULL, due_at " + timestamp + " NOT NULL,"
          + " owner VARCHAR(64))");
      s.execute("CREATE INDEX " + table + "_due ON " + table + " (status, due_at)");
      return new SkipLockedBacklog(db, table, pool);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new IllegalStateException("creating the queue table " + table + " failed", e);
    }
  }

  @Override
  public void fill(long jobs) {
    if (jobs < 1) {
      return;
    }
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("id", "#");
    columns.put("status", "'SCHEDULED'");
    columns.put("due_at", db == Db.POSTGRESQL ? "now() - interval '1 second'"
        : "NOW(6) - INTERVAL 1 SECOND");
    try (Connection c = pool.getConnection()) {
      new BulkRows(db).insert(c, table, columns, inserted.get() + 1, jobs);
      inserted.addAndGet(jobs);
      db.analyze(c, table);
    } catch (SQLException e) {
      throw new IllegalStateException("filling " + table + " failed", e);
    }
  }

  @Override
  public long remaining() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT COUNT(*) FROM " + table + " WHERE status <> 'DONE'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting the rows of " + table + " failed", e);
    }
  }

  @Override
  public String tables() {
    return table;
  }

  @Override
  public String jdbcUrl() {
    return db.url();
  }

  @Override
  public void close() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + table);
    } catch (SQLException e) {
      throw new IllegalStateException("dropping " + table + " failed", e);
    } finally {
      pool.close();
    }
  }
}
