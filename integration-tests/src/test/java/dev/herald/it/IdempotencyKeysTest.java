package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The idempotency keys Herald sends to Mastodon, through the real adapter and {@link FakeMastodon},
 * which answers a repeated {@code Idempotency-Key} of an account within an hour with the first
 * status: keys of independent stores never collide, a replay of one intent reuses its key, and a
 * human's re-send gets a new one.
 */
class IdempotencyKeysTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Target ALICE = Target.of("mastodon", "alice");

  private final ManualClock clock = ManualClock.at(T0);
  private final List<TestScheduler> schedulers = new ArrayList<>();
  private FakeMastodon mastodon;

  @BeforeEach
  void startMastodon() {
    mastodon = FakeMastodon.builder().account("alice", "tok-alice").clock(clock).start();
  }

  @AfterEach
  void stop() {
    schedulers.forEach(TestScheduler::close);
    mastodon.close();
  }

  /** An application with its own store publishing to {@link #mastodon}. */
  private App app() {
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of("mastodon", "alice"), Credentials.of("tok-alice"));
    Publishing publishing = Publishing.builder()
        .publisher(MastodonPublisher.builder(mastodon.baseUri()).tokens(tokens).clock(clock)
            .build())
        .clock(clock)
        .build();
    TestScheduler scheduler = TestScheduler.create(publishing.install(
        Scheduler.builder().clock(clock).store(JobStore.inMemory(clock))));
    schedulers.add(scheduler);
    return new App(scheduler, publishing.client(scheduler.client()));
  }

  private record App(TestScheduler scheduler, Publications posts) {
    TargetStatus schedule(String postId, String text) {
      return posts.schedule(PostRequest.builder(postId, Post.text(text)).target(ALICE).at(T0)
          .build()).target(ALICE);
    }

    TargetStatus status(String postId) {
      return posts.status(postId).target(ALICE);
    }
  }

  @Test
  void postFortyTwoOfTwoIndependentStoresToOneAccountWithinTheHourIsTwoStatuses() {
    App staging = app();
    App production = app();
    staging.schedule("42", "Staging says hello");
    production.schedule("42", "Production says hello");

    staging.scheduler().runDue();
    clock.advance(Duration.ofMinutes(10));
    production.scheduler().runDue();

    List<LedgerEntry> statuses = mastodon.ledger().entries();
    assertThat(statuses).extracting(LedgerEntry::text)
        .containsExactly("Staging says hello", "Production says hello");
    assertThat(statuses).extracting(e -> e.idempotencyKey().orElseThrow()).doesNotHaveDuplicates();
    assertThat(staging.status("42").state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(staging.status("42").remoteId()).hasValue(statuses.get(0).remoteId());
    assertThat(production.status("42").state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(production.status("42").remoteId()).hasValue(statuses.get(1).remoteId());
  }

  @Test
  void aLostResponseIsReplayedWithTheSameKeyAndTheOneStatusIsRecorded() {
    App app = app();
    mastodon.inject(FakeMastodon.STATUSES, Fault.dropAfterAccept().times(1));
    app.schedule("p1", "Hello once");

    app.scheduler().runDue();
    assertThat(app.status("p1").state()).as("outcome unknown").isEqualTo(TargetState.PUBLISHING);
    app.scheduler().runUntil(T0.plus(Duration.ofMinutes(5)));

    assertThat(keysSent()).hasSize(2).containsOnly(keysSent().get(0));
    assertRandomKey(keysSent().get(0));
    LedgerEntry status = mastodon.ledger().entries().get(0);
    assertThat(mastodon.ledger().entries()).hasSize(1);
    assertThat(app.status("p1").state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(app.status("p1").remoteId()).hasValue(status.remoteId());
  }

  @Test
  void aHumansResendOfAParkedPostSendsANewKey() {
    App app = app();
    mastodon.inject(FakeMastodon.STATUSES, Fault.dropBeforeAccept().times(1));
    // the account cannot be read (403), so Herald cannot look the status up either
    mastodon.inject(FakeMastodon.VERIFY_CREDENTIALS, Fault.status(403));
    app.schedule("p1", "Hello");
    app.scheduler().runDue();
    // the replay comes too late: past Mastodon's hour less the margin, and the instance cannot
    // tell whether the status exists, so it is parked
    clock.advance(Duration.ofMinutes(56));
    app.scheduler().runDue();
    TargetStatus parked = app.status("p1");
    assertThat(parked.state()).isEqualTo(TargetState.NEEDS_REVIEW);

    // a human finds nothing on the account and sends it again
    app.posts().resend(parked);
    app.scheduler().runDue();

    assertThat(keysSent()).hasSize(2).doesNotHaveDuplicates()
        .allSatisfy(IdempotencyKeysTest::assertRandomKey);
    assertThat(mastodon.ledger().entries()).singleElement()
        .satisfies(e -> assertThat(e.idempotencyKey()).hasValue(keysSent().get(1)));
    assertThat(app.status("p1").state()).isEqualTo(TargetState.PUBLISHED);
  }

  private List<String> keysSent() {
    return mastodon.requests(FakeMastodon.STATUSES).stream()
        .map(r -> r.header("Idempotency-Key").orElseThrow()).toList();
  }

  private static void assertRandomKey(String key) {
    assertThat(key).matches("herald-[A-Za-z0-9_-]{22}");
    assertThat(Base64.getUrlDecoder().decode(key.substring("herald-".length()))).hasSize(16);
  }
}
