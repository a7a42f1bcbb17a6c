package dev.herald.platforms.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Page tokens derived from user tokens: onboarding through the long-lived exchange and
 * {@code /me/accounts}, and the refresher that re-derives a Page token that would expire, alone and
 * as a recurring Herald job.
 */
class FacebookTokenRefresherTest {

  static final String PAGE = "104567890123456";
  static final String IG = "17841405822304914";
  static final String USER = "10223344";
  static final String SHORT = "EAAGsecret-short-user-token-11";
  static final String APP_ID = "1234567890";
  static final String APP_SECRET = "app-secret-c0ffee";

  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  final Instant now = clock.now();
  final FakeFacebook fake =
      FakeFacebook.builder()
          .clock(clock)
          .page(PAGE, "Example Bakery", "EAAGsecret-initial-page-token")
          .linkInstagram(PAGE, IG)
          .page("999", "Someone Else's Page", "EAAGsecret-other-page-token")
          .user(USER, SHORT, Duration.ofHours(1), PAGE)
          .app(APP_ID, APP_SECRET)
          .start();
  final FacebookTokenRefresher refresher =
      FacebookTokenRefresher.builder(APP_ID, APP_SECRET)
          .graphBaseUri(fake.baseUri())
          .clock(clock)
          .build();
  final TokenStore tokens = TokenStore.inMemory();

  @AfterEach
  void close() {
    fake.close();
  }

  FacebookPublisher publisher() {
    return FacebookPublisher.builder()
        .graphBaseUri(fake.baseUri())
        .tokens(tokens)
        .clock(clock)
        .build();
  }

  PublishResult publish(String text) {
    return publisher().publish(new PublishRequest(Post.text(text), Target.of("facebook", PAGE), text));
  }

