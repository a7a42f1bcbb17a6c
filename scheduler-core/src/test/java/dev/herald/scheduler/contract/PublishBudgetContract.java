package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishBudget;
import dev.herald.scheduler.publish.PublishResult;
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
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: per-account publish budgets, counted from the job store (so they hold across nodes
 * and restarts), deterministically on a manual clock, against any {@link JobStore}.
 */
public abstract class PublishBudgetContract {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Duration DAY = Duration.ofHours(24);
  private static final Target ACCOUNT = Target.of("instagram", "17841405822304914");
  private static final Target OTHER_ACCOUNT = Target.of("instagram", "17841400000000001");
  private static final Target PAGE = Target.of("facebook", "page-9");

  private ManualClock clock;
  private FakePlatform instagram;
  private FakePlatform facebook;
  private JobStore store;
  private final List<TestScheduler> nodes = new ArrayList<>();

  /** A fresh, empty store whose clock is {@code clock}. */
  protected abstract JobStore createStore(ManualClock clock);

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(T0);
    // declares Meta's 50 per 24 h; most tests replace it, as a host does for a 25-post account
    instagram = new FakePlatform("instagram", Duration.ZERO, 2200, clock)
        .budget(PublishBudget.of(50, DAY));
    facebook = new FakePlatform("facebook", Duration.ZERO, 63206, clock);
    store = createStore(clock);
  }

  @AfterEach
  void tearDown() {
    nodes.forEach(TestScheduler::close);
  }

  /** A node publishing to both fakes over the shared store, configured by {@code config}. */
  private Node node(UnaryOperator<Publishing.Builder> config) {
    Publishing publishing = config.apply(Publishing.builder().publisher(instagram)
        .publisher(facebook).clock(clock)).build();
    TestScheduler scheduler = TestScheduler.create(
        publishing.install(Scheduler.builder().clock(clock).store(store)));
    nodes.add(scheduler);
    return new Node(scheduler, publishing.client(scheduler.client()));
  }

  private Node node(PublishBudget instagramBudget) {
    return node(b -> b.budget("instagram", instagramBudget).budget("facebook", instagramBudget));
  }

  private record Node(TestScheduler scheduler, Publications posts) {
    void schedule(String postId, Instant at, Target target) {
      posts.schedule(PostRequest.builder(postId, Post.text("post " + postId)).target(target)
          .at(at).build());
    }

    TargetStatus status(String postId, Target target) {
      return posts.status(postId).target(target);
    }
  }

  @Test
  void thirtyPostsToAnAccountWithABudgetOf25Per24hPublish25AndDeferFivePastTheWindow() {
    Node node = node(PublishBudget.of(25, DAY));
    Duration gap = Duration.ofMinutes(10);
    List<String> ids = IntStream.rangeClosed(1, 30).mapToObj(i -> String.format("p%02d", i))
        .toList();
    for (int i = 0; i < 30; i++) {
      node.schedule(ids.get(i), T0.plus(gap.multipliedBy(Math.min(i, 25))), ACCOUNT);
    }

    node.scheduler().runUntil(T0.plus(DAY).minusSeconds(1));

    assertThat(instagram.ledger()).hasSize(25);
    assertThat(instagram.keysSeen()).as("no call for a deferred post").hasSize(25);
    List<TargetStatus> deferred = ids.subList(25, 30).stream()
        .map(id -> node.status(id, ACCOUNT)).toList();
    Instant oldestLeaves = T0.plus(DAY);
    assertThat(deferred).allSatisfy(t -> {
      assertThat(t.state()).isEqualTo(TargetState.SCHEDULED);
      assertThat(t.attempts()).as("a deferral spends no attempt").isZero();
      assertThat(t.nextAttemptAt()).hasValue(oldestLeaves);
      assertThat(t.lastError()).hasValue("instagram:17841405822304914 used its budget of 25 "
          + "posts per PT24H; deferred until " + oldestLeaves);
      assertThat(t.history()).extracting(JobAttempt::outcome)
          .containsOnly(JobAttempt.Outcome.DEFERRED);
    });
    assertThat(ids.subList(0, 25)).allSatisfy(id ->
        assertThat(node.status(id, ACCOUNT).state()).isEqualTo(TargetState.PUBLISHED));

    node.scheduler().runUntil(T0.plus(DAY).plus(Duration.ofHours(1)));

    assertThat(ids).allSatisfy(id ->
        assertThat(node.status(id, ACCOUNT).state()).isEqualTo(TargetState.PUBLISHED));
    assertThat(instagram.ledger()).hasSize(30);
    assertThat(instagram.ledger().subList(25, 30)).as("one as each oldest publish leaves")
        .extracting(FakePlatform.Sent::at)
        .containsExactly(oldestLeaves, oldestLeaves.plus(gap),
            oldestLeaves.plus(gap.multipliedBy(2)), oldestLeaves.plus(gap.multipliedBy(3)),
            oldestLeaves.plus(gap.multipliedBy(4)));
  }

  @Test
  void theBudgetHoldsForAnotherNodeAndAfterARestart() {
    Node first = node(PublishBudget.of(2, DAY));
    first.schedule("p1", T0, ACCOUNT);
    first.schedule("p2", T0, ACCOUNT);
    first.scheduler().runDue();
    first.scheduler().close();

    Node restarted = node(PublishBudget.of(2, DAY));
    restarted.schedule("p3", T0.plusSeconds(60), ACCOUNT);
    restarted.scheduler().advance(Duration.ofMinutes(1));
    Node other = node(PublishBudget.of(2, DAY));
    other.schedule("p4", T0.plusSeconds(120), ACCOUNT);
    other.scheduler().advance(Duration.ofMinutes(1));

    assertThat(instagram.ledger()).hasSize(2);
    assertThat(List.of(other.status("p3", ACCOUNT), other.status("p4", ACCOUNT)))
        .allSatisfy(t -> {
          assertThat(t.state()).isEqualTo(TargetState.SCHEDULED);
          assertThat(t.nextAttemptAt()).hasValue(T0.plus(DAY));
        });
  }

  @Test
  void aPublishThatPublishedNothingGivesItsUseBack() {
    Node node = node(PublishBudget.of(1, DAY));
    instagram.then(r -> PublishResult.rejected("2207010", "caption too long"));
    node.schedule("rejected", T0, ACCOUNT);
    node.schedule("published", T0.plusSeconds(60), ACCOUNT);
    node.schedule("deferred", T0.plusSeconds(120), ACCOUNT);

    node.scheduler().runUntil(T0.plusSeconds(120));

    assertThat(node.status("rejected", ACCOUNT).state()).isEqualTo(TargetState.FAILED);
    assertThat(node.status("published", ACCOUNT).state()).isEqualTo(TargetState.PUBLISHED);
    TargetStatus deferred = node.status("deferred", ACCOUNT);
    assertThat(deferred.state()).isEqualTo(TargetState.SCHEDULED);
    assertThat(deferred.nextAttemptAt()).hasValue(T0.plusSeconds(60).plus(DAY));
  }

  @Test
  void aPostWhoseOutcomeIsUnknownStillCounts() {
    Node node = node(PublishBudget.of(1, DAY));
    facebook.thenAcceptButLoseTheResponse();
    node.schedule("unknown", T0, PAGE);
    node.schedule("next", T0.plusSeconds(60), PAGE);

    node.scheduler().runUntil(T0.plusSeconds(60));

    assertThat(node.status("unknown", PAGE).state()).isEqualTo(TargetState.NEEDS_REVIEW);
    assertThat(node.status("next", PAGE).lastError().orElseThrow())
        .isEqualTo("facebook:page-9 used its budget of 1 posts per PT24H; deferred until "
            + T0.plus(DAY));
    assertThat(facebook.keysSeen()).hasSize(1);
  }

  @Test
  void eachAccountHasItsOwnBudget() {
    Node node = node(PublishBudget.of(1, DAY));
    node.schedule("a1", T0, ACCOUNT);
    node.schedule("b1", T0, OTHER_ACCOUNT);
    node.schedule("a2", T0, ACCOUNT);

    node.scheduler().runDue();

    assertThat(instagram.ledger()).extracting(FakePlatform.Sent::account)
        .containsExactlyInAnyOrder(ACCOUNT.account(), OTHER_ACCOUNT.account());
    assertThat(node.status("a2", ACCOUNT).state()).isEqualTo(TargetState.SCHEDULED);
  }

  @Test
  void thePlatformsOwnBudgetAppliesUnlessTheHostReplacesOrRemovesIt() {
    instagram.budget(PublishBudget.of(1, Duration.ofHours(3)));
    Node declared = node(b -> b);
    declared.schedule("p1", T0, ACCOUNT);
    declared.schedule("p2", T0, ACCOUNT);
    declared.scheduler().runDue();
    assertThat(instagram.ledger()).hasSize(1);
    assertThat(declared.status("p2", ACCOUNT).nextAttemptAt())
        .hasValue(T0.plus(Duration.ofHours(3)));

    Node unlimited = node(b -> b.budget("instagram", PublishBudget.none()));
    unlimited.schedule("p3", T0, OTHER_ACCOUNT);
    unlimited.schedule("p4", T0, OTHER_ACCOUNT);
    unlimited.scheduler().runDue();
    assertThat(instagram.ledger()).hasSize(3);
  }

  @Test
  void theBudgetInForceIsReadableAndABudgetNeedsAPublisher() {
    Publishing publishing = Publishing.builder().publisher(instagram).publisher(facebook)
        .budget("facebook", PublishBudget.of(25, DAY)).build();

    assertThat(publishing.budget("instagram")).hasValue(PublishBudget.of(50, DAY));
    assertThat(publishing.budget("facebook")).hasValue(PublishBudget.of(25, DAY));
    assertThat(publishing.budget("mastodon")).isEmpty();
    assertThatThrownBy(() -> Publishing.builder().publisher(instagram)
        .budget("tiktok", PublishBudget.of(15, DAY)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'tiktok'")
        .hasMessageContaining("[instagram]");
  }
}
