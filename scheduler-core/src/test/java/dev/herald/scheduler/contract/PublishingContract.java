package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostNotFoundException;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.PostValidationException;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: the publish protocol, deterministically on a manual clock, against any {@link
 * JobStore} (publishing keeps all its state in the store, so it must work the same on each).
 */
public abstract class PublishingContract {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Target ALICE = Target.of("mastodon", "alice");
  private static final Target PAGE = Target.of("facebook", "page-9");

  // built per test in setUp(): a subclass may share one instance across tests
  private ManualClock clock;
  private FakePlatform mastodon;
  private FakePlatform facebook;
  private JobStore store;
  private TestScheduler scheduler;

  private Publications posts;

  /** A fresh, empty store whose clock is {@code clock}. */
  protected abstract JobStore createStore(ManualClock clock);

  /**
   * Another fresh, empty store whose clock is {@code clock}, independent of the one {@link
   * #createStore} returned (another database, or other tables): as a restored backup, staging and
   * production, or a second application would be, it shares no rows with it, while its job ids and
   * fencing tokens may well be the same.
   */
  protected abstract JobStore createIndependentStore(ManualClock clock);

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(T0);
    mastodon = new FakePlatform("mastodon", Duration.ofHours(1), 500, clock);
    facebook = new FakePlatform("facebook", Duration.ZERO, 63206, clock);
    store = createStore(clock);
    Publishing publishing = Publishing.builder().publisher(mastodon).publisher(facebook)
        .clock(clock)
        .onPublished(p -> List.of(JobRequest.builder("fetch-engagement")
            .id("engagement/" + p.remoteId()).payload(p.remoteId())
            .runAt(p.publishedAt().plus(Duration.ofHours(1))).build()))
        .build();
    scheduler = TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)
        .store(store).register("fetch-engagement", ctx -> { })));
    posts = publishing.client(scheduler.client());
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
  }

  private PostStatus schedule(String postId, String text, Instant at, Target... targets) {
    PostRequest.Builder request = PostRequest.builder(postId, Post.text(text)).at(at);
    for (Target t : targets) {
      request.target(t);
    }
    return posts.schedule(request.build());
  }

  @Test
  void publishesToEveryTargetAtTheScheduledTimeAndRecordsRemoteIds() {
    PostStatus scheduled = schedule("p1", "Hello", T0.plusSeconds(3600), ALICE, PAGE);
    assertThat(scheduled.targets()).extracting(TargetStatus::state)
        .containsOnly(TargetState.SCHEDULED);

    scheduler.runUntil(T0.plusSeconds(3599));
    assertThat(mastodon.ledger()).isEmpty();
    scheduler.runUntil(T0.plusSeconds(3600));

    PostStatus status = posts.status("p1");
    assertThat(status.all(TargetState.PUBLISHED)).isTrue();
    assertThat(status.target(ALICE).remoteId()).hasValue("mastodon-1");
    assertThat(status.target(ALICE).url().orElseThrow())
        .hasToString("https://mastodon.example/p/mastodon-1");
    assertThat(status.target(PAGE).remoteId()).hasValue("facebook-1");
    assertThat(status.target(ALICE).history()).singleElement()
        .extracting(JobAttempt::outcome).isEqualTo(JobAttempt.Outcome.SUCCEEDED);
    assertThat(scheduler.client().get("engagement/mastodon-1")).as("the onPublished hook")
        .isPresent();
  }

  @Test
  void anInvalidPostFailsAtScheduleTimeNamingTheTargetAndLimitAndStoresNothing() {
    assertThatThrownBy(() -> schedule("p1", "x".repeat(612), T0, ALICE, PAGE))
        .isInstanceOf(PostValidationException.class)
        .hasMessageContaining("mastodon:alice")
        .hasMessageContaining("612 characters")
        .hasMessageContaining("at most 500");
    assertThat(scheduler.client().list(JobQuery.all()).items()).isEmpty();
    assertThatThrownBy(() -> posts.status("p1")).isInstanceOf(PostNotFoundException.class);
  }

  @Test
  void aTargetWithItsOwnVersionPublishesThatVersionAndIsValidatedOnIt() {
    String long700 = "y".repeat(700);
    posts.schedule(PostRequest.builder("p1", Post.text(long700))
        .target(PAGE)
        .target(ALICE, Post.text("short for mastodon"))
        .at(T0).build());
    scheduler.runDue();

    assertThat(mastodon.ledger()).extracting(FakePlatform.Sent::text)
        .containsExactly("short for mastodon");
    assertThat(facebook.ledger()).extracting(FakePlatform.Sent::text).containsExactly(long700);
  }

  @Test
  void aLostResponseIsReplayedWithTheSameKeyAndPublishesOnce() {
    mastodon.thenAcceptButLoseTheResponse();
    schedule("p1", "Hello", T0, ALICE);

    scheduler.runDue();
    TargetStatus pending = posts.status("p1").target(ALICE);
    assertThat(pending.state()).isEqualTo(TargetState.PUBLISHING);
    assertThat(pending.lastError().orElseThrow())
        .contains("unknown")
        .contains("same idempotency key");

    scheduler.runUntil(T0.plus(Duration.ofMinutes(5)));
    assertThat(mastodon.ledger()).hasSize(1);
    assertThat(mastodon.keysSeen()).hasSize(2).containsOnly(mastodon.keysSeen().get(0));
    assertThat(posts.status("p1").target(ALICE).state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(posts.status("p1").target(ALICE).remoteId()).hasValue("mastodon-1");
  }

  @Test
  void theKeyIsStoredWithTheIntentBeforeTheCallAndTheReplaySendsItAgain() {
    String jobId = schedule("p1", "Hello", T0, ALICE).target(ALICE).jobId();
    List<Optional<String>> storedWhenCalled = new CopyOnWriteArrayList<>();
    mastodon.then(r -> {
      storedWhenCalled.add(intentKey(jobId));
      mastodon.accept(r);
      return PublishResult.unknown("connection dropped after sending");
    });

    scheduler.runUntil(T0.plus(Duration.ofMinutes(5)));

    String key = mastodon.keysSeen().get(0);
    assertThat(storedWhenCalled).as("the intent's key, durable before the first call")
        .containsExactly(Optional.of(key));
    assertThat(mastodon.keysSeen()).as("the replay").containsExactly(key, key);
    assertThat(intentKey(jobId)).hasValue(key);
    assertThat(mastodon.ledger()).hasSize(1);
    assertThat(posts.status("p1").target(ALICE).state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(posts.status("p1").target(ALICE).remoteId()).hasValue("mastodon-1");
  }

  @Test
  void everyIntentHasItsOwnRandomKeyOfAtLeast128Bits() {
    schedule("p1", "One", T0, ALICE, PAGE);
    schedule("p2", "Two", T0, ALICE);
    schedule("p3", "Three", T0, PAGE);

    scheduler.runDue();

    List<String> keys = new ArrayList<>(mastodon.keysSeen());
    keys.addAll(facebook.keysSeen());
    assertThat(keys).hasSize(4).doesNotHaveDuplicates()
        .allSatisfy(PublishingContract::assertRandomKey);
  }

  @Test
  void aRetryOfAnUnsentIntentKeepsItsKeyAndAnEditMintsANewOne() {
    mastodon.then(r -> PublishResult.retryLater(Duration.ofMinutes(1), "503 Service Unavailable"))
        .then(r -> PublishResult.retryLater(Duration.ofMinutes(1), "503 Service Unavailable"));
    schedule("p1", "Draft", T0, ALICE);
    scheduler.runUntil(T0.plus(Duration.ofMinutes(1)));
    assertThat(mastodon.keysSeen()).hasSize(2).containsOnly(mastodon.keysSeen().get(0));

    posts.edit("p1", Post.text("Edited"));
    scheduler.runUntil(T0.plus(Duration.ofMinutes(5)));

    List<String> keys = mastodon.keysSeen();
    assertThat(keys).hasSize(3);
    assertThat(keys.get(2)).as("the edited post is a new intent").isNotEqualTo(keys.get(0));
    assertRandomKey(keys.get(2));
    assertThat(mastodon.ledger()).extracting(FakePlatform.Sent::text).containsExactly("Edited");
  }

  @Test
  void theSamePostIdInTwoIndependentStoresPublishesTwoPostsWithTheirOwnTexts() {
    // a restored backup, staging and production, two apps: each one's post 42 is its own post,
    // sent to the same account within the platform's dedupe window
    Publishing otherPublishing = Publishing.builder().publisher(mastodon).clock(clock).build();
    try (TestScheduler other = TestScheduler.create(otherPublishing.install(
        Scheduler.builder().clock(clock).store(createIndependentStore(clock))))) {
      Publications otherPosts = otherPublishing.client(other.client());
      schedule("42", "From staging", T0, ALICE);
      otherPosts.schedule(PostRequest.builder("42", Post.text("From production")).target(ALICE)
          .at(T0).build());

      scheduler.runDue();
      clock.advance(Duration.ofMinutes(10));
      other.runDue();

      assertThat(mastodon.ledger()).extracting(FakePlatform.Sent::text)
          .containsExactly("From staging", "From production");
      assertThat(posts.status("42").target(ALICE).remoteId()).hasValue("mastodon-1");
      TargetStatus production = otherPosts.status("42").target(ALICE);
      assertThat(production.state()).isEqualTo(TargetState.PUBLISHED);
      assertThat(production.remoteId()).hasValue("mastodon-2");
    }
  }

  @Test
  void aLostResponseOnAPlatformWithoutDedupeIsParkedForReviewNeverResent() {
    facebook.thenAcceptButLoseTheResponse();
    schedule("p1", "Hello", T0, PAGE);

    scheduler.runUntil(T0.plus(Duration.ofHours(2)));

    TargetStatus parked = posts.status("p1").target(PAGE);
    assertThat(parked.state()).isEqualTo(TargetState.NEEDS_REVIEW);
    assertThat(parked.lastError().orElseThrow()).contains("does not deduplicate");
    assertThat(facebook.ledger()).hasSize(1);
    assertThat(facebook.keysSeen()).hasSize(1);

    TargetStatus resolved = posts.markPublished(parked, "facebook-1", null);
    assertThat(resolved.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(resolved.remoteId()).hasValue("facebook-1");
  }

  @Test
  void aLostResponseIsFoundByAskingThePlatformAndRecordedWithItsId() {
    facebook.reconciling(Duration.ZERO).thenAcceptButLoseTheResponse();
    schedule("p1", "Hello", T0, PAGE);

    scheduler.runDue();

    TargetStatus found = posts.status("p1").target(PAGE);
    assertThat(found.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(found.remoteId()).hasValue("facebook-1");
    assertThat(facebook.ledger()).hasSize(1);
    assertThat(facebook.keysSeen()).hasSize(1);
  }

  @Test
  void aPostThePlatformShowsWasNotCreatedIsSentOnceMoreWithTheSameKey() {
    facebook.reconciling(Duration.ofSeconds(30))
        .then(r -> PublishResult.unknown("timeout; the platform had not acted"));
    schedule("p1", "Hello", T0, PAGE);

    scheduler.runUntil(T0.plus(Duration.ofMinutes(30)));

    TargetStatus published = posts.status("p1").target(PAGE);
    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(facebook.ledger()).hasSize(1);
    assertThat(facebook.keysSeen()).hasSize(2).containsOnly(facebook.keysSeen().get(0));
    assertThat(facebook.reconciles()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aPostStillNotCreatedAfterOneMoreSendIsParkedForReview() {
    facebook.reconciling(Duration.ZERO)
        .then(r -> PublishResult.unknown("timeout; the platform had not acted"))
        .then(r -> PublishResult.unknown("timeout again"));
    schedule("p1", "Hello", T0, PAGE);

    scheduler.runUntil(T0.plus(Duration.ofHours(2)));

    TargetStatus parked = posts.status("p1").target(PAGE);
    assertThat(parked.state()).isEqualTo(TargetState.NEEDS_REVIEW);
    assertThat(parked.lastError().orElseThrow()).contains("still no post after sending it once more");
    assertThat(facebook.keysSeen()).hasSize(2);
    assertThat(facebook.ledger()).isEmpty();
  }

  @Test
  void aPlatformThatCannotTellYetIsAskedAFewTimesThenThePostIsParked() {
    facebook.reconciling(Duration.ofDays(30))
        .then(r -> PublishResult.unknown("timeout; the platform had not acted"));
    schedule("p1", "Hello", T0, PAGE);

    scheduler.runUntil(T0.plus(Duration.ofDays(5)));

    TargetStatus parked = posts.status("p1").target(PAGE);
    assertThat(parked.state()).isEqualTo(TargetState.NEEDS_REVIEW);
    assertThat(parked.lastError().orElseThrow()).contains("could not tell after");
    assertThat(facebook.keysSeen()).hasSize(1);
  }

  @Test
  void aHumanCanResendAParkedPostWithANewKey() {
    facebook.then(r -> PublishResult.unknown("timeout after sending"));
    schedule("p1", "Hello", T0, PAGE);
    scheduler.runDue();
    TargetStatus parked = posts.status("p1").target(PAGE);
    assertThat(parked.state()).isEqualTo(TargetState.NEEDS_REVIEW);

    posts.resend(parked);
    scheduler.runDue();

    assertThat(posts.status("p1").target(PAGE).state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(facebook.keysSeen()).hasSize(2).doesNotHaveDuplicates()
        .allSatisfy(PublishingContract::assertRandomKey);
  }

  @Test
  void aRecoveredRunReplaysInsideTheWindowAndParksOutsideIt() {
    schedule("inside", "A", T0, ALICE);
    schedule("outside", "B", T0, ALICE);
    // a node claims both, sends them (the platform accepts), and dies before recording anything
    // (keys of any form: an intent keeps the key it was stored with)
    List<String> storedKeys = new ArrayList<>();
    for (ClaimedJob claim : store.claimDue("dead-node", Set.of(Publishing.PUBLISH_TYPE), 10,
        Duration.ofSeconds(30))) {
      String key = "key-" + claim.job().id();
      storedKeys.add(key);
      store.saveStep(claim.lease(), "intent",
          "{\"state\":\"SENDING\",\"key\":\"" + key + "\",\"revision\":0,\"firstSentAt\":\""
              + T0 + "\"}");
      mastodon.accept(new PublishRequest(Post.text("x"), Target.of("mastodon", "alice"), key));
    }
    clock.advance(Duration.ofMinutes(1));
    scheduler.recoverExpired();
    scheduler.runDue();
    // both replays are inside the window, with the stored keys: one status each, ids recovered
    assertThat(mastodon.keysSeen()).containsExactlyInAnyOrderElementsOf(storedKeys);
    assertThat(mastodon.ledger()).hasSize(2);
    assertThat(posts.status("inside").target(ALICE).state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(posts.status("inside").target(ALICE).remoteId()).hasValue("mastodon-1");

    schedule("late", "C", T0, ALICE);
    ClaimedJob claim = store.claimDue("dead-node", Set.of(Publishing.PUBLISH_TYPE), 1,
        Duration.ofSeconds(30)).get(0);
    store.saveStep(claim.lease(), "intent", "{\"state\":\"SENDING\",\"key\":\"k\","
        + "\"revision\":0,\"firstSentAt\":\"" + clock.now() + "\"}");
    clock.advance(Duration.ofMinutes(56)); // past the 1 h window less the 5 min margin
    scheduler.recoverExpired();
    scheduler.runDue();
    TargetStatus late = posts.status("late").target(ALICE);
    assertThat(late.state()).isEqualTo(TargetState.NEEDS_REVIEW);
    assertThat(late.lastError().orElseThrow())
        .contains("beyond the safe part")
        .contains("dedupe window");
  }

  @Test
  void aRateLimitReschedulesAtItsEndWithoutSpendingAnAttempt() {
    Instant until = T0.plus(Duration.ofMinutes(15));
    mastodon.then(r -> PublishResult.rateLimited(until, "429 Too many requests"));
    String jobId = schedule("p1", "Hello", T0, ALICE).target(ALICE).jobId();

    scheduler.runDue();
    assertThat(scheduler.client().get(jobId).orElseThrow().nextRunAt()).hasValue(until);
    assertThat(scheduler.client().get(jobId).orElseThrow().attempt()).isZero();
    assertThat(posts.status("p1").target(ALICE).state()).isEqualTo(TargetState.SCHEDULED);

    scheduler.runUntil(until);
    assertThat(posts.status("p1").target(ALICE).state()).isEqualTo(TargetState.PUBLISHED);
  }

  @Test
  void aPermanentRejectionFailsWithThePlatformsCodeAndMessage() {
    mastodon.then(r -> PublishResult.rejected("422", "Validation failed: Text can't be blank"));
    schedule("p1", "Hello", T0, ALICE);

    scheduler.runUntil(T0.plus(Duration.ofHours(1)));

    TargetStatus failed = posts.status("p1").target(ALICE);
    assertThat(failed.state()).isEqualTo(TargetState.FAILED);
    assertThat(failed.lastError().orElseThrow())
        .contains("422")
        .contains("Validation failed: Text can't be blank");
    assertThat(failed.history()).hasSize(1);
  }

  @Test
  void anExpiredTokenIsRefreshedOnceAndThePublishRetried() {
    mastodon.expireToken(true);
    schedule("p1", "Hello", T0, ALICE);
    scheduler.runDue();
    assertThat(mastodon.refreshes()).isEqualTo(1);
    assertThat(posts.status("p1").target(ALICE).state()).isEqualTo(TargetState.PUBLISHED);

    mastodon.expireToken(false);
    schedule("p2", "Again", T0, ALICE);
    scheduler.runDue();
    TargetStatus failed = posts.status("p2").target(ALICE);
    assertThat(failed.state()).isEqualTo(TargetState.FAILED);
    assertThat(failed.lastError().orElseThrow()).contains("authorise again");
    assertThat(mastodon.refreshes()).isEqualTo(2);
  }

  @Test
  void aKnownQuotaIsWaitedForInsteadOfCalling() {
    Instant resets = T0.plus(Duration.ofHours(3));
    mastodon.quotaUntil(resets);
    schedule("p1", "Hello", T0, ALICE);

    scheduler.runUntil(resets.minusSeconds(1));
    assertThat(mastodon.keysSeen()).isEmpty();
    scheduler.runUntil(resets);
    assertThat(mastodon.ledger()).hasSize(1);
  }

  @Test
  void anEditBeforeThePublishTimeIsWhatGetsPublishedAndACancelPublishesNothing() {
    schedule("edited", "first draft", T0.plusSeconds(600), ALICE, PAGE);
    schedule("cancelled", "never", T0.plusSeconds(600), ALICE, PAGE);

    posts.edit("edited", Post.text("final text"));
    PostStatus cancelled = posts.cancel("cancelled");
    assertThat(cancelled.all(TargetState.CANCELLED)).isTrue();
    scheduler.runUntil(T0.plusSeconds(3600));

    assertThat(mastodon.ledger()).extracting(FakePlatform.Sent::text).containsExactly("final text");
    assertThat(facebook.ledger()).extracting(FakePlatform.Sent::text)
        .containsExactly("final text");
    assertThatThrownBy(() -> posts.edit("edited", Post.text("x".repeat(501))))
        .isInstanceOf(PostValidationException.class).hasMessageContaining("mastodon:alice");
  }

  @Test
  void aWeeklySeriesAcrossADstChangePublishesEachOccurrenceOnceAtLocalTime() {
    clock.set(Instant.parse("2026-03-20T00:00:00Z")); // Berlin leaves CET for CEST on the 29th
    posts.schedule(PostRequest.builder("weekly", Post.text("Monday digest"))
        .target(ALICE).target(PAGE)
        .series(Triggers.cron("0 9 * * MON", ZoneId.of("Europe/Berlin"))).build());

    scheduler.runUntil(Instant.parse("2026-04-07T00:00:00Z"));
    // the recovered run of an occurrence (a second series run) must not publish it again
    scheduler.runDue();

    PostStatus status = posts.status("weekly");
    assertThat(status.targets()).extracting(t -> t.occurrence().orElseThrow()).containsExactly(
        Instant.parse("2026-03-23T08:00:00Z"), Instant.parse("2026-03-23T08:00:00Z"),
        Instant.parse("2026-03-30T07:00:00Z"), Instant.parse("2026-03-30T07:00:00Z"),
        Instant.parse("2026-04-06T07:00:00Z"), Instant.parse("2026-04-06T07:00:00Z"));
    assertThat(status.all(TargetState.PUBLISHED)).isTrue();
    assertThat(mastodon.ledger()).extracting(FakePlatform.Sent::at).containsExactly(
        Instant.parse("2026-03-23T08:00:00Z"), Instant.parse("2026-03-30T07:00:00Z"),
        Instant.parse("2026-04-06T07:00:00Z"));
    assertThat(facebook.ledger()).hasSize(3);
  }

  /** The idempotency key stored in the publication's intent step, if it has one. */
  private Optional<String> intentKey(String jobId) {
    return scheduler.client().step(jobId, "intent", Map.class)
        .map(intent -> String.valueOf(intent.get("key")));
  }

  /** {@code herald-} and at least 128 random bits, base64url: safe in a header or a URL. */
  private static void assertRandomKey(String key) {
    assertThat(key).matches("herald-[A-Za-z0-9_-]{22,}");
    assertThat(Base64.getUrlDecoder().decode(key.substring("herald-".length())))
        .hasSizeGreaterThanOrEqualTo(16);
  }
}
