package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.OPEN_ID;
import static dev.herald.platforms.tiktok.TikTokHarness.REFRESH;
import static dev.herald.platforms.tiktok.TikTokHarness.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refresh-token rotation through {@link TokenRefreshJob} on a manual clock: the newest
 * refresh token is always the stored one, lifetimes come from the response, revoked grants are left
 * for the creator, transient failures make the job fail for a retry, and a refresh token that
 * another node already rotated is never spent.
 */
class TikTokTokenRefresherTest {

  @TempDir Path dir;
  TikTokHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  Credentials stored() {
    return h.tokens.get(Target.of(TikTokPublisher.PLATFORM, OPEN_ID)).orElseThrow();
  }

  @Test
  void theJobRotatesTheRefreshTokenAndAlwaysStoresTheNewestOne() {
    h = new TikTokHarness(dir);
    TokenRefreshJob job = TokenRefreshJob.of(h.tokens, h.refresher(), h.clock);
    h.clock.advance(Duration.ofMinutes(95));
    Instant firstRefresh = h.clock.now();

    assertThat(job.refreshAll()).containsExactly(Target.of(TikTokPublisher.PLATFORM, OPEN_ID));

    Credentials first = stored();
    assertThat(first.accessToken()).isNotEqualTo(TOKEN).startsWith("act.");
    assertThat(first.refreshToken()).isPresent().get().isNotEqualTo(REFRESH);
    assertThat(h.fake.validRefreshTokens(OPEN_ID)).containsExactly(first.refreshToken().get());
    assertThat(first.expiresAt()).contains(firstRefresh.plus(Duration.ofHours(2)));
    assertThat(first.refreshExpiresAt()).contains(firstRefresh.plus(Duration.ofDays(180)));
    FakeRequest sent = h.fake.requests(FakeTikTok.OAUTH_TOKEN).get(0);
    assertThat(sent.param("grant_type")).contains("refresh_token");
    assertThat(sent.param("refresh_token")).contains(REFRESH);
    assertThat(sent.param("client_key")).contains(TikTokHarness.CLIENT_KEY);
    assertThat(sent.header("Content-Type")).contains("application/x-www-form-urlencoded");

    h.clock.advance(Duration.ofMinutes(60));
    assertThat(job.refreshAll()).as("not yet within the 30 min margin").isEmpty();
    h.clock.advance(Duration.ofMinutes(31));
    assertThat(job.refreshAll()).containsExactly(Target.of(TikTokPublisher.PLATFORM, OPEN_ID));

    Credentials second = stored();
    assertThat(h.fake.requests(FakeTikTok.OAUTH_TOKEN).get(1).param("refresh_token"))
        .as("the rotated token was the one stored and spent")
        .isEqualTo(first.refreshToken());
    assertThat(h.fake.validRefreshTokens(OPEN_ID)).containsExactly(second.refreshToken().get());
    PublishResult withNewToken =
        h.publish(h.publisher(), TikTokHarness.post(TikTokHarness.remoteVideo("v.mp4")).build());
    assertThat(withNewToken).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.requests(FakeTikTok.VIDEO_INIT).get(0).bearerToken())
        .contains(second.accessToken());
  }

  @Test
  void lifetimesComeFromTheResponseAndAnUnrotatedRefreshTokenIsKept() {
    h =
        new TikTokHarness(
            dir,
            b ->
                b.tokenLifetimes(Duration.ofHours(24), Duration.ofDays(365))
                    .rotateRefreshTokens(false));
    Instant now = h.clock.now();

    Credentials fresh = h.refresher().refresh(Target.of("tiktok", OPEN_ID), stored());

    assertThat(fresh.refreshToken()).contains(REFRESH);
    assertThat(fresh.expiresAt()).contains(now.plus(Duration.ofHours(24)));
    assertThat(fresh.issuedAt()).contains(now);
    assertThat(fresh.refreshExpiresAt()).contains(now.plus(Duration.ofDays(365)));
  }

  @Test
  void aRevokedGrantIsLeftForTheCreatorAndDoesNotFailTheJob() {
    h = new TikTokHarness(dir);
    Credentials revoked = Credentials.of(TOKEN).withRefreshToken("rft.revoked-long-ago", null);
    h.tokens.put(Target.of(TikTokPublisher.PLATFORM, OPEN_ID), revoked);

    assertThat(TokenRefreshJob.of(h.tokens, h.refresher(), h.clock).refreshAll()).isEmpty();
    TokenRefreshException e =
        catchThrowableOfType(
            TokenRefreshException.class, () -> h.refresher().refresh(Target.of("tiktok", OPEN_ID), revoked));

    assertThat(stored()).isEqualTo(revoked);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage())
        .contains("invalid_grant", "must authorise again", "log_id")
        .doesNotContain("rft.revoked-long-ago", TikTokHarness.CLIENT_SECRET);
    assertThat(h.fake.servedFixtures()).contains("tiktok-oauth-token-error.json");
  }

  @Test
  void serverErrorsAndNetworkFailuresAreRetryableSoTheJobFails() {
    h = new TikTokHarness(dir);
    TokenRefreshJob job = TokenRefreshJob.of(h.tokens, h.refresher(), h.clock);
    h.clock.advance(Duration.ofHours(2));
    h.fake.inject(FakeTikTok.OAUTH_TOKEN, Fault.status(503).times(1));

    TokenRefreshException server =
        catchThrowableOfType(TokenRefreshException.class, job::refreshAll);
    TikTokTokenRefresher refresher = h.refresher();
    h.fake.close();
    TokenRefreshException network =
        catchThrowableOfType(
            TokenRefreshException.class, () -> refresher.refresh(Target.of("tiktok", OPEN_ID), stored()));

    assertThat(server.isRetryable()).isTrue();
    assertThat(server.getMessage()).contains("HTTP 503");
    assertThat(network.isRetryable()).isTrue();
    assertThat(network.getMessage()).contains("before the request was sent");
  }

  @Test
  void wrongClientCredentialsAreNotRetryable() {
    h = new TikTokHarness(dir);
    TikTokTokenRefresher wrong =
        TikTokTokenRefresher.builder(TikTokHarness.CLIENT_KEY, "not-the-secret")
            .apiBase(h.fake.baseUri())
            .clock(h.clock)
            .build();

    TokenRefreshException e =
        catchThrowableOfType(TokenRefreshException.class, () -> wrong.refresh(Target.of("tiktok", OPEN_ID), stored()));

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("invalid_client").doesNotContain("not-the-secret");
  }

  @Test
  void needsRefreshOnlyWithARefreshTokenAndNearOrUnknownExpiry() {
    h = new TikTokHarness(dir);
    TikTokTokenRefresher refresher = h.refresher();
    Instant now = h.clock.now();
    Credentials noRefresh = Credentials.of("act.x").issuedAt(now, Duration.ofMinutes(5));
    Credentials unknownExpiry = Credentials.of("act.x").withRefreshToken("rft.x", null);
    Credentials fresh =
        Credentials.of("act.x").withRefreshToken("rft.x", null).issuedAt(now, Duration.ofHours(2));

    assertThat(refresher.needsRefresh(noRefresh, now)).isFalse();
    assertThat(refresher.needsRefresh(unknownExpiry, now)).isTrue();
    assertThat(refresher.needsRefresh(fresh, now)).isFalse();
    assertThat(refresher.needsRefresh(fresh, now.plus(Duration.ofMinutes(91)))).isTrue();
  }

  @Test
  void anExpiredRefreshTokenFailsWithoutANetworkCall() {
    h = new TikTokHarness(dir);
    h.clock.advance(Duration.ofDays(181));

    TokenRefreshException e =
        catchThrowableOfType(
            TokenRefreshException.class, () -> h.refresher().refresh(Target.of("tiktok", OPEN_ID), stored()));

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("refresh token expired at 2027-05-19T12:00:00Z");
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void aTokenAnotherNodeAlreadyRotatedIsNeverSpentAgain() {
    h = new TikTokHarness(dir);
    Credentials stale = stored();
    Credentials rotated = h.refresher().refresh(Target.of("tiktok", OPEN_ID), stale);
    assertThat(h.tokens.replace(Target.of(TikTokPublisher.PLATFORM, OPEN_ID), stale, rotated)).isTrue();

    Credentials seenByOtherNode = h.refresher().refresh(Target.of("tiktok", OPEN_ID), stale);

    assertThat(seenByOtherNode).isEqualTo(rotated);
    assertThat(h.fake.requests(FakeTikTok.OAUTH_TOKEN)).hasSize(1);
    assertThat(h.tokens.replace(Target.of(TikTokPublisher.PLATFORM, OPEN_ID), stale, seenByOtherNode))
        .as("the job's compare-and-set keeps the stored, newer credentials")
        .isFalse();
    assertThat(stored()).isEqualTo(rotated);
  }

  @Test
  void anInvalidGrantCausedByAConcurrentRotationReturnsTheStoredCredentials() {
    h = new TikTokHarness(dir);
    Credentials stale = stored();
    Credentials rotated = h.refresher().refresh(Target.of("tiktok", OPEN_ID), stale);
    h.tokens.put(Target.of(TikTokPublisher.PLATFORM, OPEN_ID), rotated);
    // This node's view of the store lags once: the pre-check still sees the stale credentials.
    LaggingStore lagging = new LaggingStore(h.tokens, stale);
    TikTokTokenRefresher otherNode =
        TikTokTokenRefresher.builder(TikTokHarness.CLIENT_KEY, TikTokHarness.CLIENT_SECRET)
            .apiBase(h.fake.baseUri())
            .tokens(lagging)
            .clock(h.clock)
            .build();

    Credentials result = otherNode.refresh(Target.of("tiktok", OPEN_ID), stale);

    assertThat(result).isEqualTo(rotated);
    assertThat(h.fake.requests(FakeTikTok.OAUTH_TOKEN)).hasSize(2);
    assertThat(h.fake.servedFixtures()).contains("tiktok-oauth-token-error.json");
  }

  @Test
  void concurrentRefreshesOfOneAccountInOneProcessSpendTheRefreshTokenOnce() throws Exception {
    h = new TikTokHarness(dir);
    TikTokTokenRefresher refresher = h.refresher();
    Credentials current = stored();
    CountDownLatch go = new CountDownLatch(1);
    Callable<Credentials> refresh =
        () -> {
          go.await();
          return refresher.refresh(Target.of("tiktok", OPEN_ID), current);
        };
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Credentials>> results =
          List.of(
              pool.submit(refresh),
              pool.submit(refresh),
              pool.submit(refresh),
              pool.submit(refresh));
      go.countDown();
      Set<Credentials> distinct = new java.util.HashSet<>();
      for (Future<Credentials> f : results) {
        distinct.add(f.get());
      }

      assertThat(distinct).hasSize(1);
      assertThat(h.fake.requests(FakeTikTok.OAUTH_TOKEN)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A store whose first read of the account returns {@code stale}: another node's lagging view. */
  private static final class LaggingStore implements TokenStore {
    private final TokenStore delegate;
    private Credentials lagOnce;

    LaggingStore(TokenStore delegate, Credentials stale) {
      this.delegate = delegate;
      this.lagOnce = stale;
    }

    @Override
    public synchronized Optional<Credentials> get(Target target) {
      Credentials stale = lagOnce;
      lagOnce = null;
      return stale != null ? Optional.of(stale) : delegate.get(target);
    }

    @Override
    public void put(Target target, Credentials credentials) {
      delegate.put(target, credentials);
    }

    @Override
    public boolean replace(Target target, Credentials expected, Credentials updated) {
      return delegate.replace(target, expected, updated);
    }

    @Override
    public Optional<Credentials> refresh(Target target, Credentials seen,
        UnaryOperator<Credentials> refresh) {
      return delegate.refresh(target, seen, refresh);
    }

    @Override
    public void remove(Target target) {
      delegate.remove(target);
    }

    @Override
    public Set<Target> targets(String platform) {
      return delegate.targets(platform);
    }
  }
}
