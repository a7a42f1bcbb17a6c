package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
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

/** {@link MastodonPublisher#reconcile} against a FakeMastodon serving the account's statuses. */
class MastodonReconcileTest {

  @TempDir Path dir;
  MastodonHarness h;
  MastodonPublisher publisher;

  @BeforeEach
  void start() {
    h = new MastodonHarness(dir);
    publisher = h.publisher();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private PublishRequest request(Post post, String key) {
    return new PublishRequest(post, Target.of("mastodon", MastodonHarness.ACCOUNT), key);
  }

  /** Sends {@code post} with the response lost after the status was created; returns the time. */
  private Instant lostResponse(Post post, String key) {
    Instant at = h.clock.instant();
    h.fake.inject(FakeMastodon.STATUSES, Fault.dropAfterAccept().times(1));
    assertThat(publisher.publish(request(post, key))).isInstanceOf(PublishResult.Unknown.class);
    assertThat(h.fake.ledger().entries()).hasSize(1);
    return at;
  }

  @Test
  void aStatusCreatedDespiteALostResponseIsFoundByItsText() {
    Post post = Post.builder().text("Café & \"quotes\" it's\n\nsee https://example.com/a/very/long/path/that/is/cut?x=1").build();
    Instant at = lostResponse(post, "key-1");
    h.clock.advance(Duration.ofHours(2)); // beyond the dedupe window

    Reconciliation answer = publisher.reconcile(request(post, "key-1"), at);

    String id = h.fake.ledger().entries().get(0).remoteId();
    assertThat(answer).isEqualTo(Reconciliation.found(id,
        h.fake.ledger().entries().get(0).url().orElseThrow()));
  }

  @Test
  void contentThatRendersDifferentlyIsConfirmedByTheStatusSource() {
    // a remote mention is shown as @bob only in the HTML content
    Post post = Post.builder().text("Thanks @bob@other.example for the tip").build();
    Instant at = lostResponse(post, "key-2");

    Reconciliation answer = publisher.reconcile(request(post, "key-2"), at);

    assertThat(answer).isInstanceOf(Reconciliation.Found.class);
    assertThat(h.fake.requests(FakeMastodon.STATUS_SOURCE)).hasSize(1);
  }

  @Test
  void anotherStatusOfTheAccountIsNotTakenForThePost() {
    h.publish(publisher, Post.builder().text("something else").build(), "other");
    Instant at = h.clock.instant();
    h.clock.advance(Duration.ofMinutes(3));

    Reconciliation answer =
        publisher.reconcile(request(Post.builder().text("the lost one").build(), "k"), at);

    assertThat(answer).isInstanceOf(Reconciliation.NotFound.class);
  }

  @Test
  void nothingFoundIsPendingUntilTheSettleTimeThenNotFound() {
    Post post = Post.builder().text("never arrived").build();
    Instant at = h.clock.instant();
    h.fake.inject(FakeMastodon.STATUSES, Fault.dropBeforeAccept().times(1));
    publisher.publish(request(post, "k3"));

    assertThat(publisher.reconcile(request(post, "k3"), at))
        .isInstanceOf(Reconciliation.Pending.class);
    h.clock.advance(Duration.ofMinutes(2));
    assertThat(publisher.reconcile(request(post, "k3"), at))
        .isInstanceOf(Reconciliation.NotFound.class);
  }

  @Test
  void aStatusOlderThanTheAttemptIsNotTheOne() {
    Post post = Post.builder().text("same words").build();
    h.publish(publisher, post, "yesterday");
    h.clock.advance(Duration.ofDays(1));
    Instant at = h.clock.instant();
    h.clock.advance(Duration.ofMinutes(5));

    assertThat(publisher.reconcile(request(post, "today"), at))
        .isInstanceOf(Reconciliation.NotFound.class);
  }

  @Test
  void theSearchPagesBackPastFortyNewerStatuses() {
    Post post = Post.builder().text("the one").build();
    Instant at = lostResponse(post, "k4");
    for (int i = 0; i < 45; i++) {
      h.publish(publisher, Post.builder().text("later " + i).build(), "later-" + i);
    }

    assertThat(publisher.reconcile(request(post, "k4"), at))
        .isInstanceOf(Reconciliation.Found.class);
    assertThat(h.fake.requests(FakeMastodon.ACCOUNT_STATUSES)).hasSize(2);
    assertThat(h.fake.requests(FakeMastodon.ACCOUNT_STATUSES).get(0).param("limit"))
        .contains("40");
  }

  @Test
  void aMediaPostIsMatchedByItsAltText() {
    Post post = Post.builder().media(java.util.List.of(h.image("a.png"))).build();
    Instant at = lostResponse(post, "k5");

    assertThat(publisher.reconcile(request(post, "k5"), at))
        .isInstanceOf(Reconciliation.Found.class);
  }

  @Test
  void aScheduledStatusIsFoundAmongTheScheduledStatuses() {
    Post post = Post.builder().text("later today")
        .option("scheduled_at", "2026-11-20T18:00:00Z").build();
    Instant at = lostResponse(post, "k6");

    Reconciliation answer = publisher.reconcile(request(post, "k6"), at);

    assertThat(answer).isEqualTo(
        Reconciliation.found(h.fake.ledger().entries().get(0).remoteId(), null));
  }

  @Test
  void readFailuresThatMayPassArePendingAndRefusalsUndetermined() {
    Post post = Post.builder().text("x").build();
    Instant at = h.clock.instant();
    h.fake.inject(FakeMastodon.ACCOUNT_STATUSES, Fault.status(503).times(1));
    assertThat(publisher.reconcile(request(post, "k"), at))
        .isInstanceOf(Reconciliation.Pending.class);

    h.fake.inject(FakeMastodon.VERIFY_CREDENTIALS, Fault.status(403).times(1));
    assertThat(publisher.reconcile(request(post, "k"), at))
        .isInstanceOf(Reconciliation.Undetermined.class);

    h.fake.inject(FakeMastodon.VERIFY_CREDENTIALS, Fault.dropBeforeAccept().times(1));
    assertThat(publisher.reconcile(request(post, "k"), at))
        .isInstanceOf(Reconciliation.Pending.class);
  }

  @Test
  void aTargetWithoutCredentialsIsUndetermined() {
    assertThat(publisher.reconcile(new PublishRequest(Post.builder().text("x").build(),
        Target.of("mastodon", "stranger"), "k"), h.clock.instant()))
        .isInstanceOf(Reconciliation.Undetermined.class);
  }
}
