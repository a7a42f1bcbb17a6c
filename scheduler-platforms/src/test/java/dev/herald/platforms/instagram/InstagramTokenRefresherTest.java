package dev.herald.platforms.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instagram Login's long-lived token refresh, alone and as a recurring Herald job. */
class InstagramTokenRefresherTest {

  static final String ACCOUNT = "17841405822304914";
  static final String FRESH = "IGQWRsecret-fresh-token-0001";
  static final String OLD = "IGQWRsecret-old-token-0002";
  static final String SHORT = "IGQWRsecret-short-token-0003";

  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  final Instant now = clock.now();
  final FakeInstagram fake =
      FakeInstagram.builder()
          .clock(clock)
          .token(ACCOUNT, FRESH, now, Duration.ofDays(60))
          .token(ACCOUNT, OLD, now.minus(Duration.ofDays(10)), Duration.ofDays(60))
          .token(ACCOUNT, SHORT, now, Duration.ofHours(1))
          .appSecret("ig-app-secret-77")
          .start();
  final InstagramTokenRefresher refresher =
      InstagramTokenRefresher.builder()
          .baseUri(fake.baseUri())
          .clock(clock)
          .appSecret("ig-app-secret-77")
          .build();

  @AfterEach
  void close() {
    fake.close();
  }

  static Credentials longLived(String token, Instant issuedAt) {
    return Credentials.of(token).issuedAt(issuedAt, Duration.ofDays(60));
  }

  @Test
  void needsRefreshWeeklyOrNearExpiryButNeverWithin24HoursOfIssuance() {
    assertThat(refresher.platform()).isEqualTo("instagram");
    assertThat(refresher.needsRefresh(longLived("t", now.minus(Duration.ofHours(23))), now))
        .isFalse();
    assertThat(refresher.needsRefresh(longLived("t", now.minus(Duration.ofDays(3))), now))
        .isFalse();
    assertThat(refresher.needsRefresh(longLived("t", now.minus(Duration.ofDays(7))), now)).isTrue();
    Credentials unknownIssue = Credentials.of("t").withExpiresAt(now.plus(Duration.ofDays(5)));
    assertThat(refresher.needsRefresh(unknownIssue, now)).isTrue();
    Credentials shortLived =
        Credentials.of("t").issuedAt(now.minus(Duration.ofHours(2)), Duration.ofDays(3));
    assertThat(refresher.needsRefresh(shortLived, now)).as("young, even if expiring").isFalse();
    assertThat(refresher.needsRefresh(Credentials.of("t").withExpiresAt(now.minusSeconds(1)), now))
        .as("expired: reported by refresh()")
        .isTrue();
    assertThat(refresher.needsRefresh(Credentials.of("t").withRefreshToken("user", null), now))
        .as("derived from a Facebook user token: FacebookTokenRefresher's")
        .isFalse();
  }

  @Test
  void refreshesALongLivedTokenFor60DaysFromNow() {
    Credentials refreshed =
        refresher.refresh(Target.of("instagram", ACCOUNT), longLived(OLD, now.minus(Duration.ofDays(10))));

    assertThat(refreshed.accessToken()).isNotEqualTo(OLD).isEqualTo(fake.issuedTokens().get(0));
    assertThat(refreshed.issuedAt()).contains(now);
    assertThat(refreshed.expiresAt()).contains(now.plusSeconds(5183944));
    assertThat(fake.accountOf(refreshed.accessToken())).contains(ACCOUNT);
    assertThat(fake.requests(FakeInstagram.REFRESH))
        .singleElement()
        .satisfies(r -> assertThat(r.param("grant_type")).contains("ig_refresh_token"));
    assertThat(fake.servedFixtures()).contains("instagram-refresh-token.json");
  }

  @Test
  void anExpiredTokenIsNotSentAndNeedsANewLogin() {
    Credentials expired = Credentials.of(OLD).withExpiresAt(now.minusSeconds(1));

    TokenRefreshException e =
        catchThrowableOfType(
            () -> refresher.refresh(Target.of("instagram", ACCOUNT), expired), TokenRefreshException.class);

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("cannot be refreshed", "the user must authorise again");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void aRevokedTokenIsPermanentAndAnOutageRetryable() {
    fake.expireToken(OLD);
    TokenRefreshException revoked =
        catchThrowableOfType(
            () -> refresher.refresh(Target.of("instagram", ACCOUNT), longLived(OLD, now.minus(Duration.ofDays(10)))),
            TokenRefreshException.class);
    fake.inject(FakeInstagram.REFRESH, Fault.status(503).times(1));
    TokenRefreshException outage =
        catchThrowableOfType(
            () -> refresher.refresh(Target.of("instagram", ACCOUNT), longLived(FRESH, now.minus(Duration.ofDays(10)))),
            TokenRefreshException.class);

    assertThat(revoked.isRetryable()).isFalse();
    assertThat(revoked.getMessage()).contains("190/463").doesNotContain(OLD);
    assertThat(outage.isRetryable()).isTrue();
    assertThat(outage.getMessage()).doesNotContain(FRESH);
  }

  @Test
  void exchangesAShortLivedLoginTokenForALongLivedOne() {
    Credentials longLived = refresher.exchange(ACCOUNT, SHORT);

    assertThat(longLived.expiresAt()).contains(now.plusSeconds(5183944));
    assertThat(fake.accountOf(longLived.accessToken())).contains(ACCOUNT);
    assertThat(fake.requests(FakeInstagram.EXCHANGE).get(0).param("client_secret"))
        .contains("ig-app-secret-77");
    assertThat(fake.servedFixtures()).contains("instagram-exchange-token.json");
  }

  @Test
  void asARecurringJobItKeepsTheAccountPublishingPastTheOriginalExpiry() {
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of("instagram", ACCOUNT), longLived(FRESH, now));
    InstagramPublisher publisher =
        InstagramPublisher.builder(InstagramFlavour.INSTAGRAM_LOGIN)
            .graphBaseUri(fake.baseUri())
            .tokens(tokens)
            .clock(clock)
            .sleeper(clock::advance)
            .containerPolling(Duration.ofSeconds(5), 5)
            .build();
    try (TestScheduler scheduler =
        TestScheduler.create(
            Scheduler.builder()
                .clock(clock)
                .recurring(
                    "instagram-token-refresh",
                    Triggers.every(Duration.ofDays(1)),
                    TokenRefreshJob.of(tokens, refresher, clock)))) {

      scheduler.runUntil(now.plus(Duration.ofDays(6)));
      assertThat(tokens.get(Target.of("instagram", ACCOUNT)).orElseThrow().accessToken()).isEqualTo(FRESH);
      scheduler.runUntil(now.plus(Duration.ofDays(65)));

      Credentials current = tokens.get(Target.of("instagram", ACCOUNT)).orElseThrow();
      assertThat(current.accessToken()).isNotEqualTo(FRESH);
      assertThat(current.expiresAt().orElseThrow()).isAfter(clock.now().plus(Duration.ofDays(50)));
      assertThat(fake.requests(FakeInstagram.REFRESH)).hasSizeBetween(9, 10);
      assertThat(fake.accountOf(FRESH)).isEmpty();
    }
    PublishResult result =
        publisher.publish(
            new PublishRequest(
                Post.builder()
                    .addMedia(Media.image(URI.create("https://cdn.example/a.jpg")))
                    .build(), Target.of("instagram", ACCOUNT),
                "after-65-days"));
    assertThat(result).isInstanceOf(PublishResult.Published.class);
  }
}
