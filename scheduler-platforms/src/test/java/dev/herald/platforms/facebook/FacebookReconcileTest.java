package dev.herald.platforms.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FacebookPublisher#reconcile}: what a fresh publisher (another node, after a restart) reads
 * from the Page's feed about a call whose outcome was unknown.
 */
class FacebookReconcileTest {
  private static final Target PAGE = Target.of("facebook", FacebookHarness.PAGE);

  @TempDir
  Path dir;

  private FacebookHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private PublishRequest request(Post post) {
    return new PublishRequest(post, PAGE, "herald-key-1");
  }

  @Test
  void aPostCreatedByALostCallIsFoundInTheFeedByAnotherPublisher() {
    h = new FacebookHarness(dir);
    h.fake.inject(FakeFacebook.FEED, Fault.dropAfterAccept().times(1));
    h.fake.inject(FakeFacebook.FEED_LIST, Fault.status(500).times(1)); // the first node's check
    Instant sentAt = h.clock.now();
    PublishResult lost = h.publish(h.publisher(), Post.text("Fresh bread at 7"), "herald-key-1");
    assertThat(lost).isInstanceOf(PublishResult.Unknown.class);

    Reconciliation answer = h.publisher().reconcile(request(Post.text("Fresh bread at 7")), sentAt);

    String id = h.fake.ledger().entries().get(0).remoteId();
    assertThat(answer).isEqualTo(Reconciliation.found(id,
        java.net.URI.create("https://www.facebook.com/" + id)));
  }

  @Test
  void aPostMissingFromTheFeedIsPendingUntilTheSettleTimeThenNotFound() {
    h = new FacebookHarness(dir);
    Instant sentAt = h.clock.now();
    FacebookPublisher publisher = h.publisher(b -> b.feedSettle(Duration.ofMinutes(2)));

    Reconciliation early = publisher.reconcile(request(Post.text("Never created")), sentAt);
    h.clock.advance(Duration.ofMinutes(2));
    Reconciliation settled = publisher.reconcile(request(Post.text("Never created")), sentAt);

    assertThat(early).isInstanceOfSatisfying(Reconciliation.Pending.class,
        p -> assertThat(p.checkAgainIn()).isEqualTo(Duration.ofMinutes(2)));
    assertThat(settled).isInstanceOf(Reconciliation.NotFound.class);
  }

  @Test
  void aFeedThatCannotBeReadIsPendingWhileItMayPassAndUndeterminedWhenRefused() {
    h = new FacebookHarness(dir);
    Instant sentAt = h.clock.now().minus(Duration.ofMinutes(10));
    h.fake.inject(FakeFacebook.FEED_LIST, Fault.status(503).times(1));
    assertThat(h.publisher().reconcile(request(Post.text("x")), sentAt))
        .isInstanceOf(Reconciliation.Pending.class);
    h.fake.inject(FakeFacebook.FEED_LIST, Fault.status(403).times(1));
    assertThat(h.publisher().reconcile(request(Post.text("x")), sentAt))
        .isInstanceOf(Reconciliation.Undetermined.class);
  }

  @Test
  void postsTheFeedCannotShowAreUndeterminedUnlessFound() {
    h = new FacebookHarness(dir);
    Instant sentAt = h.clock.now().minus(Duration.ofMinutes(10));
    Post scheduled = Post.builder().text("Tomorrow")
        .option("scheduled_publish_time", "1893456000").option("published", "false").build();

    assertThat(h.publisher().reconcile(request(scheduled), sentAt))
        .isInstanceOfSatisfying(Reconciliation.Undetermined.class,
            u -> assertThat(u.reason()).contains("hidden from the feed"));
    h.tokens.remove(PAGE);
    assertThat(h.publisher().reconcile(request(Post.text("x")), sentAt))
        .isInstanceOf(Reconciliation.Undetermined.class);
  }
}
