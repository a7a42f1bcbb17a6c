package dev.herald.scheduler.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.spi.JobStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A manual benchmark, not part of the test suite (its name does not end in Test): no-op jobs
 * through a {@link Scheduler} on a {@link JdbcJobStore} on the local PostgreSQL, with the
 * executions per second and the database transactions per execution ({@code pg_stat_database}).
 *
 * <p>Run from the test class path: {@code java -cp … dev.herald.scheduler.jdbc.
 * ThroughputBenchmarkMain [jobs] [threads] [futureRows]}; defaults 20,000 jobs, 10 threads, no
 * future rows. It also counts the store's calls per method. The transaction count includes
 * whatever else uses the database meanwhile.
 */
public final class ThroughputBenchmarkMain {
  private ThroughputBenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int future = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    TestDatabase db = TestDatabase.POSTGRESQL;
    String prefix = TestDatabase.uniquePrefix("bench");
    try (HikariDataSource ds = db.newPool(threads + 2)) {
      JdbcJobStore store = JdbcJobStore.builder(ds).tablePrefix(prefix).build();
      Map<String, long[]> calls = new ConcurrentSkipListMap<>();
      try {
        insert(ds, prefix, jobs, "now() - interval '1 minute'", "due");
        if (future > 0) {
          insert(ds, prefix, future, "now() + interval '1 day'", "later");
        }
        CountDownLatch ran = new CountDownLatch(jobs);
        Scheduler scheduler =
            Scheduler.builder()
                .store(counting(store, calls))
                .threads(threads)
                .pollInterval(Duration.ofSeconds(1))
                .register("noop", ctx -> ran.countDown())
                .build();
        long commitsBefore = commits(ds);
        long start = System.nanoTime();
        scheduler.start();
        if (!ran.await(10, TimeUnit.MINUTES)) {
          throw new IllegalStateException(ran.getCount() + " jobs did not run");
        }
        int polls = 0;
        while (completed(ds, prefix) < jobs) {
          polls++;
          Thread.sleep(20);
        }
        long elapsed = System.nanoTime() - start;
        long commits = commits(ds) - commitsBefore - 2L * polls - 1;
        scheduler.close();
        System.out.printf(
            "%d jobs, %d threads, %d future rows: %.0f exec/s, %d transactions (%.3f per"
                + " execution)%n",
            jobs,
            threads,
            future,
            jobs / (elapsed / 1e9),
            commits,
            commits / (double) jobs);
        calls.forEach(
            (method, c) ->
                System.out.printf(
                    "  %-12s %6d calls, %8d items, %.2f ms each%n",
                    method, c[0], c[1], c[2] / 1e6 / Math.max(1, c[0])));
      } finally {
        db.dropTables(ds, prefix);
      }
    }
  }

  /** {@code store}, counting calls, items (claimed, completed) and time per method. */
  private static JobStore counting(JobStore store, Map<String, long[]> calls) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) -> {
              long start = System.nanoTime();
              Object result;
              try {
                result = method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              long[] c = calls.computeIfAbsent(method.getName(), k -> new long[3]);
              synchronized (c) {
                c[0]++;
                c[1] += result instanceof Collection<?> r ? r.size() : 0;
                c[2] += System.nanoTime() - start;
              }
              return result;
            });
  }

  private static void insert(HikariDataSource ds, String prefix, int n, String due, String idPart)
      throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO "
              + prefix
              + "jobs (id, type, status, trigger_spec, payload, priority, misfire_spec, unique_key,"
              + " next_run_at, fire_at, attempt, fence, completed_fence, lease_owner, lease_until,"
              + " pending_action, last_error, created_at, updated_at) SELECT '"
              + idPart
              + "-' || g, 'noop', 'SCHEDULED', 'once:2026-01-01T00:00:00Z', NULL, 0, 'coalesce',"
              + " NULL, "
              + due
              + ", "
              + due
              + ", 0, 0, NULL, NULL, NULL, NULL, NULL, now(), now() FROM generate_series(1, "
              + n
              + ") g");
      s.execute("ANALYZE " + prefix + "jobs");
    }
  }

  private static long commits(HikariDataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pg_stat_clear_snapshot(), xact_commit FROM pg_stat_database"
                    + " WHERE datname = 'test'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  private static long completed(HikariDataSource ds, String prefix) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status = 'COMPLETED'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
