package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerBuilder;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * One scheduler instance with its own connection pool and store object, as a separate application
 * instance would run it. Built with test timings (4 threads, poll 50 ms, lease 5 s renewed every
 * second, sweep 500 ms, store backoff capped at 1 s) that {@code configure} may override.
 */
final class Node implements AutoCloseable {
  private static final Pattern NUMBERED = Pattern.compile("herald-.*-(\\d+)");
  final String id;
  final HikariDataSource pool;
  final DataSource dataSource;
  final JdbcJobStore store;
  final Scheduler scheduler;

  private Node(
      String id,
      HikariDataSource pool,
      DataSource dataSource,
      JdbcJobStore store,
      Scheduler scheduler) {
    this.id = id;
    this.pool = pool;
    this.dataSource = dataSource;
    this.store = store;
    this.scheduler = scheduler;
  }

  /** A node (not started) on a new pool of 6 connections, used as it is. */
  static Node create(
      TestDatabase db, String prefix, String id, Consumer<SchedulerBuilder> configure) {
    return create(db, prefix, id, UnaryOperator.identity(), configure);
  }

  /** A node (not started) whose store reaches its new pool through {@code wrap}. */
  static Node create(
      TestDatabase db,
      String prefix,
      String id,
      UnaryOperator<DataSource> wrap,
      Consumer<SchedulerBuilder> configure) {
    HikariDataSource pool = db.newPool(6);
    try {
      DataSource dataSource = wrap.apply(pool);
      JdbcJobStore store = JdbcJobStore.builder(dataSource).tablePrefix(prefix).build();
      SchedulerBuilder builder =
          Scheduler.builder()
              .store(store)
              .nodeId(id)
              .threads(4)
              .pollInterval(Duration.ofMillis(50))
              .lease(Duration.ofSeconds(5), Duration.ofSeconds(1))
              .sweepInterval(Duration.ofMillis(500))
              .maxStoreBackoff(Duration.ofSeconds(1))
              .shutdownGrace(Duration.ofSeconds(10));
      configure.accept(builder);
      return new Node(id, pool, dataSource, store, builder.build());
    } catch (RuntimeException | Error e) {
      pool.close();
      throw e;
    }
  }

  /** The live threads of this node's scheduler ({@code herald-*-<id>-n}). */
  List<String> threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("herald-") && n.contains("-" + id + "-"))
        .sorted()
        .toList();
  }

  /**
   * Asserts that every scheduler thread seen {@code before} is still alive {@code after}, and that
   * none was replaced: a pool that lost a thread starts a new one with a higher number than its
   * size (4 workers, 3 lease threads, one of each other kind).
   */
  static void assertNoThreadDied(List<String> before, List<String> after) {
    assertThat(after).as("scheduler threads").containsAll(before);
    assertThat(after)
        .as("scheduler threads")
        .allSatisfy(
            name -> {
              Matcher m = NUMBERED.matcher(name);
              assertThat(m.matches()).as(name).isTrue();
              int max =
                  name.startsWith("herald-worker-") ? 4 : name.startsWith("herald-lease-") ? 3 : 1;
              assertThat(Integer.parseInt(m.group(1)))
                  .as("number of thread %s", name)
                  .isLessThanOrEqualTo(max);
            });
  }

  /** Closes the scheduler (draining it), then the pool. */
  @Override
  public void close() {
    try {
      scheduler.close();
    } finally {
      pool.close();
    }
  }

  /** Closes every node, in parallel (each drains for up to its grace period). */
  static void closeAll(List<Node> nodes) {
    List<Thread> closers = nodes.stream().map(n -> new Thread(n::close, "close-" + n.id)).toList();
    closers.forEach(Thread::start);
    for (Thread t : closers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "Node[" + id + "]";
  }
}
