package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.OPEN_ID;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.Crashes;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishProgress;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.testing.TestScheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TikTokPublisher#reconcile} by the publish id {@code publish} records right after the init:
 * a run that dies while TikTok works on the post is settled by the next run of the publishing job
 * (on the in-memory store, as on any), never by publishing twice.
 */
class TikTokReconcileTest {
  private static final Target CREATOR = Target.of(TikTokPublisher.PLATFORM, OPEN_ID);
  private static final String PUBLISH_ID = "v_pub_url~v2.123456789";

  @TempDir Path dir;
  private TikTokHarness h;
  private TestScheduler scheduler;
  private Publications posts;

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
    h.close();
  }

  /** A publishing job over a publisher whose first run dies at its first status poll. */
  private void startPublishing(UnaryOperator<FakeTikTok.Builder> fake) {
    h = new TikTokHarness(dir, fake);
    TikTokPublisher publisher = h.publisher(b -> b.sleeper(Crashes.dyingAtTheFirstWait(h.clock)));
    Publishing publishing = Publishing.builder().publisher(publisher).clock(h.clock).build();
    scheduler = TestScheduler.create(publishing.install(Scheduler.builder().clock(h.clock)));
    posts = publishing.client(scheduler.client());
  }

  private TargetStatus publishDyingAfterTheInit(Post post) {
    posts.schedule(PostRequest.builder("p1", post).target(CREATOR).at(h.clock.now()).build());
    scheduler.runDue();
    assertThat(h.fake.requests(FakeTikTok.VIDEO_INIT)).as("the dead run's init").hasSize(1);
    assertThat(posts.status("p1").target(CREATOR).state()).isNotEqualTo(TargetState.PUBLISHED);
    return posts.status("p1").target(CREATOR);
  }

  @Test
  void aPostTikTokFinishedAfterTheRunDiedIsFoundByItsPublishIdAndNotSentAgain() {
    startPublishing(b -> b);
    publishDyingAfterTheInit(post(remoteVideo("v.mp4")).build());
    h.fake.settle(); // TikTok finishes the pull on its own

    scheduler.runUntil(h.clock.now().plus(Duration.ofHours(1)));

    TargetStatus published = posts.status("p1").target(CREATOR);
    LedgerEntry live = h.fake.ledger().entries().get(0);
    assertThat(h.fake.ledger().entries()).as("one post on TikTok").hasSize(1);
    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(published.remoteId()).hasValue(FakeTikTok.FIRST_POST_ID).hasValue(live.remoteId());
    assertThat(published.url()).hasValue(URI.create(
        "https://www.tiktok.com/@" + TikTokHarness.USERNAME + "/video/" + FakeTikTok.FIRST_POST_ID));
    assertThat(h.fake.requests(FakeTikTok.VIDEO_INIT)).as("never sent again").hasSize(1);
  }

  @Test
  void aPublishTikTokFailedAfterTheRunDiedIsSentOnceMore() {
    startPublishing(b -> b);
    h.fake.failNext("video_pull_failed");
    publishDyingAfterTheInit(post(remoteVideo("v.mp4")).build());
    h.fake.settle(); // the pull fails on TikTok's side

    scheduler.runUntil(h.clock.now().plus(Duration.ofHours(1)));

    TargetStatus published = posts.status("p1").target(CREATOR);
    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(h.fake.requests(FakeTikTok.VIDEO_INIT)).as("the dead run's, and one more")
        .hasSize(2);
    assertThat(h.fake.ledger().entries()).singleElement()
        .satisfies(e -> assertThat(published.remoteId()).hasValue(e.remoteId()));
    assertThat(published.history()).extracting(a -> a.error().orElse(""))
        .anySatisfy(e -> assertThat(e).contains("the node died"));
  }

  @Test
  void aPublishStillProcessingIsAskedAboutAgainUntilTikTokCompletesIt() {
    startPublishing(b -> b.processingPolls(1));
    publishDyingAfterTheInit(post(remoteVideo("v.mp4")).build());

    scheduler.runUntil(h.clock.now().plus(Duration.ofHours(1)));

    TargetStatus published = posts.status("p1").target(CREATOR);
    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(published.remoteId()).hasValue(FakeTikTok.FIRST_POST_ID);
    assertThat(published.history()).extracting(a -> a.error().orElse(""))
        .anySatisfy(e -> assertThat(e).contains("asking tiktok again", "still PROCESSING_DOWNLOAD"));
    assertThat(h.fake.requests(FakeTikTok.VIDEO_INIT)).hasSize(1);
    assertThat(h.fake.ledger().entries()).hasSize(1);
  }

  @Test
  void withoutARecordedPublishIdTikTokCannotBeAskedSoTheAnswerIsUndetermined() {
    h = new TikTokHarness(dir);
    PublishRequest request =
        new PublishRequest(post(remoteVideo("v.mp4")).build(), CREATOR, "herald-key-1");

    assertThat(h.publisher().reconcile(request, h.clock.now()))
        .isInstanceOfSatisfying(Reconciliation.Undetermined.class,
            u -> assertThat(u.reason()).contains("cannot be searched", "no publish_id"));
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void anInboxDraftIsFoundAsItsPublishIdAsPublishRecordsIt() {
    h = new TikTokHarness(dir);
    Post draft = post(remoteVideo("v.mp4")).option("post_mode", "MEDIA_UPLOAD").build();
    PublishProgress progress = PublishProgress.inMemory();
    PublishRequest request = new PublishRequest(draft, CREATOR, "herald-key-1", progress);
    TikTokPublisher dying = h.publisher(b -> b.sleeper(Crashes.dyingAtTheFirstWait(h.clock)));
    assertThatThrownBy(() -> dying.publish(request)).isInstanceOf(Crashes.NodeDied.class);
    h.fake.settle();

    Reconciliation answer = h.publisher().reconcile(request, h.clock.now());

    String inboxId = progress.get(TikTokPublisher.PUBLISH_ID).orElseThrow();
    assertThat(inboxId).isEqualTo(h.fake.publishIds().get(0));
    assertThat(answer).isEqualTo(Reconciliation.found(inboxId, null));
    assertThat(h.publisher().checkStatus(OPEN_ID, inboxId)).as("what publish records")
        .isEqualTo(PublishResult.published(inboxId, null));
  }

  @Test
  void aStatusThatCannotBeReadIsPendingWhileItMayPassAndUndeterminedOtherwise() {
    h = new TikTokHarness(dir);
    PublishProgress progress = PublishProgress.inMemory();
    progress.record(TikTokPublisher.PUBLISH_ID, PUBLISH_ID);
    PublishRequest request = new PublishRequest(
        post(remoteVideo("v.mp4")).build(), CREATOR, "herald-key-1", progress);
    Instant now = h.clock.now();

    h.fake.inject(FakeTikTok.STATUS, Fault.status(503).times(1));
    assertThat(h.publisher().reconcile(request, now)).isInstanceOf(Reconciliation.Pending.class);
    h.fake.inject(FakeTikTok.STATUS,
        Fault.rateLimited(Duration.ofSeconds(5)).times(1));
    assertThat(h.publisher().reconcile(request, now))
        .isInstanceOfSatisfying(Reconciliation.Pending.class,
            p -> assertThat(p.checkAgainIn()).isEqualTo(Duration.ofSeconds(60)));
    h.fake.inject(FakeTikTok.STATUS,
        Fault.dropBeforeAccept().times(1));
    assertThat(h.publisher().reconcile(request, now)).isInstanceOf(Reconciliation.Pending.class);
    assertThat(h.publisher().reconcile(request, now))
        .as("a publish id TikTok does not know (invalid_publish_id)")
        .isInstanceOfSatisfying(Reconciliation.Undetermined.class,
            u -> assertThat(u.reason()).contains("invalid_publish_id"));
  }
}
