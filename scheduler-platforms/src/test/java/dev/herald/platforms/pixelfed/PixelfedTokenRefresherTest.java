package dev.herald.platforms.pixelfed;

import static dev.herald.platforms.pixelfed.PixelfedHarness.ACCOUNT;
import static dev.herald.platforms.pixelfed.PixelfedHarness.CLIENT_SECRET;
import static dev.herald.platforms.pixelfed.PixelfedHarness.REFRESH_TOKEN;
import static dev.herald.platforms.pixelfed.PixelfedHarness.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code refresh_token} grant against the fake's Passport emulation. */
class PixelfedTokenRefresherTest {

  @TempDir Path dir;
  PixelfedHarness h;

  @BeforeEach
  void start() {
    h = new PixelfedHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void isDueOnlyWithARefreshTokenAndWithinTheMargin() {
    PixelfedTokenRefresher refresher = h.refresher(b -> b.margin(Duration.ofDays(7)));
    Instant now = h.clock.now();
    Credentials current = h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, ACCOUNT)).orElseThrow();

    assertThat(refresher.platform()).isEqualTo("pixelfed");
    assertThat(refresher.needsRefresh(current, now)).isFalse();
    assertThat(refresher.needsRefresh(current, now.plus(Duration.ofDays(359)))).isTrue();
    assertThat(
            refresher.needsRefresh(
                Credentials.of("personal").issuedAt(now, Duration.ofDays(1)), now))
        .isFalse();
  }

  @Test
  void theJobRotatesThePairAndThePublisherUsesTheNewToken() {
    h.clock.advance(Duration.ofDays(360));
    TokenRefreshJob job = TokenRefreshJob.of(h.tokens, h.refresher(b -> b), h.clock);

    assertThat(job.refreshAll()).containsExactly(Target.of(PixelfedPublisher.PLATFORM, ACCOUNT));

    Credentials updated = h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, ACCOUNT)).orElseThrow();
    assertThat(updated.accessToken()).isNotEqualTo(TOKEN);
    assertThat(updated.refreshToken()).isPresent().get().isNotEqualTo(REFRESH_TOKEN);
    assertThat(updated.issuedAt()).contains(h.clock.now());
    assertThat(updated.expiresAt()).contains(h.clock.now().plusSeconds(31_536_000));
    assertThat(h.fake.acceptsToken(TOKEN)).isFalse();
    assertThat(h.fake.acceptsToken(updated.accessToken())).isTrue();
    assertThat(h.fake.servedFixtures()).contains("pixelfed-oauth-token.json");
    var request = h.fake.requests(FakePixelfed.OAUTH_TOKEN).get(0);
    assertThat(request.param("grant_type")).contains("refresh_token");
    assertThat(request.param("refresh_token")).contains(REFRESH_TOKEN);
    assertThat(request.param("client_secret")).contains(CLIENT_SECRET);
    assertThat(request.param("scope")).contains("read write");
    assertThat(request.header("Accept")).contains("application/json");
    assertThat(h.publish(h.publisher(), h.photo("after refresh"), "k"))
        .isInstanceOf(PublishResult.Published.class);
  }

  @Test
  void aRevokedRefreshTokenNeedsANewAuthorisationAndNamesNoSecret() {
    PixelfedTokenRefresher refresher = h.refresher(b -> b);
    Credentials current = h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, ACCOUNT)).orElseThrow();
    refresher.refresh(Target.of("pixelfed", ACCOUNT), current);

    assertThatThrownBy(() -> refresher.refresh(Target.of("pixelfed", ACCOUNT), current))
        .isInstanceOfSatisfying(
            TokenRefreshException.class,
            e -> {
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("HTTP 400", "invalid_grant", "the user must authorise again")
                  .doesNotContain(REFRESH_TOKEN)
                  .doesNotContain(CLIENT_SECRET)
                  .doesNotContain(TOKEN);
            });
  }

  @Test
  void aWrongClientSecretIsNotRetryable() {
    PixelfedTokenRefresher refresher = h.refresher(b -> b.clientSecret("not-the-secret"));

    assertThatThrownBy(
            () ->
                refresher.refresh(Target.of("pixelfed", ACCOUNT), h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, ACCOUNT)).orElseThrow()))
        .isInstanceOfSatisfying(
            TokenRefreshException.class,
            e -> {
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("invalid_client")
                  .doesNotContain("not-the-secret");
            });
    assertThat(h.fake.acceptsToken(TOKEN)).isTrue();
  }

  @Test
  void serverErrorsAndNetworkFailuresAreRetryableAndTheJobThrowsForThem() {
    h.clock.advance(Duration.ofDays(360));
    h.fake.inject(FakePixelfed.OAUTH_TOKEN, Fault.status(503).times(1));
    TokenRefreshJob job = TokenRefreshJob.of(h.tokens, h.refresher(b -> b), h.clock);

    assertThatThrownBy(job::refreshAll)
        .isInstanceOfSatisfying(
            TokenRefreshException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, ACCOUNT)).orElseThrow().accessToken())
        .isEqualTo(TOKEN);

    PixelfedTokenRefresher refresher = h.refresher(b -> b);
    h.fake.close();
    assertThatThrownBy(
            () ->
                refresher.refresh(Target.of("pixelfed", ACCOUNT), h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, ACCOUNT)).orElseThrow()))
        .isInstanceOfSatisfying(
            TokenRefreshException.class,
            e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.getMessage()).doesNotContain(REFRESH_TOKEN);
            });
  }

  @Test
  void refusesWithoutACallWhenThereIsNoUsableRefreshToken() {
    PixelfedTokenRefresher refresher = h.refresher(b -> b);
    Instant now = h.clock.now();

    assertThatThrownBy(() -> refresher.refresh(Target.of("pixelfed", ACCOUNT), Credentials.of("personal-token")))
        .isInstanceOfSatisfying(
            TokenRefreshException.class,
            e -> {
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage()).contains("personal access tokens cannot be refreshed");
            });
    assertThatThrownBy(
            () ->
                refresher.refresh(Target.of("pixelfed", ACCOUNT),
                    Credentials.of("t").withRefreshToken("r", now.minus(Duration.ofDays(1)))))
        .isInstanceOfSatisfying(
            TokenRefreshException.class,
            e -> assertThat(e.getMessage()).contains("the refresh token expired at"));
    assertThat(h.fake.requests()).isEmpty();
  }
}
