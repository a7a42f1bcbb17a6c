package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.NewJob;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Claims and completions under concurrency, on the databases' own clocks: a claim locks only the
 * rows it takes (on H2 too, which applies {@code FOR UPDATE} before {@code FETCH FIRST}),
 * concurrent claimers never take the same job, and a batch of completions is written all or not at
 * all.
 */
class JdbcClaimConcurrencyTest {
  private static final Set<String> TYPES = Set.of("work");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final String prefix = TestDatabase.uniquePrefix("claims");
  private TestDatabase db;
  private DataSource ds;

  @AfterEach
  void dropTables() {
    if (ds != null) {
      db.dropTables(ds, prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void claimSkipsTheRowsAnotherTransactionHoldsAndTakesTheNextInClaimOrder(TestDatabase database)
      throws SQLException {
    JdbcJobStore store = store(database, ds -> ds);
    insertDue(store, 20);
    try (Connection other = ds.getConnection()) {
      other.setAutoCommit(false);
      lock(other, List.of("job-000", "job-001", "job-002", "job-003", "job-004"));

      List<ClaimedJob> claimed = store.claimDue("node", TYPES, 5, LEASE);

      assertThat(ids(claimed))
          .containsExactly("job-005", "job-006", "job-007", "job-008", "job-009");
      other.rollback();
    }
  }

  /**
   * Node A's claim holds its row locks (its commit waits) while node B claims: B gets the next
   * rows, not nothing. Before, H2 locked every due row for A's claim.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_MEM", "H2_FILE", "MARIADB"})
  void concurrentClaimersTakeDisjointNonEmptyBatchesWhileManyRowsAreDue(TestDatabase database)
      throws Exception {
    CountDownLatch committing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean armed = new AtomicBoolean();
    JdbcJobStore nodeB = store(database, ds -> ds);
    JdbcJobStore nodeA = store(database, ds -> holdingCommit(ds, armed, committing, release));
    insertDue(nodeB, 200);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      armed.set(true);
      Future<List<ClaimedJob>> a =
          executor.submit(() -> nodeA.claimDue("node-a", TYPES, 10, LEASE));
      assertThat(committing.await(30, TimeUnit.SECONDS))
          .as("node A's claim reached its commit")
          .isTrue();

      List<ClaimedJob> b = nodeB.claimDue("node-b", TYPES, 10, LEASE);
      release.countDown();

      assertThat(ids(a.get(30, TimeUnit.SECONDS))).hasSize(10).doesNotContainAnyElementsOf(ids(b));
      assertThat(ids(b)).hasSize(10);
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void concurrentClaimersClaimEveryJobOfABacklogExactlyOnce(TestDatabase database)
      throws Exception {
    int jobs = 300;
    int claimers = 4;
    insertDue(store(database, ds -> ds), jobs);
    List<String> claimed = new ArrayList<>();
    ConcurrentHashMap<String, Integer> times = new ConcurrentHashMap<>();
    AtomicInteger total = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(claimers);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < claimers; i++) {
        String owner = "node-" + i;
        JdbcJobStore store = store(database, ds -> ds);
        results.add(executor.submit(() -> {
          start.await();
          List<String> mine = new ArrayList<>();
          long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
          while (total.get() < jobs && System.nanoTime() < deadline) {
            for (ClaimedJob job : store.claimDue(owner, TYPES, 7, LEASE)) {
              mine.add(job.job().id());
              times.merge(job.job().id(), 1, Integer::sum);
              total.incrementAndGet();
            }
          }
          return mine;
        }));
      }
      start.countDown();
      for (Future<List<String>> result : results) {
        claimed.addAll(result.get(3, TimeUnit.MINUTES));
      }
    } finally {
      executor.shutdownNow();
    }

    assertThat(times).allSatisfy((id, n) -> assertThat(n).as("claims of %s", id).isEqualTo(1));
    assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates();
    assertThat(Sql.count(ds, "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status = 'RUNNING'"
        + " AND attempt = 1 AND fence = 1")).isEqualTo(jobs);
  }

  /**
   * The third completion's history row is refused by the database (its node is longer than the
   * column): none of the batch is written, neither the jobs' new status nor the other history rows.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void aBatchOfCompletionsIsWrittenWithItsHistoryAllOrNothing(TestDatabase database) {
    JdbcJobStore store = store(database, ds -> ds);
    insertDue(store, 3);
    List<ClaimedJob> claimed = store.claimDue("node", TYPES, 3, LEASE);
    assertThat(claimed).hasSize(3);

    List<Completion> batch = new ArrayList<>();
    batch.add(done(claimed.get(0), "node"));
    batch.add(done(claimed.get(1), "node"));
    batch.add(done(claimed.get(2), "n".repeat(300)));
    assertThatThrownBy(() -> store.complete(batch)).isInstanceOf(JdbcStoreException.class);

    assertThat(Sql.count(ds, "SELECT COUNT(*) FROM " + prefix + "job_history")).isZero();
    assertThat(Sql.count(ds, "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status = 'RUNNING'"))
        .isEqualTo(3);

    assertThat(store.complete(batch.subList(0, 2))).containsExactly(true, true);
    assertThat(Sql.count(ds, "SELECT COUNT(*) FROM " + prefix + "job_history")).isEqualTo(2);
    assertThat(
            Sql.count(ds, "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status = 'COMPLETED'"))
        .isEqualTo(2);
  }

  /**
   * A pool whose connections are not in autocommit and run at REPEATABLE READ: claims (on
   * PostgreSQL then a transaction, not an autocommit statement) and completions still work at READ
   * COMMITTED, and the store leaves the connections as it found them.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void aPoolOutOfAutocommitAboveReadCommittedIsUsedAndLeftAsItWas(TestDatabase database)
      throws SQLException {
    store(database, ds -> ds);
    try (HikariDataSource pool =
        database.newPool(
            2,
            config -> {
              config.setAutoCommit(false);
              config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
            })) {
      JdbcJobStore store = JdbcJobStore.builder(pool).tablePrefix(prefix).build();
      insertDue(store, 3);

      List<ClaimedJob> claimed = store.claimDue("node", TYPES, 5, LEASE);
      assertThat(claimed).hasSize(3);
      assertThat(store.complete(claimed.stream().map(c -> done(c, "node")).toList()))
          .containsExactly(true, true, true);

      assertThat(
              Sql.count(ds, "SELECT COUNT(*) FROM " + prefix + "jobs WHERE status = 'COMPLETED'"))
          .isEqualTo(3);
      try (Connection c = pool.getConnection()) {
        assertThat(c.getAutoCommit()).isFalse();
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      }
    }
  }

  private interface Wrap {
    DataSource wrap(DataSource ds);
  }

  private JdbcJobStore store(TestDatabase database, Wrap wrap) {
    db = database;
    ds = database.dataSource();
    return JdbcJobStore.builder(wrap.wrap(ds)).tablePrefix(prefix).build();
  }

  /** {@code n} jobs due in the past, a second apart, ids {@code job-000}… in claim order. */
  private static void insertDue(JdbcJobStore store, int n) {
    Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    for (int i = 0; i < n; i++) {
      store.insert(
          new NewJob(
              String.format("job-%03d", i),
              "work",
              null,
              "once:" + first,
              0,
              "coalesce",
              null,
              first.plusSeconds(i),
              JobStatus.SCHEDULED));
    }
  }

  /**
   * Locks the rows {@code ids} on {@code c}, one primary-key lookup each (a single {@code IN} query
   * may scan, and in InnoDB lock, the whole small table).
   */
  private void lock(Connection c, List<String> ids) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM " + prefix + "jobs WHERE id = ? FOR UPDATE")) {
      for (String id : ids) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).as("row %s locked", id).isTrue();
        }
      }
    }
  }

  private static Completion done(ClaimedJob claim, String node) {
    JobAttempt row =
        new JobAttempt(
            claim.job().id(),
            claim.job().type(),
            claim.job().attempt(),
            claim.job().fireAt(),
            claim.claimedAt(),
            claim.claimedAt(),
            JobAttempt.Outcome.SUCCEEDED,
            null,
            node);
    return new Completion(
        claim.lease(), JobStatus.COMPLETED, null, null, null, 1, null, true, row, List.of());
  }

  private static List<String> ids(List<ClaimedJob> claims) {
    return claims.stream().map(c -> c.job().id()).toList();
  }

  /**
   * {@code ds}, whose connections' first {@code commit()} after {@code armed} is set waits for
   * {@code release} (after counting down {@code committing}), so that a claim holds its row locks.
   */
  private static DataSource holdingCommit(
      DataSource ds, AtomicBoolean armed, CountDownLatch committing, CountDownLatch release) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(ds, method, args);
              if (!(result instanceof Connection c)) {
                return result;
              }
              return Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (p, m, a) -> {
                    if (m.getName().equals("commit") && armed.compareAndSet(true, false)) {
                      committing.countDown();
                      if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new SQLException("the test never released the commit");
                      }
                    }
                    return invoke(c, m, a);
                  });
            });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
