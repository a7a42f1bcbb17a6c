package dev.herald.scheduler.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that injects failures into a real one, as Quartz's {@code
 * FlakyJdbcSchedulerTest} does, with a seeded random source so a failing run can be repeated:
 *
 * <ul>
 *   <li>{@link #failGetConnection}: {@code getConnection()} throws, as when the pool cannot reach
 *       the server;
 *   <li>{@link #failBeforeCommit}: {@code commit()} throws without committing (the caller rolls
 *       back);
 *   <li>{@link #failAfterCommit}: {@code commit()} commits, then throws: the ambiguous commit,
 *       where the work is durable but the caller cannot know it;
 *   <li>{@link #down}: an outage: {@code getConnection()} throws, and so does every call on a
 *       connection already handed out (except closing it, which returns it to the real pool).
 * </ul>
 *
 * <p>Counts every injected failure. Threadsafe.
 */
final class FaultyDataSource implements DataSource {
  private static final Set<String> ALWAYS_ALLOWED =
      Set.of("close", "isClosed", "unwrap", "isWrapperFor", "toString", "hashCode", "equals");

  private final DataSource delegate;
  private final long seed;
  private final SplittableRandom random;
  private volatile double getConnectionRate;
  private volatile double preCommitRate;
  private volatile double postCommitRate;
  private volatile boolean down;
  final AtomicInteger failedGets = new AtomicInteger();
  final AtomicInteger failedBeforeCommit = new AtomicInteger();
  final AtomicInteger failedAfterCommit = new AtomicInteger();
  final AtomicInteger failedWhileDown = new AtomicInteger();

  FaultyDataSource(DataSource delegate, long seed) {
    this.delegate = delegate;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** The seed of the failure pattern, for a test's failure message. */
  long seed() {
    return seed;
  }

  /** Makes {@code getConnection()} fail with probability {@code rate}. */
  FaultyDataSource failGetConnection(double rate) {
    this.getConnectionRate = rate;
    return this;
  }

  /** Makes {@code commit()} throw instead of committing with probability {@code rate}. */
  FaultyDataSource failBeforeCommit(double rate) {
    this.preCommitRate = rate;
    return this;
  }

  /** Makes {@code commit()} commit and then throw with probability {@code rate}. */
  FaultyDataSource failAfterCommit(double rate) {
    this.postCommitRate = rate;
    return this;
  }

  /** Switches every failure rate to 0. */
  FaultyDataSource heal() {
    return failGetConnection(0).failBeforeCommit(0).failAfterCommit(0);
  }

  /** Starts ({@code true}) or ends an outage. */
  void down(boolean down) {
    this.down = down;
  }

  /** All failures injected so far. */
  int injected() {
    return failedGets.get()
        + failedBeforeCommit.get()
        + failedAfterCommit.get()
        + failedWhileDown.get();
  }

  private synchronized boolean roll(double rate) {
    return rate > 0 && random.nextDouble() < rate;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down) {
      failedWhileDown.incrementAndGet();
      throw new SQLTransientConnectionException("injected outage: database unreachable", "08001");
    }
    if (roll(getConnectionRate)) {
      failedGets.incrementAndGet();
      throw new SQLTransientConnectionException("injected: could not get a connection", "08001");
    }
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the tests use getConnection()");
  }

  private Connection wrap(Connection real) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (down && !ALWAYS_ALLOWED.contains(name)) {
            failedWhileDown.incrementAndGet();
            throw new SQLNonTransientConnectionException(
                "injected outage: connection lost during " + name, "08006");
          }
          if (name.equals("commit")) {
            if (roll(preCommitRate)) {
              failedBeforeCommit.incrementAndGet();
              throw new SQLTransientConnectionException(
                  "injected: commit failed (not committed)", "08006");
            }
            invoke(real, method, args);
            if (roll(postCommitRate)) {
              failedAfterCommit.incrementAndGet();
              throw new SQLTransientConnectionException(
                  "injected: connection lost after the commit " + "reached the server (committed)",
                  "08006");
            }
            return null;
          }
          return invoke(real, method, args);
        };
    return (Connection)
        Proxy.newProxyInstance(
            FaultyDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private static Object invoke(Connection real, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "FaultyDataSource[seed " + seed + ", " + delegate + "]";
  }
}
