package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakePixelfed;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PixelfedPublisher#reconcile} against a FakePixelfed serving the account's statuses. */
class PixelfedReconcileTest {

  @TempDir Path dir;
  PixelfedHarness h;
  PixelfedPublisher publisher;

  @BeforeEach
  void start() {
    h = new PixelfedHarness(dir);
    publisher = h.publisher();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private PublishRequest request(Post post, String key) {
    return new PublishRequest(post, Target.of("pixelfed", PixelfedHarness.ACCOUNT), key);
  }

  @Test
  void aPostCreatedDespiteALostResponseIsFound() {
    Post post = h.photo("Sunset <b>over</b> the bay & more\nsecond line");
    Instant at = h.clock.instant();
    h.fake.inject(FakePixelfed.STATUSES, Fault.dropAfterAccept().times(1));
    assertThat(publisher.publish(request(post, "k1"))).isInstanceOf(PublishResult.Unknown.class);
    h.clock.advance(Duration.ofHours(2));

    Reconciliation answer = publisher.reconcile(request(post, "k1"), at);

    assertThat(answer).isEqualTo(Reconciliation.found(
        h.fake.ledger().entries().get(0).remoteId(),
        h.fake.ledger().entries().get(0).url().orElseThrow()));
  }

  @Test
  void nothingFoundIsPendingThenNotFoundAfterTheSettleTime() {
    h.publish(publisher, h.photo("another post"), "other");
    Post post = h.photo("lost before it arrived");
    Instant at = h.clock.instant();

    assertThat(publisher.reconcile(request(post, "k2"), at))
        .isInstanceOf(Reconciliation.Pending.class);
    h.clock.advance(Duration.ofMinutes(2));
    assertThat(publisher.reconcile(request(post, "k2"), at))
        .isInstanceOf(Reconciliation.NotFound.class);
  }

  @Test
  void aReplyIsUndeterminedAsPixelfedNeverListsReplies() {
    Post reply = Post.builder().text("thanks").option("in_reply_to_id", "1").build();

    assertThat(publisher.reconcile(request(reply, "k3"), h.clock.instant()))
        .isInstanceOf(Reconciliation.Undetermined.class);
  }

  @Test
  void readFailuresThatMayPassArePendingAndRefusalsUndetermined() {
    Post post = h.photo("x");
    Instant at = h.clock.instant();
    h.fake.inject(FakePixelfed.ACCOUNT_STATUSES, Fault.status(503).times(1));
    assertThat(publisher.reconcile(request(post, "k"), at))
        .isInstanceOf(Reconciliation.Pending.class);
    h.fake.inject(FakePixelfed.VERIFY_CREDENTIALS, Fault.status(403).times(1));
    assertThat(publisher.reconcile(request(post, "k"), at))
        .isInstanceOf(Reconciliation.Undetermined.class);
    assertThat(h.fake.requests(FakePixelfed.ACCOUNT_STATUSES).get(0).param("limit"))
        .contains("40");
  }
}
