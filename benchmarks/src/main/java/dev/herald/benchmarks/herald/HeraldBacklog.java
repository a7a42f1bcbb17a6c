package dev.herald.benchmarks.herald;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.benchmarks.contender.Backlog;
import dev.herald.benchmarks.db.BulkRows;
import dev.herald.benchmarks.db.Db;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.jdbc.SchemaMode;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Triggers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Herald jobs in a fresh store: in memory, or in tables with a prefix of their own on a database.
 * On a database, one job is inserted through {@link JobStore#insert} and the others are copies of
 * its row made by the server ({@link BulkRows#cloneRow}), a million in seconds.
 *
 * <p>This class is threadsafe.
 */
public final class HeraldBacklog implements Backlog {
  private final Db db;
  private final String jdbcUrl;
  private final String prefix;
  private final HikariDataSource pool;
  private final JobStore store;
  private final AtomicInteger fills = new AtomicInteger();

  private HeraldBacklog(Db db, String jdbcUrl, String prefix, HikariDataSource pool,
      JobStore store) {
    this.db = db;
    this.jdbcUrl = jdbcUrl;
    this.prefix = prefix;
    this.pool = pool;
    this.store = store;
  }

  /** An empty in-memory store. */
  public static HeraldBacklog inMemory() {
    return new HeraldBacklog(null, null, null, null, JobStore.inMemory());
  }

  /** Fresh tables on {@code db}; for H2, a fresh file in {@code workDir}. */
  public static HeraldBacklog on(Db db, Path workDir) {
    String prefix = "hb" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "_";
    String url = db == Db.H2 ? Db.h2Url(workDir.resolve(prefix + "herald")) : db.url();
    HikariDataSource pool = Db.pool(url, "backlog");
    try {
      return new HeraldBacklog(db, url, prefix, pool,
          HeraldEngine.store(pool, prefix, SchemaMode.CREATE));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The store the backlog is in, for probes and in-process nodes. */
  public JobStore store() {
    return store;
  }

  @Override
  public void fill(long jobs) {
    fill(jobs, Instant.now().minusSeconds(1));
  }

  /** Adds {@code jobs} one-time no-op jobs due at {@code runAt}. */
  public void fill(long jobs, Instant runAt) {
    if (jobs < 1) {
      return;
    }
    String ids = "f" + fills.incrementAndGet() + "-";
    Instant at = runAt.truncatedTo(ChronoUnit.MILLIS);
    if (pool == null) {
      for (long i = 0; i < jobs; i++) {
        store.insert(job(ids + i, at));
      }
      return;
    }
    store.insert(job(ids + 0, at));
    try (Connection c = pool.getConnection()) {
      new BulkRows(db).cloneRow(c, prefix + "jobs", "id", ids + 0, ids, 1, jobs - 1, "unique_key");
      db.analyze(c, prefix + "jobs");
    } catch (SQLException e) {
      throw new IllegalStateException("copying job " + ids + 0 + " in " + prefix + "jobs failed", e);
    }
  }

  private static NewJob job(String id, Instant at) {
    return new NewJob(id, HeraldEngine.TYPE, null, Triggers.once(at).spec(), 0,
        MisfirePolicy.coalesce().spec(), null, at, JobStatus.SCHEDULED);
  }

  @Override
  public long remaining() {
    SchedulerStats stats = store.stats(0);
    return stats.count(JobStatus.SCHEDULED) + stats.count(JobStatus.RUNNING);
  }

  @Override
  public String tables() {
    return prefix;
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The claim of {@code limit} due jobs, as a node's poller makes it. */
  public int claim(int limit) {
    return store.claimDue("probe", Set.of(HeraldEngine.TYPE), limit,
        Duration.ofMinutes(5)).size();
  }

  @Override
  public void close() {
    if (pool == null) {
      return;
    }
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      if (db == Db.H2) {
        s.execute("DROP ALL OBJECTS DELETE FILES");
      } else {
        db.dropTables(c, prefix);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("dropping the tables " + prefix + "* failed", e);
    } finally {
      pool.close();
    }
  }
}
