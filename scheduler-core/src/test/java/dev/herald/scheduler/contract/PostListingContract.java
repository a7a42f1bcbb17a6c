package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.Page;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostQuery;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: listing posts ({@link Publications#list} and {@link Publications#stream}) against any
 * {@link JobStore}. The listing is built on the job listing, so it must find the same posts, in the
 * same order, on each.
 */
public abstract class PostListingContract {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Target ALICE = Target.of("mastodon", "alice");
  private static final Target BOB = Target.of("mastodon", "bob");
  private static final Target PAGE = Target.of("facebook", "page-9");

  private ManualClock clock;
  private FakePlatform mastodon;
  private FakePlatform facebook;
  private TestScheduler scheduler;
  private Publications posts;

  /**
   * A fresh, empty store whose clock is {@code clock}.
   *
   * @param clock the test's clock
   * @return the store
   */
  protected abstract JobStore createStore(ManualClock clock);

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(T0);
    mastodon = new FakePlatform("mastodon", Duration.ofHours(1), 500, clock);
    facebook = new FakePlatform("facebook", Duration.ZERO, 63206, clock);
    Publishing publishing =
        Publishing.builder().publisher(mastodon).publisher(facebook).clock(clock).build();
    scheduler = TestScheduler.create(
        publishing.install(Scheduler.builder().clock(clock).store(createStore(clock))));
    posts = publishing.client(scheduler.client());
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
  }

  private void schedule(String postId, Instant at, Target... targets) {
    PostRequest.Builder request =
        PostRequest.builder(postId, Post.text("text of " + postId)).at(at);
    for (Target t : targets) {
      request.target(t);
    }
    posts.schedule(request.build());
  }

  private static List<String> ids(Page<PostStatus> page) {
    return page.stream().map(PostStatus::postId).toList();
  }

  private static List<String> ids(Stream<PostStatus> posts) {
    return posts.map(PostStatus::postId).toList();
  }

  private static PostQuery.Builder query() {
    return PostQuery.builder();
  }

  @Test
  void anEmptyStoreListsNoPosts() {
    Page<PostStatus> page = posts.list(PostQuery.all());

    assertThat(page.items()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertThat(posts.stream(PostQuery.all())).isEmpty();
  }

  @Test
  void postsAreListedByIdInPagesOfPostsEachWithAllItsTargets() {
    // due in the reverse order of their ids, so the jobs' order is not the posts' order
    schedule("e", T0.plusSeconds(60), ALICE);
    schedule("d", T0.plusSeconds(120), ALICE, PAGE);
    schedule("c", T0.plusSeconds(180), ALICE, BOB, PAGE);
    schedule("b", T0.plusSeconds(240), PAGE);
    schedule("a", T0.plusSeconds(300), BOB, ALICE);

    PostQuery query = query().limit(2).build();
    Page<PostStatus> first = posts.list(query);
    Page<PostStatus> second = posts.list(query.next(first));
    Page<PostStatus> third = posts.list(query.next(second));

    assertThat(ids(first)).containsExactly("a", "b");
    assertThat(first.offset()).isZero();
    assertThat(first.hasMore()).isTrue();
    assertThat(ids(second)).containsExactly("c", "d");
    assertThat(second.offset()).isEqualTo(2);
    assertThat(second.hasMore()).isTrue();
    assertThat(ids(third)).containsExactly("e");
    assertThat(third.hasMore()).isFalse();
    for (String id : List.of("a", "b", "c", "d", "e")) {
      assertThat(posts.list(query().postIdPrefix(id).build()).items())
          .singleElement().isEqualTo(posts.status(id));
    }
    assertThat(ids(posts.stream(query))).containsExactly("a", "b", "c", "d", "e");
    assertThat(ids(posts.stream(query().offset(3).build()))).containsExactly("d", "e");
    assertThat(ids(posts.list(query().offset(5).build()))).isEmpty();
  }

  @Test
  void aPageHoldsPostsNotJobsWhenEachPostHasManyTargets() {
    for (int i = 0; i < 7; i++) {
      schedule("post-" + i, T0.plusSeconds(i), ALICE, BOB, PAGE);
    }

    Page<PostStatus> page = posts.list(query().limit(3).build());

    assertThat(ids(page)).containsExactly("post-0", "post-1", "post-2");
    assertThat(page.items()).allSatisfy(p -> assertThat(p.targets()).hasSize(3));
    assertThat(page.hasMore()).isTrue();
    assertThat(posts.stream(query().limit(1).build())).hasSize(7);
  }

  @Test
  void aStatePicksThePostsWithATargetInItAndMatchesKeepsThoseTargets() {
    schedule("published", T0, ALICE, PAGE);
    scheduler.runDue();
    facebook.then(r -> PublishResult.unknown("timeout after sending"));
    schedule("review", T0, ALICE, PAGE);
    scheduler.runDue();
    mastodon.then(r -> PublishResult.rejected("422", "Validation failed"));
    schedule("failed", T0, ALICE);
    scheduler.runDue();
    schedule("waiting", T0.plusSeconds(3600), ALICE, PAGE);
    schedule("cancelled", T0.plusSeconds(3600), PAGE);
    posts.cancel("cancelled");

    PostQuery needsReview = query().state(TargetState.NEEDS_REVIEW).build();
    List<PostStatus> review = posts.list(needsReview).items();

    assertThat(review).singleElement().isEqualTo(posts.status("review"));
    assertThat(review.get(0).targets()).extracting(TargetStatus::state)
        .containsExactly(TargetState.NEEDS_REVIEW, TargetState.PUBLISHED);
    assertThat(review.get(0).targets().stream().filter(needsReview::matches))
        .extracting(TargetStatus::target).containsExactly(PAGE);
    assertThat(ids(posts.stream(query().state(TargetState.PUBLISHED).build())))
        .containsExactly("published", "review");
    assertThat(ids(posts.stream(query().state(TargetState.FAILED, TargetState.CANCELLED).build())))
        .containsExactly("cancelled", "failed");
    assertThat(ids(posts.stream(query().state(TargetState.SCHEDULED).build())))
        .containsExactly("waiting");
    assertThat(ids(posts.stream(PostQuery.all())))
        .containsExactly("cancelled", "failed", "published", "review", "waiting");
  }

  @Test
  void aTargetWaitingToReplayAnUnknownOutcomeIsPublishingNotScheduled() {
    mastodon.thenAcceptButLoseTheResponse();
    schedule("replaying", T0, ALICE);
    schedule("later", T0.plusSeconds(3600), ALICE);
    scheduler.runDue();
    assertThat(posts.status("replaying").target(ALICE).state())
        .isEqualTo(TargetState.PUBLISHING);

    assertThat(ids(posts.stream(query().state(TargetState.PUBLISHING).build())))
        .containsExactly("replaying");
    assertThat(ids(posts.stream(query().state(TargetState.SCHEDULED).build())))
        .containsExactly("later");
    assertThat(ids(posts.stream(
            query().state(TargetState.SCHEDULED, TargetState.PUBLISHING).build())))
        .containsExactly("later", "replaying");
  }

  @Test
  void platformAndAccountMustMatchTheSameTarget() {
    schedule("alice-and-page", T0, ALICE, PAGE);
    schedule("bob", T0, BOB);

    assertThat(ids(posts.stream(query().platform("mastodon").build())))
        .containsExactly("alice-and-page", "bob");
    assertThat(ids(posts.stream(query().platform("facebook").build())))
        .containsExactly("alice-and-page");
    assertThat(ids(posts.stream(query().account("bob").build()))).containsExactly("bob");
    assertThat(ids(posts.stream(query().platform("mastodon").account("page-9").build())))
        .isEmpty();
    assertThat(ids(posts.stream(
            query().platform("facebook").state(TargetState.SCHEDULED).build())))
        .containsExactly("alice-and-page");
  }

  @Test
  void aPostIdPrefixIsTakenLiterallyWhateverTheIdsCharacters() {
    for (String id : List.of("run1-a", "run10-b", "run2-c", "other", "50%/off@x", "50_off",
        "café-1", "café", "\uD83D\uDE00-party")) {
      schedule(id, T0, ALICE);
    }

    assertThat(ids(posts.stream(query().postIdPrefix("run1").build())))
        .containsExactly("run1-a", "run10-b");
    assertThat(ids(posts.stream(query().postIdPrefix("50%").build())))
        .containsExactly("50%/off@x");
    assertThat(ids(posts.stream(query().postIdPrefix("50%/off@").build())))
        .containsExactly("50%/off@x");
    assertThat(ids(posts.stream(query().postIdPrefix("café").build())))
        .containsExactly("café", "café-1");
    assertThat(ids(posts.stream(query().postIdPrefix("run1-a").build())))
        .containsExactly("run1-a");
    assertThat(ids(posts.stream(query().postIdPrefix("\uD83D").build())))
        .as("half a character").containsExactly("\uD83D\uDE00-party");
    assertThat(ids(posts.stream(query().postIdPrefix("x").build()))).isEmpty();
  }

  @Test
  void aDueWindowPicksThePostsWithATargetDueInIt() {
    schedule("at-1h", T0.plus(Duration.ofHours(1)), ALICE);
    schedule("at-2h", T0.plus(Duration.ofHours(2)), PAGE);
    schedule("at-3h", T0.plus(Duration.ofHours(3)), ALICE);
    schedule("now", T0, ALICE);
    scheduler.runDue(); // "now" is published: no longer due

    assertThat(ids(posts.stream(query()
            .dueBetween(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3))).build())))
        .containsExactly("at-1h", "at-2h");
    assertThat(ids(posts.stream(query().dueBetween(null, T0.plus(Duration.ofHours(2))).build())))
        .containsExactly("at-1h");
    assertThat(ids(posts.stream(query().dueBetween(T0.plus(Duration.ofHours(2)), null)
            .platform("mastodon").build())))
        .containsExactly("at-3h");
  }

  @Test
  void aSeriesIsOnePostWithEveryOccurrencesTargets() {
    posts.schedule(PostRequest.builder("weekly", Post.text("Monday digest"))
        .target(ALICE).target(PAGE)
        .series(Triggers.cron("0 9 * * MON", ZoneOffset.UTC)).build());
    schedule("one-time", T0.plus(Duration.ofDays(30)), ALICE);

    // before its first occurrence a series has no targets: only a query without target filters
    assertThat(posts.list(PostQuery.all()).items()).extracting(PostStatus::postId)
        .containsExactly("one-time", "weekly");
    assertThat(posts.list(PostQuery.all()).items().get(1).targets()).isEmpty();
    assertThat(ids(posts.stream(query().platform("mastodon").build())))
        .containsExactly("one-time");

    scheduler.runUntil(T0.plus(Duration.ofDays(14)));

    List<PostStatus> published = posts.list(query().state(TargetState.PUBLISHED).build()).items();
    assertThat(published).singleElement().isEqualTo(posts.status("weekly"));
    assertThat(published.get(0).targets()).hasSize(4);
    assertThat(ids(posts.stream(query().postIdPrefix("week").build()))).containsExactly("weekly");
  }

  @Test
  void aStreamFindsThePostsWhenItsTerminalOperationStarts() {
    schedule("a", T0, ALICE);
    Stream<PostStatus> stream = posts.stream(PostQuery.all());
    schedule("b", T0, ALICE);

    assertThat(ids(stream)).containsExactly("a", "b");
  }
}
