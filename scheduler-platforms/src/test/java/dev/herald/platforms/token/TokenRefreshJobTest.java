package dev.herald.platforms.token;

import static dev.herald.platforms.LogCapture.captureStderr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.retry.RetryPolicy;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenRefreshJob} with a scripted refresher: which accounts it refreshes, the
 * compare-and-set, failures per account, and how it ends (throw for retryable, log for permanent).
 */
class TokenRefreshJobTest {

  static final String PLATFORM = "example";

  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  final TokenStore tokens = TokenStore.inMemory();
  final ScriptedRefresher refresher = new ScriptedRefresher();

  /**
   * Refreshes credentials expiring within a day to {@code <token>+} expiring in 60 days; fails for
   * the accounts it is told to; runs a hook during a refresh (to race it).
   */
  final class ScriptedRefresher implements TokenRefresher {
    final List<String> refreshed = new CopyOnWriteArrayList<>();
    final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    final Map<String, Runnable> during = new ConcurrentHashMap<>();

    @Override
    public String platform() {
      return PLATFORM;
    }

    @Override
    public boolean needsRefresh(Credentials current, Instant now) {
      return current.expiresWithin(Duration.ofDays(1), now);
    }

    @Override
    public Credentials refresh(Target target, Credentials current) {
      String account = target.account();
      refreshed.add(account);
      during.getOrDefault(account, () -> {}).run();
      RuntimeException failure = failures.get(account);
      if (failure != null) {
        throw failure;
      }
      return Credentials.of(current.accessToken() + "+")
          .issuedAt(clock.instant(), Duration.ofDays(60));
    }
  }

  Credentials expiringIn(String token, Duration d) {
    return Credentials.of(token).withExpiresAt(clock.now().plus(d));
  }

  @Test
  void refreshesOnlyTheAccountsThatNeedItAndOnlyOfItsPlatform() {
    tokens.put(Target.of(PLATFORM, "soon"), expiringIn("a", Duration.ofHours(2)));
    tokens.put(Target.of(PLATFORM, "later"), expiringIn("b", Duration.ofDays(30)));
    tokens.put(Target.of(PLATFORM, "never"), Credentials.of("c"));
    tokens.put(Target.of("other", "soon"), expiringIn("d", Duration.ofHours(1)));

    List<Target> done = TokenRefreshJob.of(tokens, refresher, clock).refreshAll();

    assertThat(done).containsExactly(Target.of(PLATFORM, "soon"));
    assertThat(refresher.refreshed).containsExactly("soon");
    assertThat(tokens.get(Target.of(PLATFORM, "soon")).orElseThrow().accessToken()).isEqualTo("a+");
    assertThat(tokens.get(Target.of(PLATFORM, "soon")).orElseThrow().expiresAt())
        .contains(clock.now().plus(Duration.ofDays(60)));
    assertThat(tokens.get(Target.of(PLATFORM, "later")).orElseThrow().accessToken()).isEqualTo("b");
    assertThat(tokens.get(Target.of("other", "soon")).orElseThrow().accessToken()).isEqualTo("d");
  }

  @Test
  void theLoserOfACompareAndSetKeepsTheNewerCredentials() {
    tokens.put(Target.of(PLATFORM, "raced"), expiringIn("old", Duration.ofHours(1)));
    Credentials newer = expiringIn("stored-by-another-node", Duration.ofDays(60));
    refresher.during.put("raced", () -> tokens.put(Target.of(PLATFORM, "raced"), newer));

    List<Target> done = TokenRefreshJob.of(tokens, refresher, clock).refreshAll();

    assertThat(done).isEmpty();
    assertThat(tokens.get(Target.of(PLATFORM, "raced"))).contains(newer);
  }

  @Test
  void oneAccountsFailureDoesNotStopTheOthersAndARetryableOneIsThrownAtTheEnd() {
    for (String account : List.of("a", "b", "c", "d")) {
      tokens.put(Target.of(PLATFORM, account), expiringIn(account, Duration.ofHours(1)));
    }
    refresher.failures.put("b", new TokenRefreshException(PLATFORM, "b", "HTTP 503", true));
    refresher.failures.put("c", new TokenRefreshException(PLATFORM, "c", "timeout", true));

    TokenRefreshException thrown =
        catchThrowableOfType(
            () -> TokenRefreshJob.of(tokens, refresher, clock).refreshAll(),
            TokenRefreshException.class);

    assertThat(refresher.refreshed).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(tokens.get(Target.of(PLATFORM, "a")).orElseThrow().accessToken()).isEqualTo("a+");
    assertThat(tokens.get(Target.of(PLATFORM, "d")).orElseThrow().accessToken()).isEqualTo("d+");
    assertThat(tokens.get(Target.of(PLATFORM, "b")).orElseThrow().accessToken()).isEqualTo("b");
    assertThat(thrown.isRetryable()).isTrue();
    assertThat(
            List.of(
                thrown.account(), ((TokenRefreshException) thrown.getSuppressed()[0]).account()))
        .containsExactlyInAnyOrder("b", "c");
    assertThat(thrown.getMessage()).contains("(will retry)");
  }

