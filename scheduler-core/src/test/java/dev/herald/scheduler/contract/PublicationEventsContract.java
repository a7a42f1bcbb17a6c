package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PublicationEvent;
import dev.herald.scheduler.publish.PublicationEvent.Kind;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: publication events are stored with the state change they report and delivered to the
 * listeners exactly once per change (at least once across crashes), against any {@link JobStore}.
 */
public abstract class PublicationEventsContract {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Target ALICE = Target.of("mastodon", "alice");
  private static final Target PAGE = Target.of("facebook", "page-9");
  private static final Target BOB = Target.of("pixelfed", "bob");

  private ManualClock clock;
  private FakePlatform mastodon;
  private FakePlatform facebook;
  private FakePlatform pixelfed;
  private JobStore store;
  private TestScheduler scheduler;
  private Publications posts;
  private final List<PublicationEvent> heard = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failNextDelivery = new AtomicBoolean();

  /** A fresh, empty store whose clock is {@code clock}. */
  protected abstract JobStore createStore(ManualClock clock);

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(T0);
    mastodon = new FakePlatform("mastodon", Duration.ofHours(1), 500, clock);
    facebook = new FakePlatform("facebook", Duration.ZERO, 63206, clock);
    pixelfed = new FakePlatform("pixelfed", Duration.ZERO, 500, clock);
    store = createStore(clock);
    heard.clear();
    Publishing publishing = Publishing.builder().publisher(mastodon).publisher(facebook)
        .publisher(pixelfed).clock(clock)
        .listener(event -> {
          heard.add(event);
          if (failNextDelivery.getAndSet(false)) {
            throw new IllegalStateException("the listener's database is down");
          }
        })
        .build();
    scheduler = TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)
        .store(store)));
    posts = publishing.client(scheduler.client());
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
  }

  private void schedule(String postId, Target target) {
    posts.schedule(PostRequest.builder(postId, Post.text("text of " + postId)).target(target)
        .at(T0).build());
  }

  private Map<String, PublicationEvent> heardByPost() {
    return heard.stream().collect(Collectors.toMap(PublicationEvent::postId, Function.identity()));
  }

  @Test
  void aListenerHearsEveryStateChangeOfABatchExactlyOnce() {
    schedule("p1", ALICE);
    schedule("p2", ALICE);
    schedule("p3", ALICE);
    facebook.then(r -> PublishResult.rejected("190", "Invalid OAuth access token"));
    schedule("p4", PAGE);
    pixelfed.thenAcceptButLoseTheResponse();
    schedule("p5", BOB);

    scheduler.runDue();
    scheduler.advance(Duration.ofDays(1)); // nothing more to tell

    assertThat(heard).hasSize(5);
    assertThat(heard).extracting(PublicationEvent::eventId).doesNotHaveDuplicates();
    Map<String, PublicationEvent> byPost = heardByPost();
    for (String id : List.of("p1", "p2", "p3")) {
      PublicationEvent published = byPost.get(id);
      assertThat(published.kind()).isEqualTo(Kind.PUBLISHED);
      assertThat(published.target()).isEqualTo(ALICE);
      assertThat(published.remoteId()).isEqualTo(posts.status(id).target(ALICE).remoteId());
      assertThat(published.url()).isEqualTo(posts.status(id).target(ALICE).url());
      assertThat(published.occurredAt()).isEqualTo(T0);
      assertThat(published.occurrence()).isEmpty();
    }
    PublicationEvent failed = byPost.get("p4");
    assertThat(failed.kind()).isEqualTo(Kind.FAILED);
    assertThat(failed.code()).hasValue("190");
    assertThat(failed.reason()).hasValue("Invalid OAuth access token");
    assertThat(posts.status("p4").target(PAGE).state()).isEqualTo(TargetState.FAILED);
    PublicationEvent review = byPost.get("p5");
    assertThat(review.kind()).isEqualTo(Kind.NEEDS_REVIEW);
    assertThat(review.reason().orElseThrow()).contains("unknown");
    assertThat(posts.status("p5").target(BOB).state()).isEqualTo(TargetState.NEEDS_REVIEW);
    for (PublicationEvent event : heard) {
      assertThat(scheduler.client().get("event/" + event.eventId()).orElseThrow().status())
          .isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void aRateLimitIsToldWithItsEndAndThePublicationAfterIt() {
    Instant until = T0.plus(Duration.ofMinutes(15));
    mastodon.then(r -> PublishResult.rateLimited(until, "429 Too many requests"));
    schedule("p1", ALICE);

    scheduler.runDue();
    assertThat(heard).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(e.until()).hasValue(until);
    });
    scheduler.runUntil(until.plusSeconds(60));
    assertThat(heard).extracting(PublicationEvent::kind)
        .containsExactly(Kind.RATE_LIMITED, Kind.PUBLISHED);
  }

  @Test
  void eachOccurrenceOfASeriesIsToldWithItsOccurrence() {
    posts.schedule(PostRequest.builder("daily", Post.text("Good morning")).target(ALICE)
        .series(Triggers.cron("0 9 * * *", ZoneOffset.UTC)).build());

    scheduler.runUntil(T0.plus(Duration.ofDays(2)));

    assertThat(heard).extracting(PublicationEvent::kind).containsOnly(Kind.PUBLISHED);
    assertThat(heard).extracting(e -> e.occurrence().orElseThrow()).containsExactly(
        Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-24T09:00:00Z"));
    assertThat(heard).extracting(PublicationEvent::postId).containsOnly("daily");
  }

  @Test
  void aNodeKilledAfterStoringTheResultLeavesTheEventToBeToldAfterRecovery() {
    schedule("p1", ALICE);
    // a node claims the publication, publishes, stores the remote id and dies before completing
    ClaimedJob claim = store.claimDue("dead-node", Set.of(Publishing.PUBLISH_TYPE), 1,
        Duration.ofSeconds(30)).get(0);
    store.saveStep(claim.lease(), "result", "{\"remoteId\":\"mastodon-77\",\"url\":"
        + "\"https://mastodon.example/p/mastodon-77\",\"publishedAt\":\"" + T0 + "\"}");
    scheduler.runDue();
    assertThat(heard).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    scheduler.recoverExpired();
    scheduler.runDue();
    scheduler.advance(Duration.ofDays(1));

    assertThat(heard).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Kind.PUBLISHED);
      assertThat(e.remoteId()).hasValue("mastodon-77");
    });
    assertThat(mastodon.ledger()).as("not sent again").isEmpty();
  }

  @Test
  void anEventJobLeftByAKilledNodeIsDeliveredAfterRecoveryWithItsId() {
    schedule("p1", ALICE);
    failNextDelivery.set(true); // the first delivery is lost: the listener is called again
    scheduler.runDue();
    assertThat(heard).hasSize(1);
    String eventId = heard.get(0).eventId();
    // this time a node claims the event job and dies
    clock.advance(Duration.ofMinutes(30)); // past the retry's backoff
    List<ClaimedJob> claimed = store.claimDue("dead-node", Set.of(Publishing.EVENT_TYPE), 10,
        Duration.ofSeconds(30));
    assertThat(claimed).singleElement().extracting(c -> c.job().id())
        .isEqualTo("event/" + eventId);

    clock.advance(Duration.ofMinutes(1));
    scheduler.recoverExpired();
    scheduler.runDue();
    scheduler.advance(Duration.ofDays(1));

    assertThat(heard).hasSize(2).extracting(PublicationEvent::eventId).containsOnly(eventId);
    assertThat(scheduler.client().get("event/" + eventId).orElseThrow().status())
        .isEqualTo(JobStatus.COMPLETED);
  }
}
