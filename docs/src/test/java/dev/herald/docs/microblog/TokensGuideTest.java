package dev.herald.docs.microblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The samples of docs/platforms/tokens.md, run against {@link FakeMicroblog}'s token endpoint. */
class TokensGuideTest {
  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
  private final FakeMicroblog fake =
      new FakeMicroblog(clock).account("alice", "tok-alice", "refresh-alice");
  private final TokenStore tokens = TokenStore.inMemory();
  private final MicroblogTokenRefresher directRefresher =
      new MicroblogTokenRefresher(fake.baseUri().resolve("/oauth/token"), clock);

  @AfterEach
  void closeFake() {
    fake.close();
  }

  @Test
  void theTokenStoreKeepsCredentialsPerPlatformAndAccount() {
    String access = "tok-alice";
    String refresh = "refresh-alice";
    Instant refreshExpiry = clock.now().plus(Duration.ofDays(365));
    Instant now = clock.now();
    long expiresIn = 7200;
    // tag::token-store[]
    Target alice = Target.of("microblog", "alice");
    tokens.put(alice, Credentials.of(access)
        .withRefreshToken(refresh, refreshExpiry)
        .issuedAt(now, Duration.ofSeconds(expiresIn)));
    Optional<Credentials> current = tokens.get(alice);
    Credentials rotated = current.get().withAccessToken("new-token");
    boolean won = tokens.replace(alice, current.get(), rotated);   // compare-and-set
    Set<Target> targets = tokens.targets("microblog");             // for refresher jobs
    // end::token-store[]

    assertThat(won).isTrue();
    assertThat(tokens.replace(alice, current.get(), rotated)).isFalse();
    assertThat(targets).containsExactly(alice);
    assertThat(rotated.toString()).doesNotContain("new-token").doesNotContain(refresh);
  }

  @Test
  void aRecurringRefreshJobRotatesTheTokensThatExpireSoon() {
    tokens.put(Target.of("microblog", "alice"), Credentials.of("tok-alice")
        .withRefreshToken("refresh-alice", null)
        .issuedAt(clock.now(), Duration.ofMinutes(40)));
    SchedulerBuilder builder = Scheduler.builder().clock(clock);
    URI tokenEndpoint = fake.baseUri().resolve("/oauth/token");   // https://microblog.example/...

    // tag::refresh-job[]
    MicroblogTokenRefresher refresher = new MicroblogTokenRefresher(tokenEndpoint, clock);
    builder.recurring("microblog-token-refresh", Triggers.parse("15m"),
        TokenRefreshJob.of(tokens, refresher, clock));
    // end::refresh-job[]

    try (TestScheduler scheduler = TestScheduler.create(builder)) {
      List<JobAttempt> runs = scheduler.runUntil(clock.now().plus(Duration.ofMinutes(15)));

      assertThat(runs).extracting(JobAttempt::outcome).containsExactly(
          JobAttempt.Outcome.SUCCEEDED);
      Credentials refreshed = tokens.get(Target.of("microblog", "alice")).orElseThrow();
      assertThat(fake.acceptsToken(refreshed.accessToken())).isTrue();
      assertThat(fake.acceptsToken("tok-alice")).isFalse();
      assertThat(refreshed.refreshToken()).get().isNotEqualTo("refresh-alice");
      assertThat(refreshed.expiresAt()).contains(clock.now().plus(Duration.ofHours(2)));
    }
  }

  @Test
  void aRevokedGrantIsNotRetryableAndAServerErrorIs() {
    Credentials unknown = Credentials.of("tok").withRefreshToken("refresh-nobody", null);

    assertThatThrownBy(() -> directRefresher.refresh(Target.of("microblog", "alice"), unknown))
        .isInstanceOfSatisfying(TokenRefreshException.class,
            e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("invalid_grant")
        .message().doesNotContain("refresh-nobody");

    fake.inject("POST /oauth/token", Fault.status(503).times(1));
    Credentials alice = Credentials.of("tok-alice").withRefreshToken("refresh-alice", null);
    assertThatThrownBy(() -> directRefresher.refresh(Target.of("microblog", "alice"), alice))
        .isInstanceOfSatisfying(TokenRefreshException.class,
            e -> assertThat(e.isRetryable()).isTrue());
    assertThat(directRefresher.refresh(Target.of("microblog", "alice"), alice).refreshToken()).get()
        .isNotEqualTo("refresh-alice");
  }

  @Test
  void onlyCredentialsWithARefreshTokenThatExpireWithinHalfAnHourAreDue() {
    Instant now = clock.now();

    assertThat(directRefresher.needsRefresh(Credentials.of("t")
        .withRefreshToken("r", null).issuedAt(now, Duration.ofMinutes(29)), now)).isTrue();
    assertThat(directRefresher.needsRefresh(Credentials.of("t")
        .withRefreshToken("r", null).issuedAt(now, Duration.ofMinutes(31)), now)).isFalse();
    assertThat(directRefresher.needsRefresh(Credentials.of("t")
        .issuedAt(now, Duration.ofMinutes(1)), now)).as("no refresh token").isFalse();
  }
}
