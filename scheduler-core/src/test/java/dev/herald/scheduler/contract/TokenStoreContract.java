package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link TokenStore} must have. Extend it in the implementation's test module
 * and implement the two hooks; {@link #newStore()} is called before each test and must start empty.
 */
public abstract class TokenStoreContract {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final Target ALICE_SOCIAL = Target.of("mastodon", "mastodon.social", "alice");
  private static final Target ALICE_ART = Target.of("mastodon", "mastodon.art", "alice");
  private static final Target CREATOR = Target.of("tiktok", "open-1");

  private TokenStore store;

  /** A fresh, empty store. */
  protected abstract TokenStore newStore();

  /**
   * Another store over the same backing storage as the last {@link #newStore()}, standing for
   * another node or for the same application after a restart. May return the same instance if the
   * store cannot be shared otherwise.
   */
  protected abstract TokenStore sameStorage();

  @BeforeEach
  void setUpStore() {
    store = newStore();
  }

  @Test
  void storesCredentialsPerPlatformInstanceAndAccount() {
    store.put(ALICE_SOCIAL, Credentials.of("tok-social"));
    store.put(ALICE_ART, Credentials.of("tok-art"));
    store.put(CREATOR, Credentials.of("act.1"));

    assertThat(store.get(ALICE_SOCIAL)).contains(Credentials.of("tok-social"));
    assertThat(store.get(ALICE_ART)).contains(Credentials.of("tok-art"));
    assertThat(store.get(Target.of("mastodon", "alice"))).isEmpty();
    assertThat(store.targets("mastodon")).containsExactlyInAnyOrder(ALICE_SOCIAL, ALICE_ART);
    assertThat(store.targets("tiktok")).containsExactly(CREATOR);
    assertThat(store.targets("pixelfed")).isEmpty();

    store.remove(ALICE_SOCIAL);
    assertThat(store.get(ALICE_SOCIAL)).isEmpty();
    assertThat(store.get(ALICE_ART)).isPresent();
  }

  @Test
  void keepsEveryFieldOfTheCredentials() {
    Credentials full = Credentials.of("act.secret")
        .withRefreshToken("rft.secret", NOW.plus(Duration.ofDays(365)))
        .issuedAt(NOW, Duration.ofHours(24));
    store.put(CREATOR, full);

    assertThat(sameStorage().get(CREATOR)).contains(full);
  }

  @Test
  void putReplacesWhateverIsStored() {
    store.put(CREATOR, Credentials.of("act.1"));
    store.put(CREATOR, Credentials.of("act.2"));

    assertThat(store.get(CREATOR)).contains(Credentials.of("act.2"));
    assertThat(store.targets("tiktok")).containsExactly(CREATOR);
  }

  @Test
  void credentialsWrittenByOneStoreAreReadByAnotherOverTheSameStorage() {
    store.put(ALICE_SOCIAL, Credentials.of("tok-social"));

    TokenStore other = sameStorage();
    assertThat(other.get(ALICE_SOCIAL)).contains(Credentials.of("tok-social"));
    assertThat(other.targets("mastodon")).containsExactly(ALICE_SOCIAL);
  }

  @Test
  void replaceIsACompareAndSet() {
    Credentials first = Credentials.of("act.0").withRefreshToken("rft.0", null);
    Credentials second = Credentials.of("act.1").withRefreshToken("rft.1", null);
    store.put(CREATOR, first);

    assertThat(store.replace(CREATOR, Credentials.of("act.x"), second)).isFalse();
    assertThat(store.get(CREATOR)).contains(first);
    assertThat(store.replace(CREATOR, first, second)).isTrue();
    assertThat(store.get(CREATOR)).contains(second);
    assertThat(store.replace(CREATOR, first, Credentials.of("act.2"))).isFalse();
    assertThat(store.replace(ALICE_ART, first, second)).as("nothing stored").isFalse();
    assertThat(store.get(ALICE_ART)).isEmpty();
  }

  @Test
  @Timeout(60)
  void concurrentReplacesOfOneRotationLetExactlyOneWin() throws Exception {
    Credentials initial = Credentials.of("act.0").withRefreshToken("rft.0", null);
    store.put(CREATOR, initial);
    int writers = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 1; i <= writers; i++) {
        TokenStore node = i % 2 == 0 ? sameStorage() : store;
        Credentials mine = Credentials.of("act." + i).withRefreshToken("rft." + i, null);
        results.add(pool.submit(() -> {
          start.await();
          return node.replace(CREATOR, initial, mine);
        }));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> r : results) {
        wins += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
      assertThat(store.get(CREATOR).orElseThrow()).isNotEqualTo(initial);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refreshStoresTheRefreshedCredentials() {
    Credentials old = Credentials.of("act.0").withRefreshToken("rft.0", null);
    Credentials fresh = Credentials.of("act.1").withRefreshToken("rft.1", null);
    store.put(CREATOR, old);

    Optional<Credentials> now = store.refresh(CREATOR, old, c -> {
      assertThat(c).isEqualTo(old);
      return fresh;
    });

    assertThat(now).contains(fresh);
    assertThat(sameStorage().get(CREATOR)).contains(fresh);
  }

  @Test
  void refreshOfCredentialsAlreadyRefreshedReturnsTheNewerOnesWithoutCalling() {
    Credentials old = Credentials.of("act.0").withRefreshToken("rft.0", null);
    Credentials newer = Credentials.of("act.1").withRefreshToken("rft.1", null);
    store.put(CREATOR, newer);

    Optional<Credentials> now = store.refresh(CREATOR, old, c -> {
      throw new AssertionError("refreshed credentials that another caller already refreshed");
    });

    assertThat(now).contains(newer);
    assertThat(store.refresh(ALICE_ART, old, c -> newer)).as("nothing stored").isEmpty();
    assertThat(store.get(ALICE_ART)).isEmpty();
  }

  @Test
  void aFailedRefreshLeavesTheStoredCredentialsAndLetsTheNextOneRun() {
    Credentials old = Credentials.of("act.0").withRefreshToken("rft.0", null);
    Credentials fresh = Credentials.of("act.1").withRefreshToken("rft.1", null);
    store.put(CREATOR, old);

    assertThatThrownBy(() -> store.refresh(CREATOR, old, c -> {
      throw new IllegalStateException("platform down");
    })).isInstanceOf(IllegalStateException.class).hasMessage("platform down");
    assertThat(store.get(CREATOR)).contains(old);

    assertThat(store.refresh(CREATOR, old, c -> fresh)).contains(fresh);
  }

  /**
   * Two nodes find the same rotating token expired at once: one refresh call is made, both end with
   * its result, and the rotated refresh token is the one stored.
   */
  @Test
  @Timeout(60)
  void concurrentRefreshesOfOneTargetMakeOneCall() throws Exception {
    Credentials old = Credentials.of("act.0").withRefreshToken("rft.0", null);
    store.put(CREATOR, old);
    int nodes = 4;
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      List<Future<Optional<Credentials>>> results = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        TokenStore node = i % 2 == 0 ? store : sameStorage();
        Callable<Optional<Credentials>> refresh = () -> {
          start.await();
          return node.refresh(CREATOR, old, c -> {
            int n = calls.incrementAndGet();
            return Credentials.of("act." + n).withRefreshToken("rft." + n, null);
          });
        };
        results.add(pool.submit(refresh));
      }
      start.countDown();
      Credentials rotated = Credentials.of("act.1").withRefreshToken("rft.1", null);
      for (Future<Optional<Credentials>> r : results) {
        assertThat(r.get(50, TimeUnit.SECONDS)).contains(rotated);
      }
      assertThat(calls).hasValue(1);
      assertThat(sameStorage().get(CREATOR)).contains(rotated);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("target");
    assertThatThrownBy(() -> store.put(CREATOR, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("credentials");
    assertThatThrownBy(() -> store.targets(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("platform");
  }
}
