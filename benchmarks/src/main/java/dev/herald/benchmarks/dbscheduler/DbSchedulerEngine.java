package dev.herald.benchmarks.dbscheduler;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.MySQL8JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.benchmarks.contender.Engine;
import dev.herald.benchmarks.db.Db;
import dev.herald.benchmarks.herald.HeraldEngine;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A db-scheduler node with Herald's settings: {@value HeraldEngine#THREADS} threads, a pool of
 * {@link Db#POOL_SIZE} connections, a 1 s polling interval, timestamps in UTC, and one of
 * db-scheduler's two polling strategies with its default limits. On MariaDB, lock-and-fetch uses
 * db-scheduler's MySQL 8 customization, since its MariaDB one supports only fetch-and-lock.
 *
 * <p>This class is threadsafe.
 */
public final class DbSchedulerEngine implements Engine {
  /** The task name of every benchmark execution. */
  static final String TASK = "noop";

  /** db-scheduler's polling strategies. */
  public enum Polling {
    /** {@code pollUsingLockAndFetch(0.5, 1.0)}: one {@code UPDATE … SKIP LOCKED} per batch. */
    LOCK_AND_FETCH("lock-and-fetch"),
    /** {@code pollUsingFetchAndLockOnExecute(0.5, 3.0)}: a SELECT, then one UPDATE per execution. */
    FETCH_AND_LOCK_ON_EXECUTE("fetch-and-lock-on-execute");

    private final String label;

    Polling(String label) {
      this.label = label;
    }

    /** "lock-and-fetch", "fetch-and-lock-on-execute". */
    public String label() {
      return label;
    }
  }

  private final LongAdder executed = new LongAdder();
  private final HikariDataSource pool;
  private final Scheduler scheduler;

  /** A node named {@code nodeName} on db-scheduler's table {@code table} at {@code jdbcUrl}. */
  public DbSchedulerEngine(String jdbcUrl, String table, String nodeName, Polling polling) {
    this.pool = Db.pool(jdbcUrl, nodeName);
    OneTimeTask<Void> task = Tasks.oneTime(TASK).execute((instance, ctx) -> executed.increment());
    SchedulerBuilder builder = Scheduler.create(pool, task)
        .tableName(table)
        .schedulerName(new SchedulerName.Fixed(nodeName))
        .threads(HeraldEngine.THREADS)
        .pollingInterval(HeraldEngine.POLL_INTERVAL)
        .alwaysPersistTimestampInUTC()
        .shutdownMaxWait(Duration.ofSeconds(30));
    if (jdbcUrl.startsWith("jdbc:mariadb:") && polling == Polling.LOCK_AND_FETCH) {
      // db-scheduler's MariaDB customization refuses lock-and-fetch; its MySQL 8 one issues
      // SELECT … FOR UPDATE SKIP LOCKED, which MariaDB supports since 10.6
      builder = builder.jdbcCustomization(new MySQL8JdbcCustomization(true));
    }
    builder = switch (polling) {
      case LOCK_AND_FETCH -> builder.pollUsingLockAndFetch(0.5, 1.0);
      case FETCH_AND_LOCK_ON_EXECUTE -> builder.pollUsingFetchAndLockOnExecute(0.5, 3.0);
    };
    this.scheduler = builder.build();
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
      scheduler.stop();
    } finally {
      pool.close();
    }
  }
}
