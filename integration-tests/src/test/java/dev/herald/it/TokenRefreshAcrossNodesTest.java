package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.tiktok.TikTokPublisher;
import dev.herald.platforms.tiktok.TikTokTokenRefresher;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.jdbc.JdbcTokenStore;
import dev.herald.scheduler.jdbc.TestDatabase;
import dev.herald.scheduler.jdbc.TokenKeys;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes, each with its own connection pool, {@link JdbcTokenStore} and {@link
 * TikTokTokenRefresher}, run the token-refresh job for the same TikTok creator at the same moment,
 * rotation after rotation, against {@link FakeTikTok}, which revokes a refresh token once it was
 * used. Every rotation costs one refresh call, whichever node makes it, and the store ends with the
 * newest rotated token: the one TikTok still accepts.
 */
class TokenRefreshAcrossNodesTest {
  private static final String OPEN_ID = "open-creator-1";
  private static final String CLIENT_KEY = "awherald0client0key";
  private static final String CLIENT_SECRET = "client-secret-it";
  private static final Target CREATOR = Target.of(TikTokPublisher.PLATFORM, OPEN_ID);
  private static final int ROTATIONS = 4;
  private static final int THREADS_PER_NODE = 2;

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void twoNodesRefreshingOneCreatorMakeOneCallPerRotation(TestDatabase db) throws Exception {
    DataSource check = db.dataSource(); // skips, or fails under CI, if unreachable
    String prefix = TestDatabase.uniquePrefix("tokennodes");
    ManualClock clock = ManualClock.at("2026-12-05T09:00:00Z");
    byte[] key = new byte[TokenKeys.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    TokenKeys keys = TokenKeys.of("it-1", key);
    ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
    try (FakeTikTok tiktok = FakeTikTok.builder().clock(clock).client(CLIENT_KEY, CLIENT_SECRET)
            .account(OPEN_ID, "creator", "act.initial").refreshToken(OPEN_ID, "rft.initial")
            .start();
        HikariDataSource poolA = db.newPool(4);
        HikariDataSource poolB = db.newPool(4)) {
      JdbcTokenStore storeA =
          JdbcTokenStore.builder(poolA).tablePrefix(prefix).encryption(keys).build();
      JdbcTokenStore storeB =
          JdbcTokenStore.builder(poolB).tablePrefix(prefix).encryption(keys).build();
      storeA.put(CREATOR, Credentials.of("act.initial")
          .withRefreshToken("rft.initial", clock.now().plus(Duration.ofDays(365)))
          .issuedAt(clock.now(), Duration.ofHours(24)));
      List<TokenRefreshJob> jobs = new ArrayList<>();
      for (JdbcTokenStore store : List.of(storeA, storeB)) {
        TikTokTokenRefresher refresher = TikTokTokenRefresher.builder(CLIENT_KEY, CLIENT_SECRET)
            .apiBase(tiktok.baseUri()).tokens(store).clock(clock).build();
        for (int t = 0; t < THREADS_PER_NODE; t++) {
          jobs.add(TokenRefreshJob.of(store, refresher, clock));
        }
      }

      for (int rotation = 1; rotation <= ROTATIONS; rotation++) {
        clock.advance(Duration.ofHours(24)); // every access token expired: all due at once
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Target>>> runs = new ArrayList<>();
        for (TokenRefreshJob job : jobs) {
          runs.add(pool.submit(() -> {
            go.await();
            return job.refreshAll();
          }));
        }
        go.countDown();
        int refreshedBy = 0;
        for (Future<List<Target>> run : runs) {
          refreshedBy += run.get(60, TimeUnit.SECONDS).size();
        }

        assertThat(refreshedBy).as("rotation %d: one run made the call", rotation).isEqualTo(1);
        assertThat(tiktok.requests(FakeTikTok.OAUTH_TOKEN))
            .as("refresh calls after rotation %d", rotation).hasSize(rotation);
        Credentials stored = storeB.get(CREATOR).orElseThrow();
        assertThat(storeA.get(CREATOR)).contains(stored);
        assertThat(tiktok.validRefreshTokens(OPEN_ID))
            .as("the stored refresh token is the newest, the one TikTok accepts")
            .containsExactly(stored.refreshToken().orElseThrow());
        assertThat(stored.expiresAt()).get().isEqualTo(clock.now().plus(Duration.ofHours(2)));
      }
    } finally {
      pool.shutdownNow();
      if (db != TestDatabase.H2_FILE) {
        db.dropTables(check, prefix);
      }
    }
  }
}
