package dev.herald.scheduler.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

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
    assertThatThrownBy(() -> Credentials.of(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accessToken");
  }
}