  @Test
  void onboardingWithALongLivedUserTokenGivesPageTokensThatNeverExpire() {
    Credentials user = refresher.exchangeUserToken(SHORT);
    List<FacebookPage> pages = refresher.pages(user);

    assertThat(user.expiresAt()).contains(now.plusSeconds(5183944));
    assertThat(pages)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.id()).isEqualTo(PAGE);
              assertThat(p.name()).isEqualTo("Example Bakery");
              assertThat(p.canPublish()).isTrue();
              assertThat(p.instagramAccountId()).contains(IG);
              assertThat(p.credentials().expiresAt()).isEmpty();
              assertThat(p.credentials().refreshToken()).contains(user.accessToken());
              assertThat(p.credentials().refreshExpiresAt()).isEqualTo(user.expiresAt());
              assertThat(fake.isPageToken(p.credentials().accessToken(), PAGE)).isTrue();
              assertThat(p.toString()).doesNotContain(p.credentials().accessToken());
            });
    Credentials page = pages.get(0).credentials();
    assertThat(refresher.needsRefresh(page, now.plus(Duration.ofDays(365)))).isFalse();
    tokens.put(Target.of("facebook", PAGE), page);
    clock.advance(Duration.ofDays(90));
    assertThat(publish("Still posting after 90 days")).isInstanceOf(PublishResult.Published.class);
    assertThat(fake.servedFixtures())
        .contains("facebook-long-lived-user-token.json", "facebook-me-accounts.json");
  }

  @Test
  void aPageTokenDerivedFromAShortLivedUserTokenIsReDerivedByTheRecurringJob() {
    Credentials shortUser = Credentials.of(SHORT).issuedAt(now, Duration.ofHours(1));
    Credentials shortPage = refresher.pages(shortUser).get(0).credentials();
    tokens.put(Target.of("facebook", PAGE), shortPage);
    assertThat(shortPage.expiresAt()).contains(now.plus(Duration.ofHours(1)));
    assertThat(refresher.needsRefresh(shortPage, now)).isFalse();
    assertThat(refresher.needsRefresh(shortPage, now.plus(Duration.ofMinutes(31)))).isTrue();

    try (TestScheduler scheduler =
        TestScheduler.create(
            Scheduler.builder()
                .clock(clock)
                .recurring(
                    "facebook-token-refresh",
                    Triggers.every(Duration.ofMinutes(15)),
                    TokenRefreshJob.of(tokens, refresher, clock)))) {
      scheduler.runUntil(now.plus(Duration.ofHours(3)));
    }

    Credentials current = tokens.get(Target.of("facebook", PAGE)).orElseThrow();
    assertThat(current.expiresAt()).isEmpty();
    assertThat(current.refreshToken()).isPresent().get().isNotEqualTo(SHORT);
    assertThat(current.refreshExpiresAt().orElseThrow()).isAfter(now.plus(Duration.ofDays(59)));
    assertThat(fake.requests(FakeFacebook.EXCHANGE)).hasSize(1);
    assertThat(fake.servedFixtures()).contains("facebook-page-token.json");
    assertThat(fake.isPageToken(shortPage.accessToken(), PAGE)).as("old one expired").isFalse();
    assertThat(publish("After the short token died")).isInstanceOf(PublishResult.Published.class);
  }

  @Test
  void anExpiredUserTokenCannotBeExchangedAndIsNotSent() {
    Credentials page =
        Credentials.of("EAAGsecret-page")
            .withRefreshToken(SHORT, now.minusSeconds(1))
            .withExpiresAt(now.plus(Duration.ofMinutes(5)));

    TokenRefreshException e =
        catchThrowableOfType(() -> refresher.refresh(Target.of("facebook", PAGE), page), TokenRefreshException.class);

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("user token expired", "the user must authorise again");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void aRevokedUserTokenIsPermanentAndTheJobLogsItWithoutThrowing() {
    Credentials page =
        Credentials.of("EAAGsecret-page")
            .withRefreshToken(SHORT, now.plus(Duration.ofHours(1)))
            .withExpiresAt(now.plus(Duration.ofMinutes(5)));
    tokens.put(Target.of("facebook", PAGE), page);
    fake.revokeToken(SHORT);

    TokenRefreshException e =
        catchThrowableOfType(() -> refresher.refresh(Target.of("facebook", PAGE), page), TokenRefreshException.class);
    List<Target> refreshed = TokenRefreshJob.of(tokens, refresher, clock).refreshAll();

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("190/463").doesNotContain(SHORT).doesNotContain(APP_SECRET);
    assertThat(refreshed).isEmpty();
    assertThat(tokens.get(Target.of("facebook", PAGE))).contains(page);
  }

  @Test
  void aUserWhoLostThePageRoleCannotDeriveItsToken() {
    Credentials page =
        Credentials.of("EAAGsecret-page")
            .withRefreshToken(SHORT, now.plus(Duration.ofDays(59)))
            .withExpiresAt(now.plus(Duration.ofMinutes(5)));

    TokenRefreshException e =
        catchThrowableOfType(() -> refresher.refresh(Target.of("facebook", "999"), page), TokenRefreshException.class);

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("(#200");
    assertThat(fake.requests(FakeFacebook.EXCHANGE)).as("long-lived already").isEmpty();
  }

  @Test
  void anOutageIsRetryableAndTheJobThrowsAtTheEnd() {
    Credentials page =
        Credentials.of("EAAGsecret-page")
            .withRefreshToken(SHORT, now.plus(Duration.ofHours(1)))
            .withExpiresAt(now.plus(Duration.ofMinutes(5)));
    tokens.put(Target.of("facebook", PAGE), page);
    fake.inject(FakeFacebook.EXCHANGE, Fault.status(503));

    TokenRefreshException e =
        catchThrowableOfType(
            () -> TokenRefreshJob.of(tokens, refresher, clock).refreshAll(),
            TokenRefreshException.class);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e.account()).isEqualTo(PAGE);
  }

  @Test
  void forInstagramAccountsThePageIsFoundByItsLinkedInstagramAccount() {
    FacebookTokenRefresher instagram = refresher.forInstagram();
    Credentials shortUser = Credentials.of(SHORT).issuedAt(now, Duration.ofHours(1));
    Credentials igCredentials = refresher.pages(shortUser).get(0).credentials();
    tokens.put(Target.of("instagram", IG), igCredentials);

    List<Target> refreshed =
        TokenRefreshJob.of(tokens, instagram, () -> now.plus(Duration.ofMinutes(45))).refreshAll();

    assertThat(instagram.platform()).isEqualTo("instagram");
    assertThat(refreshed).containsExactly(Target.of("instagram", IG));
    Credentials current = tokens.get(Target.of("instagram", IG)).orElseThrow();
    assertThat(current.expiresAt()).isEmpty();
    assertThat(fake.isPageToken(current.accessToken(), PAGE)).isTrue();
    assertThat(fake.requests(FakeFacebook.ACCOUNTS)).hasSize(2);
  }
}
