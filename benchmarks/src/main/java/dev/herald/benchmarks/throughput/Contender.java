package dev.herald.benchmarks.throughput;

import dev.herald.benchmarks.contender.Backlog;
import dev.herald.benchmarks.contender.Engine;
import dev.herald.benchmarks.db.Db;
import dev.herald.benchmarks.dbscheduler.DbSchedulerBacklog;
import dev.herald.benchmarks.dbscheduler.DbSchedulerEngine;
import dev.herald.benchmarks.dbscheduler.DbSchedulerEngine.Polling;
import dev.herald.benchmarks.herald.HeraldBacklog;
import dev.herald.benchmarks.herald.HeraldEngine;
import dev.herald.benchmarks.limit.SkipLockedBacklog;
import dev.herald.benchmarks.limit.SkipLockedEngine;
import java.nio.file.Path;

/** The systems whose throughput is measured, each able to make its backlog and its nodes. */
public enum Contender {
  HERALD("Herald"),
  DB_SCHEDULER_LOCK_AND_FETCH("db-scheduler lock-and-fetch"),
  DB_SCHEDULER_FETCH_AND_LOCK("db-scheduler fetch-and-lock-on-execute"),
  DB_LIMIT("DB limit (plain SKIP LOCKED loop)");

  private final String label;

  Contender(String label) {
    this.label = label;
  }

  /** The name in the report. */
  public String label() {
    return label;
  }

  /** A fresh, empty backlog on {@code db} ({@code null}: Herald's in-memory store). */
  Backlog backlog(Db db, Path workDir) {
    return switch (this) {
      case HERALD -> db == null ? HeraldBacklog.inMemory() : HeraldBacklog.on(db, workDir);
      case DB_SCHEDULER_LOCK_AND_FETCH, DB_SCHEDULER_FETCH_AND_LOCK -> DbSchedulerBacklog.on(db);
      case DB_LIMIT -> SkipLockedBacklog.on(db);
    };
  }

  /** A node working on the jobs in {@code tables} at {@code jdbcUrl}, connected and idle. */
  Engine node(String jdbcUrl, String tables, String nodeName) {
    return switch (this) {
      case HERALD -> HeraldEngine.onDatabase(jdbcUrl, tables, nodeName);
      case DB_SCHEDULER_LOCK_AND_FETCH ->
          new DbSchedulerEngine(jdbcUrl, tables, nodeName, Polling.LOCK_AND_FETCH);
      case DB_SCHEDULER_FETCH_AND_LOCK ->
          new DbSchedulerEngine(jdbcUrl, tables, nodeName, Polling.FETCH_AND_LOCK_ON_EXECUTE);
      case DB_LIMIT -> new SkipLockedEngine(jdbcUrl, tables, nodeName);
    };
  }
}
