package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InstagramPublisher#reconcile}: what a fresh publisher (another node, after a restart)
 * reads from the account's media about a call whose outcome was unknown.
 */
class InstagramReconcileTest {
  private static final Target ACCOUNT = Target.of("instagram", InstagramHarness.ACCOUNT);

  @TempDir
  Path dir;

  private InstagramHarness h;

  @BeforeEach
  void start() {
    h = new InstagramHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static PublishRequest request(Post post) {
    return new PublishRequest(post, ACCOUNT, "herald-key-1");
  }

  @Test
  void mediaPublishedByAnEarlierCallIsFoundByAnotherPublisher() {
    Instant sentAt = h.clock.now();
    // the node that sent it died before recording the answer: only the account's media know
    assertThat(h.publish(h.publisher(), imagePost("Sourdough day"), "herald-key-1"))
        .isInstanceOf(PublishResult.Published.class);

    Reconciliation answer = h.publisher().reconcile(request(imagePost("Sourdough day")), sentAt);

    assertThat(answer).isInstanceOfSatisfying(Reconciliation.Found.class, found ->
        assertThat(found.remoteId()).isEqualTo(h.fake.ledger().entries().get(0).remoteId()));
  }

  @Test
  void mediaMissingIsPendingForTwoMinutesThenNotFound() {
    Instant sentAt = h.clock.now();
    InstagramPublisher publisher = h.publisher();

    Reconciliation early = publisher.reconcile(request(imagePost("Never made")), sentAt);
    h.clock.advance(Duration.ofMinutes(2));
    Reconciliation settled = publisher.reconcile(request(imagePost("Never made")), sentAt);

    assertThat(early).isInstanceOf(Reconciliation.Pending.class);
    assertThat(settled).isInstanceOf(Reconciliation.NotFound.class);
    assertThat(publisher.reconcile(request(imagePost("")), sentAt))
        .isInstanceOf(Reconciliation.Undetermined.class);
  }
}
