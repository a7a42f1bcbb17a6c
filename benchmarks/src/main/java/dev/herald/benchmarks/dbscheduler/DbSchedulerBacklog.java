package dev.herald.benchmarks.dbscheduler;

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
 * db-scheduler executions in a fresh {@code scheduled_tasks} table of their own, created from
 * db-scheduler's DDL for the database: {@code db-scheduler/src/test/resources/postgresql_tables.sql}
 * and {@code mariadb_tables.sql} of github.com/kagkarlsson/db-scheduler (the v16 columns and
 * indexes; only the table name differs). A one-time execution's row is deleted when it completes,
 * so the rows left are the executions not yet done.
 *
 * <p>This class is threadsafe.
 */
public final class DbSchedulerBacklog implements Backlog {
  private final Db db;
  private final String table;
  private final HikariDataSource pool;
  private final AtomicLong inserted = new AtomicLong();

  private DbSchedulerBacklog(Db db, String table, HikariDataSource pool) {
    this.db = db;
    this.table = table;
    this.pool = pool;
  }

  /** A fresh, empty table on {@code db} (PostgreSQL or MariaDB). */
  public static DbSchedulerBacklog on(Db db) {
    String table = "dbs" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
        + "_scheduled_tasks";
    HikariDataSource pool = Db.pool(db.url(), "backlog");
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : ddl(db, table)) {
        s.execute(ddl);
      }
      return new DbSchedulerBacklog(db, table, pool);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new IllegalStateException("creating db-scheduler's table " + table + " failed", e);
    }
  }

  private static String[] ddl(Db db, String t) {
    return switch (db) {
      case POSTGRESQL -> new String[] {
        "CREATE TABLE " + t + " (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
            + " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " picked BOOLEAN NOT NULL, picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE,"
            + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
            + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
            + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))",
        "CREATE INDEX " + t + "_execution_time_idx ON " + t + " (execution_time)",
        "CREATE INDEX " + t + "_last_heartbeat_idx ON " + t + " (last_heartbeat)",
        "CREATE INDEX " + t + "_priority_execution_time_idx ON " + t
            + " (priority DESC, execution_time ASC)"
      };
      case MARIADB -> new String[] {
        "CREATE TABLE " + t + " (task_name VARCHAR(100) NOT NULL,"
            + " task_instance VARCHAR(100) NOT NULL, task_data BLOB,"
            + " execution_time TIMESTAMP(6) NOT NULL, picked BOOLEAN NOT NULL,"
            + " picked_by VARCHAR(50), last_success TIMESTAMP(6) NULL,"
            + " last_failure TIMESTAMP(6) NULL, consecutive_failures INT,"
            + " last_heartbeat TIMESTAMP(6) NULL, version BIGINT NOT NULL, priority SMALLINT,"
            + " PRIMARY KEY (task_name, task_instance),"
            + " INDEX execution_time_idx (execution_time),"
            + " INDEX last_heartbeat_idx (last_heartbeat),"
            + " INDEX priority_execution_time_idx (priority DESC, execution_time ASC))"
      };
      case H2 -> throw new IllegalArgumentException("db-scheduler runs on PostgreSQL and MariaDB"
          + " here, was " + db);
    };
  }

  @Override
  public void fill(long jobs) {
    if (jobs < 1) {
      return;
    }
    String now = db == Db.POSTGRESQL ? "now() - interval '1 second'" : "UTC_TIMESTAMP(6) - INTERVAL 1 SECOND";
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("task_name", "'" + DbSchedulerEngine.TASK + "'");
    columns.put("task_instance", db.concat("i", "#"));
    columns.put("task_data", "NULL");
    columns.put("execution_time", now);
    columns.put("picked", "FALSE");
    columns.put("version", "1");
    columns.put("priority", "0");
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
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
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
