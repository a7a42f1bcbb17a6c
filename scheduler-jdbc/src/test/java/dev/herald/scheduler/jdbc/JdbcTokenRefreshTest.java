package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link JdbcTokenStore#refresh} across nodes, each node a store on a pool of its own: two nodes
 * refreshing one TikTok account at once make one refresh call per rotation and end with the newest
 * rotated token; a crashed node's lease is taken over once it expires, and its late result does not
 * overwrite its successor's; a caller gives up after its refresh wait without calling; no
 * connection is held while the platform is called; a write during a refresh wins; a refreshed
 * token whose write commits but reports an error is found stored.
 */
@Timeout(120)
class JdbcTokenRefreshTest {
  private static final Target CREATOR = Target.of("tiktok", "open-1");

  private final List<HikariDataSource> pools = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private TestDatabase db;
  private String prefix;

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
    pools.forEach(HikariDataSource::close);
    if (db != null) {
      db.dropTables(db.dataSource(), prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void twoNodesRefreshingOneTikTokAccountAtOnceMakeOneCallPerRotation(TestDatabase database)
      throws Exception {
    FakeTikTokTokens tiktok = new FakeTikTokTokens();
    List<JdbcTokenStore> nodes = List.of(node(database, 4), node(database, 4));
    nodes.get(0).put(CREATOR, tiktok.authorise());
    int threadsPerNode = 3;
    int rotations = 5;
    CyclicBarrier together = new CyclicBarrier(2 * threadsPerNode);
    List<Future<List<Credentials>>> callers = new ArrayList<>();
    for (JdbcTokenStore node : nodes) {
      for (int t = 0; t < threadsPerNode; t++) {
        callers.add(threads.submit(() -> {
          List<Credentials> results = new ArrayList<>();
          for (int r = 0; r < rotations; r++) {
            together.await(30, TimeUnit.SECONDS); // the previous rotation is stored
            Credentials seen = node.get(CREATOR).orElseThrow();
            together.await(30, TimeUnit.SECONDS); // everyone found the same token expiring
            results.add(node.refresh(CREATOR, seen, tiktok::refresh).orElseThrow());
          }
          return results;
        }));
      }
    }

    for (Future<List<Credentials>> caller : callers) {
      List<Credentials> results = caller.get(90, TimeUnit.SECONDS);
      for (int r = 0; r < rotations; r++) {
        assertThat(results.get(r).refreshToken()).as("rotation %d", r + 1)
            .contains("rft." + (r + 1));
      }
    }
    assertThat(tiktok.refused).as("refreshes with a revoked refresh token").hasValue(0);
    assertThat(tiktok.calls).as("refresh calls").hasValue(rotations);
    assertThat(node(database, 2).get(CREATOR)).contains(tiktok.newest());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void aHungNodesLeaseIsTakenOverOnceItExpiresAndItsLateResultIsNotStored(TestDatabase database)
      throws Exception {
    JdbcTokenStore hung = builder(database, 2).refreshLease(Duration.ofSeconds(1)).build();
    JdbcTokenStore other = builder(database, 2).refreshWait(Duration.ofSeconds(60)).build();
    Credentials old = Credentials.of("act.0").withRefreshToken("rft.0", null);
    Credentials late = Credentials.of("act.hung").withRefreshToken("rft.hung", null);
    Credentials taken = Credentials.of("act.other").withRefreshToken("rft.other", null);
    hung.put(CREATOR, old);
    CountDownLatch calling = new CountDownLatch(1);
    CountDownLatch wake = new CountDownLatch(1);

    Future<Optional<Credentials>> hungResult = threads.submit(() -> hung.refresh(CREATOR, old,
        c -> {
          calling.countDown();
          block(wake);
          return late;
        }));
    assertThat(calling.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(other.refresh(CREATOR, old, c -> taken)).contains(taken);
    wake.countDown();

    assertThat(hungResult.get(30, TimeUnit.SECONDS)).as("the successor's").contains(taken);
    assertThat(other.get(CREATOR)).contains(taken);
    assertThat(leaseOwners()).containsOnlyNulls();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void aCallerGivesUpAfterItsRefreshWaitWithoutCalling(TestDatabase database) throws Exception {
    JdbcTokenStore holder = builder(database, 2).build();
    JdbcTokenStore impatient = builder(database, 2).refreshWait(Duration.ofMillis(300)).build();
    Credentials old = Credentials.of("act.0").withRefreshToken("rft.0", null);
    Credentials fresh = Credentials.of("act.1").withRefreshToken("rft.1", null);
    holder.put(CREATOR, old);
    CountDownLatch calling = new CountDownLatch(1);
    CountDownLatch wake = new CountDownLatch(1);
    Future<Optional<Credentials>> held = threads.submit(() -> holder.refresh(CREATOR, old, c -> {
      calling.countDown();
      block(wake);
      return fresh;
    }));
    assertThat(calling.await(30, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> impatient.refresh(CREATOR, old, c -> {
      throw new AssertionError("called while another caller refreshed");
    }))
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageStartingWith("waited PT0.3S for another caller to finish refreshing the"
            + " credentials of tiktok:open-1 (its lease runs until ")
        .hasMessageEndingWith("Try again later, or give JdbcTokenStore a longer refreshWait");

    wake.countDown();
    assertThat(held.get(30, TimeUnit.SECONDS)).contains(fresh);
    assertThat(impatient.refresh(CREATOR, old, c -> {
      throw new AssertionError("refreshed again");
    })).contains(fresh);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void noConnectionIsHeldWhileThePlatformIsCalled(TestDatabase database) {
    builder(database, 2).build(); // migrates
    JdbcTokenStore oneConnection = builder(database, 1).schemaMode(SchemaMode.NONE).build();
    Credentials old = Credentials.of("act.0").withRefreshToken("rft.0", null);
    Credentials fresh = Credentials.of("act.1").withRefreshToken("rft.1", null);
    oneConnection.put(CREATOR, old);

    Optional<Credentials> refreshed = oneConnection.refresh(CREATOR, old, c -> {
      // the pool's only connection must be free here, or this waits 10 s and fails
      assertThat(oneConnection.get(CREATOR)).contains(old);
      return fresh;
    });

    assertThat(refreshed).contains(fresh);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void credentialsPutDuringARefreshWinAndAFailedRefreshReleasesTheLease(TestDatabase database) {
    JdbcTokenStore store = builder(database, 2).build();
    Credentials old = Credentials.of("act.0").withRefreshToken("rft.0", null);
    Credentials authorisedAgain = Credentials.of("act.user").withRefreshToken("rft.user", null);
    store.put(CREATOR, old);

    assertThatThrownBy(() -> store.refresh(CREATOR, old, c -> {
      assertThat(leaseOwners()).doesNotContainNull();
      throw new IllegalStateException("platform down");
    })).hasMessage("platform down");
    assertThat(leaseOwners()).containsOnlyNulls();

    Optional<Credentials> now = store.refresh(CREATOR, old, c -> {
      store.put(CREATOR, authorisedAgain); // the user authorised again meanwhile
      return Credentials.of("act.1").withRefreshToken("rft.1", null);
    });

    assertThat(now).contains(authorisedAgain);
    assertThat(store.get(CREATOR)).contains(authorisedAgain);
    assertThat(leaseOwners()).containsOnlyNulls();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void aRefreshedTokenWhoseWriteCommitsButReportsAnErrorIsFoundStored(TestDatabase database) {
    builder(database, 2).build(); // migrates
    FaultyDataSource faulty = new FaultyDataSource(pool(database, 4), 1);
    JdbcTokenStore store = JdbcTokenStore.builder(faulty).tablePrefix(prefix)
        .schemaMode(SchemaMode.NONE).encryption(TestKeys.DEFAULT).build();
    FakeTikTokTokens tiktok = new FakeTikTokTokens();
    Credentials old = tiktok.authorise();
    store.put(CREATOR, old);

    Optional<Credentials> now = store.refresh(CREATOR, old, c -> {
      faulty.failAfterCommit(1.0); // every commit from here on is ambiguous, until healed
      CompletableFuture.runAsync(() -> {
        await().atMost(Duration.ofSeconds(30)).until(() -> faulty.failedAfterCommit.get() >= 2);
        faulty.heal();
      }, threads);
      return tiktok.refresh(c);
    });

    assertThat(now).contains(tiktok.newest());
    assertThat(builder(database, 2).build().get(CREATOR)).contains(tiktok.newest());
    assertThat(tiktok.calls).hasValue(1);
    assertThat(leaseOwners()).containsOnlyNulls();
  }

  private JdbcTokenStore node(TestDatabase database, int connections) {
    return builder(database, connections).build();
  }

  /** A store on a new pool of {@code connections} (another node), on this test's tables. */
  private JdbcTokenStore.Builder builder(TestDatabase database, int connections) {
    return JdbcTokenStore.builder(pool(database, connections)).tablePrefix(prefix)
        .encryption(TestKeys.DEFAULT);
  }

  private DataSource pool(TestDatabase database, int connections) {
    if (db == null) {
      database.dataSource(); // skips the test if the database is unreachable
      db = database;
      prefix = TestDatabase.uniquePrefix("tokenrefresh");
    }
    HikariDataSource pool = database.newPool(connections);
    pools.add(pool);
    return pool;
  }

  private List<String> leaseOwners() {
    return Sql.column(db.dataSource(), "SELECT refresh_owner FROM " + prefix + "tokens");
  }

  private static void block(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not woken within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
