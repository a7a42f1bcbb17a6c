package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.credentials.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TikTok's token endpoint as far as rotation goes: each refresh issues a new access token and a new
 * refresh token, and invalidates the refresh token it was given, so a caller that refreshes with an
 * already-rotated refresh token gets {@code invalid_grant} and that account would need its user to
 * authorise again. Counts the calls and the refused ones. Threadsafe.
 */
final class FakeTikTokTokens {
  private static final Instant ISSUED = Instant.parse("2026-11-20T12:00:00Z");

  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  private int rotation;
  private String validRefreshToken;

  /** The credentials the user's authorisation produced (rotation 0). */
  synchronized Credentials authorise() {
    rotation = 0;
    validRefreshToken = "rft.0";
    return issue(0);
  }

  /** The refresh grant: new credentials for {@code current}'s refresh token, which it revokes. */
  Credentials refresh(Credentials current) {
    calls.incrementAndGet();
    synchronized (this) {
      if (!current.refreshToken().orElse("").equals(validRefreshToken)) {
        refused.incrementAndGet();
        throw new IllegalStateException("HTTP 400 invalid_grant: refresh token revoked");
      }
      rotation++;
      validRefreshToken = "rft." + rotation;
      return issue(rotation);
    }
  }

  /** The newest credentials issued. */
  synchronized Credentials newest() {
    return issue(rotation);
  }

  private static Credentials issue(int n) {
    return Credentials.of("act." + n)
        .withRefreshToken("rft." + n, ISSUED.plus(Duration.ofDays(365)))
        .issuedAt(ISSUED.plus(Duration.ofHours(2L * n)), Duration.ofHours(2));
  }
}
