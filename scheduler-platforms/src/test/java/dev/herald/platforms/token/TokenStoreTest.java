package dev.herald.platforms.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenStoreTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  final TokenStore store = TokenStore.inMemory();

  @Test
  void storesCredentialsPerPlatformAndAccount() {
    store.put("tiktok", "open-1", Credentials.of("act.1"));
    store.put("mastodon", "open-1", Credentials.of("m-1"));

    assertThat(store.get("tiktok", "open-1")).contains(Credentials.of("act.1"));
    assertThat(store.get("tiktok", "open-2")).isEmpty();
    assertThat(store.accounts("tiktok")).containsExactly("open-1");
    store.remove("tiktok", "open-1");
    assertThat(store.get("tiktok", "open-1")).isEmpty();
    assertThat(store.get("mastodon", "open-1")).isPresent();
  }

  @Test
  void replaceIsACompareAndSetSoConcurrentRefreshesCannotLoseARotation() throws Exception {
    Credentials initial = Credentials.of("act.0").withRefreshToken("rft.0", null);
    store.put("tiktok", "open-1", initial);
    AtomicInteger wins = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 8; i++) {
      int n = i + 1;
      pool.submit(
          () -> {
            if (store.replace(
                "tiktok",
                "open-1",
                initial,
                Credentials.of("act." + n).withRefreshToken("rft." + n, null))) {
              wins.incrementAndGet();
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

    assertThat(wins).hasValue(1);
    assertThat(store.get("tiktok", "open-1").orElseThrow()).isNotEqualTo(initial);
  }

  @Test
  void credentialsNeverShowTokensAndKnowTheirExpiry() {
    Credentials c =
        Credentials.of("act.secret")
            .withRefreshToken("rft.secret", NOW.plus(Duration.ofDays(180)))
            .issuedAt(NOW, Duration.ofHours(2));

    assertThat(c.toString())
        .doesNotContain("secret")
        .contains(
            "accessToken=<redacted>", "refreshToken=<redacted>", "expiresAt=2026-11-20T14:00:00Z");
    assertThat(c.expiresWithin(Duration.ofMinutes(10), NOW)).isFalse();
    assertThat(c.expiresWithin(Duration.ofHours(2), NOW)).isTrue();
    assertThat(c.isExpiredAt(NOW.plus(Duration.ofHours(2)))).isTrue();
    assertThat(Credentials.of("m").isExpiredAt(NOW.plus(Duration.ofDays(10_000)))).isFalse();
    assertThatThrownBy(() -> Credentials.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.get("", "a")).isInstanceOf(IllegalArgumentException.class);
  }
}
