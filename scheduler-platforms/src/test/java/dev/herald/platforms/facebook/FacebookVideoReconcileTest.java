package dev.herald.platforms.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.Crashes;
import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishProgress;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.testing.TestScheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FacebookPublisher#reconcile} of videos and reels by the video id {@code publish} records
 * (from the {@code /videos} answer, or the reel's start): a run that dies while Facebook works on
 * the video is settled by the next run of the publishing job, never by publishing twice.
 */
class FacebookVideoReconcileTest {
  private static final Target PAGE = Target.of(FacebookPublisher.PLATFORM, FacebookHarness.PAGE);

  @TempDir Path dir;
  private FacebookHarness h;
  private TestScheduler scheduler;
  private Publications posts;

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
    h.close();
  }

  private static Post reel() {
    return Post.builder().text("Morning bake")
        .addMedia(Media.video(URI.create("https://cdn.example/v/reel.mp4")))
        .option("facebook.reel", "true").build();
  }

  private static Post video() {
    return Post.builder().text("Kneading, slowly")
        .addMedia(Media.video(URI.create("https://cdn.example/v/knead.mp4"))).build();
  }

  /** A publishing job whose first run dies as {@code dying} makes it, on a fake with n polls. */
  private void startPublishing(int videoPolls,
      UnaryOperator<PlatformPublisher> dying, boolean dieAtTheFirstWait) {
    h = new FacebookHarness(dir, b -> b.videoPolls(videoPolls));
    PlatformPublisher publisher = dying.apply(h.publisher(b -> dieAtTheFirstWait
        ? b.sleeper(Crashes.dyingAtTheFirstWait(h.clock)) : b));
    Publishing publishing = Publishing.builder().publisher(publisher).clock(h.clock).build();
    scheduler = TestScheduler.create(publishing.install(Scheduler.builder().clock(h.clock)));
    posts = publishing.client(scheduler.client());
  }

  private TargetStatus publishUntilSettled(Post post) {
    posts.schedule(PostRequest.builder("p1", post).target(PAGE).at(h.clock.now()).build());
    scheduler.runDue();
    assertThat(posts.status("p1").target(PAGE).state()).as("the first run died")
        .isNotEqualTo(TargetState.PUBLISHED);
    scheduler.runUntil(h.clock.now().plus(Duration.ofHours(1)));
    return posts.status("p1").target(PAGE);
  }

  private long reelCalls(String phase) {
    return h.fake.requests(FakeFacebook.VIDEO_REELS).stream()
        .filter(r -> r.param("upload_phase").orElse("").equals(phase)).count();
  }

  @Test
  void aReelFinishedBeforeTheRunDiedIsFoundByItsVideoId() {
    startPublishing(1, p -> p, true);

    TargetStatus published = publishUntilSettled(reel());

    LedgerEntry reel = h.fake.ledger().entries().get(0);
    assertThat(h.fake.ledger().entries()).as("one reel on the Page").hasSize(1);
    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(published.remoteId()).hasValue(reel.remoteId());
    assertThat(published.url())
        .hasValue(URI.create("https://www.facebook.com/reel/" + reel.remoteId() + "/"));
    assertThat(reelCalls("start")).as("never started again").isEqualTo(1);
  }

  @Test
  void aReelTheRunNeverFinishedIsSentOnceMore() {
    startPublishing(0, p -> Crashes.dyingBeforeRecording(p,
        FacebookVideoReconciliation.FINISH_SENT_AT), false);

    TargetStatus published = publishUntilSettled(reel());

    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(reelCalls("start")).as("the dead run's reel, and one more").isEqualTo(2);
    assertThat(reelCalls("finish")).as("only the second was finished").isEqualTo(1);
    assertThat(h.fake.ledger().entries()).singleElement()
        .satisfies(e -> assertThat(published.remoteId()).hasValue(e.remoteId()));
  }

  @Test
  void aReelStillProcessingIsAskedAboutAgainUntilItIsPublished() {
    startPublishing(2, p -> p, true);

    TargetStatus published = publishUntilSettled(reel());

    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(published.remoteId()).hasValue(h.fake.ledger().entries().get(0).remoteId());
    assertThat(published.history()).extracting(a -> a.error().orElse(""))
        .anySatisfy(e -> assertThat(e).contains("asking facebook again",
            "still being processed or published"));
    assertThat(reelCalls("start")).isEqualTo(1);
  }

  @Test
  void aVideoTheRunSawCreatedIsFoundByItsIdOnceProcessed() {
    startPublishing(2, p -> p, true);

    TargetStatus published = publishUntilSettled(video());

    LedgerEntry video = h.fake.ledger().entries().get(0);
    assertThat(h.fake.ledger().entries()).hasSize(1);
    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(published.remoteId()).hasValue(video.remoteId());
    assertThat(published.url()).hasValue(URI.create("https://www.facebook.com/"
        + FacebookHarness.PAGE + "/videos/" + video.remoteId() + "/"));
    assertThat(published.history()).extracting(a -> a.error().orElse(""))
        .anySatisfy(e -> assertThat(e).contains("is still processing"));
    assertThat(h.fake.requests(FakeFacebook.VIDEOS)).as("never sent again").hasSize(1);
  }

  @Test
  void aReelWhoseFinishNeverLandedIsPendingUntilTheSettleTimeThenNotFound() {
    h = new FacebookHarness(dir);
    PublishProgress progress = PublishProgress.inMemory();
    PublishRequest request = new PublishRequest(reel(), PAGE, "herald-key-1", progress);
    PlatformPublisher dying = Crashes.dyingBeforeRecording(h.publisher(),
        FacebookVideoReconciliation.FINISH_SENT_AT);
    assertThatThrownBy(() -> dying.publish(request)).isInstanceOf(Crashes.NodeDied.class);
    // as if the finish had been sent and lost on its way
    progress.record(FacebookVideoReconciliation.FINISH_SENT_AT, h.clock.now().toString());
    FacebookPublisher publisher = h.publisher(b -> b.feedSettle(Duration.ofMinutes(2)));

    Reconciliation early = publisher.reconcile(request, h.clock.now());
    h.clock.advance(Duration.ofMinutes(2));
    Reconciliation settled = publisher.reconcile(request, h.clock.now());

    assertThat(early).isInstanceOfSatisfying(Reconciliation.Pending.class,
        p -> assertThat(p.checkAgainIn()).isEqualTo(Duration.ofMinutes(2)));
    assertThat(settled).isInstanceOfSatisfying(Reconciliation.NotFound.class,
        n -> assertThat(n.evidence()).contains("the finish never landed"));
    assertThat(h.fake.ledger().entries()).isEmpty();
  }

  @Test
  void aVideoStatusThatCannotBeReadIsPendingWhileItMayPassAndUndeterminedOtherwise() {
    h = new FacebookHarness(dir);
    PublishProgress progress = PublishProgress.inMemory();
    progress.record(FacebookVideoReconciliation.VIDEO_ID, "1234567890123457");
    PublishRequest request = new PublishRequest(video(), PAGE, "herald-key-1", progress);

    h.fake.inject(FakeFacebook.NODE, Fault.status(503).times(1));
    assertThat(h.publisher().reconcile(request, h.clock.now()))
        .isInstanceOf(Reconciliation.Pending.class);
    assertThat(h.publisher().reconcile(request, h.clock.now()))
        .as("no such video: Graph 100/33")
        .isInstanceOfSatisfying(Reconciliation.Undetermined.class,
            u -> assertThat(u.reason()).contains("does not exist"));
  }
}