  @Test
  void aRefresherBugOnOneAccountDoesNotStopTheOthersAndIsRetried() {
    for (String account : List.of("a", "b", "c")) {
      tokens.put(Target.of(PLATFORM, account), expiringIn(account, Duration.ofHours(1)));
    }
    refresher.failures.put("b", new IllegalStateException("refresher bug"));

    TokenRefreshException thrown =
        catchThrowableOfType(
            () -> TokenRefreshJob.of(tokens, refresher, clock).refreshAll(),
            TokenRefreshException.class);

    assertThat(tokens.get(Target.of(PLATFORM, "a")).orElseThrow().accessToken()).isEqualTo("a+");
    assertThat(tokens.get(Target.of(PLATFORM, "c")).orElseThrow().accessToken()).isEqualTo("c+");
    assertThat(thrown.account()).isEqualTo("b");
    assertThat(thrown.isRetryable()).isTrue();
    assertThat(thrown.getCause()).hasMessage("refresher bug");
  }

  @Test
  void aPermanentFailureIsLoggedAndNotThrown() {
    tokens.put(Target.of(PLATFORM, "revoked"), expiringIn("r", Duration.ofHours(1)));
    tokens.put(Target.of(PLATFORM, "fine"), expiringIn("f", Duration.ofHours(1)));
    refresher.failures.put(
        "revoked", new TokenRefreshException(PLATFORM, "revoked", "190 session expired", false));

    List<Target> done = new CopyOnWriteArrayList<>();
    String logs =
        captureStderr(() -> done.addAll(TokenRefreshJob.of(tokens, refresher, clock).refreshAll()));

    assertThat(done).containsExactly(Target.of(PLATFORM, "fine"));
    assertThat(logs)
        .contains(
            "WARN dev.herald.platforms.token - ",
            "refreshing the example token of account revoked failed (the user must authorise"
                + " again): 190 session expired");
    assertThat(tokens.get(Target.of(PLATFORM, "revoked")).orElseThrow().accessToken()).isEqualTo("r");
  }

  @Test
  void asARecurringJobARetryableFailureFailsTheRunAndAPermanentOneDoesNot() {
    tokens.put(Target.of(PLATFORM, "flaky"), expiringIn("x", Duration.ofHours(30)));
    refresher.failures.put("flaky", new TokenRefreshException(PLATFORM, "flaky", "HTTP 502", true));
    RetryPolicy once =
        RetryPolicy.builder().maxAttempts(2).fixedDelay(Duration.ofMinutes(5)).jitter(0).build();

    try (TestScheduler scheduler =
        TestScheduler.create(
            Scheduler.builder()
                .clock(clock)
                .recurring(
                    "token-refresh",
                    Triggers.every(Duration.ofHours(6)),
                    TokenRefreshJob.of(tokens, refresher, clock),
                    JobOptions.builder().retryPolicy(once).build()))) {
      List<JobAttempt> runs = scheduler.runUntil(clock.now().plus(Duration.ofHours(7)));
      refresher.failures.put(
          "flaky", new TokenRefreshException(PLATFORM, "flaky", "revoked", false));
      runs = new ArrayList<>(runs);
      runs.addAll(scheduler.runUntil(clock.now().plus(Duration.ofHours(6))));

      assertThat(runs)
          .extracting(JobAttempt::outcome)
          .containsSubsequence(JobAttempt.Outcome.FAILED, JobAttempt.Outcome.SUCCEEDED);
      assertThat(runs.stream().filter(r -> r.outcome() == JobAttempt.Outcome.FAILED))
          .allSatisfy(r -> assertThat(r.error().orElseThrow()).contains("HTTP 502"));
    }
  }

  @Test
  void refreshedOnScheduleBeforeExpiry() {
    tokens.put(Target.of(PLATFORM, "acct"), expiringIn("t", Duration.ofDays(3)));
    try (TestScheduler scheduler =
        TestScheduler.create(
            Scheduler.builder()
                .clock(clock)
                .recurring(
                    "token-refresh",
                    Triggers.every(Duration.ofHours(12)),
                    TokenRefreshJob.of(tokens, refresher, clock)))) {
      scheduler.runUntil(clock.now().plus(Duration.ofDays(1)));
      assertThat(tokens.get(Target.of(PLATFORM, "acct")).orElseThrow().accessToken()).isEqualTo("t");

      scheduler.runUntil(clock.now().plus(Duration.ofDays(2)));

      assertThat(tokens.get(Target.of(PLATFORM, "acct")).orElseThrow().accessToken()).isEqualTo("t+");
      assertThat(refresher.refreshed).containsExactly("acct");
    }
  }
}
