package dev.herald.benchmarks.herald;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.benchmarks.contender.Engine;
import dev.herald.benchmarks.db.Db;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.jdbc.SchemaMode;
import dev.herald.scheduler.spi.JobStore;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Herald node: a {@link Scheduler} with {@value #THREADS} worker threads and a 1 s poll interval
 * (the settings db-scheduler gets too), running the no-op job type {@value #TYPE}.
 *
 * <p>This class is threadsafe.
 */
public final class HeraldEngine implements Engine {
  /** The job type of every benchmark job. */
  public static final String TYPE = "noop";

  /** Worker threads of every node. */
  public static final int THREADS = 10;

  /** The poll interval of every node. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  private final LongAdder executed = new LongAdder();
  private final Scheduler scheduler;
  private final HikariDataSource pool;

  private HeraldEngine(JobStore store, String nodeId, HikariDataSource pool) {
    this.scheduler = builder(store, nodeId).register(TYPE, ctx -> executed.increment()).build();
    this.pool = pool;
  }

  /**
   * A node on {@code store}, which it may share with other nodes of this JVM. Closing the node
   * closes the store, which does nothing for the in-memory store and a store on a DataSource.
   */
  public static HeraldEngine on(JobStore store, String nodeId) {
    return new HeraldEngine(store, nodeId, null);
  }

  /**
   * A node with its own pool of {@link Db#POOL_SIZE} connections to {@code jdbcUrl}, on the tables
   * prefixed {@code tablePrefix} (which exist).
   */
  public static HeraldEngine onDatabase(String jdbcUrl, String tablePrefix, String nodeId) {
    HikariDataSource pool = Db.pool(jdbcUrl, nodeId);
    try {
      return new HeraldEngine(store(pool, tablePrefix, SchemaMode.VALIDATE), nodeId, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Herald's store on {@code pool}, the benchmarks' way: tables prefixed {@code tablePrefix}. */
  static JdbcJobStore store(HikariDataSource pool, String tablePrefix, SchemaMode mode) {
    return JdbcJobStore.builder(pool).tablePrefix(tablePrefix).schemaMode(mode).build();
  }

  /** The builder every Herald node of the benchmarks starts from: the common settings. */
  static SchedulerBuilder builder(JobStore store, String nodeId) {
    return Scheduler.builder()
        .store(store)
        .nodeId(nodeId)
        .threads(THREADS)
        .pollInterval(POLL_INTERVAL);
  }

  @Override
  public void go() {
    scheduler.start();
  }

  @Override
  public long executed() {
    return executed.sum();
  }

  @Override
  public void close() {
    try {
      scheduler.close();
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }
}
