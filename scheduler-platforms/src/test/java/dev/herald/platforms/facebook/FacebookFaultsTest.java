package dev.herald.platforms.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicates (506), Business Use Case throttling (80001 with its usage header), faults, and the
 * reconciliation: after an ambiguous failure, read the recent feed before posting again.
 */
class FacebookFaultsTest {

  @TempDir Path dir;
  FacebookHarness h;

  @BeforeEach
  void start() {
    h = new FacebookHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anIdenticalConsecutiveMessageIsRejectedAsADuplicate() {
    FacebookPublisher publisher = h.publisher();
    assertThat(h.publish(publisher, Post.text("Same words"), "k1"))
        .isInstanceOf(PublishResult.Published.class);

    PublishResult again = h.publish(publisher, Post.text("Same words"), "k2");

    assertThat(again)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("506");
              assertThat(r.reason()).contains("(#506", "Duplicate status message");
            });
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.publish(publisher, Post.text("Other words"), "k3"))
        .isInstanceOf(PublishResult.Published.class);
  }

  @Test
  void theBusinessUseCaseBudgetThrottlesWith80001UntilTheRegainTimeHasPassed() {
    h.close();
    h = new FacebookHarness(dir, b -> b.pageCallBudget(2));
    FacebookPublisher publisher = h.publisher();
    assertThat(h.publish(publisher, Post.text("one"), "k1"))
        .isInstanceOf(PublishResult.Published.class);
    assertThat(h.publish(publisher, Post.text("two"), "k2"))
        .isInstanceOf(PublishResult.Published.class);

    PublishResult third = h.publish(publisher, Post.text("three"), "k3");

    assertThat(third)
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> {
              assertThat(r.until()).isEqualTo(h.clock.now().plus(Duration.ofMinutes(19)));
              assertThat(r.reason()).contains("(#80001");
            });
    assertThat(h.fake.servedFixtures()).contains("facebook-error-rate-limit-buc.json");
    h.clock.advance(Duration.ofMinutes(10));
    assertThat(h.publish(publisher, Post.text("three"), "k3"))
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> assertThat(r.until()).isEqualTo(h.clock.now().plus(Duration.ofMinutes(9))));
    h.clock.advance(Duration.ofMinutes(9));
    assertThat(h.publish(publisher, Post.text("three"), "k3"))
        .isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.ledger().size()).isEqualTo(3);
  }

  @Test
  void a429ThrottleIsRateLimitedUntilTheLaterOfRegainTimeAndRetryAfter() {
    h.fake.inject(FakeFacebook.FEED, Fault.rateLimited(Duration.ofHours(1)));

    PublishResult result = h.publish(h.publisher(), Post.text("busy"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> assertThat(r.until()).isEqualTo(h.clock.now().plus(Duration.ofHours(1))));
  }

  @Test
  void aServerErrorInTheGraphEnvelopeIsRetriedLater() {
    h.fake.inject(FakeFacebook.FEED, Fault.status(500));

    PublishResult result =
        h.publish(h.publisher(b -> b.retryDelay(Duration.ofSeconds(45))), Post.text("x"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(45)));
    assertThat(h.fake.servedFixtures()).contains("facebook-error-transient.json");
  }

  @Test
  void aPostWhoseResponseWasLostIsFoundInTheFeedAndReportedPublished() {
    h.fake.inject(FakeFacebook.FEED, Fault.dropAfterAccept().times(1));

    PublishResult result = h.publish(h.publisher(), Post.text("Lost response"), "k");

    String id = h.fake.ledger().entries().get(0).remoteId();
    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Published.class, p -> assertThat(p.remoteId()).isEqualTo(id));
    assertThat(h.fake.requests(FakeFacebook.FEED)).hasSize(1);
    assertThat(h.fake.requests(FakeFacebook.FEED_LIST)).hasSize(1);
  }

  @Test
  void aPostThatNeverArrivedIsUnknownAndTheRetryPostsItOnce() {
    h.fake.inject(FakeFacebook.FEED, Fault.dropBeforeAccept().times(1));
    FacebookPublisher publisher = h.publisher();

    PublishResult first = h.publish(publisher, Post.text("Never arrived"), "key");
    PublishResult retry = h.publish(publisher, Post.text("Never arrived"), "key");

    assertThat(first)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u -> assertThat(u.reason()).contains("no post with the same text"));
    assertThat(retry).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.fake.requests(FakeFacebook.FEED_LIST)).hasSize(2);
  }

  @Test
  void aDuplicateAnswerToARetryIsConfirmedAgainstTheFeedAsThisPublishsOwnPost() {
    h.fake.inject(FakeFacebook.FEED, Fault.dropAfterAccept().times(1));
    h.fake.inject(FakeFacebook.FEED_LIST, Fault.status(500).times(2));
    FacebookPublisher publisher = h.publisher();

    PublishResult first = h.publish(publisher, Post.text("Went out silently"), "key");
    PublishResult retry = h.publish(publisher, Post.text("Went out silently"), "key");

    assertThat(first).isInstanceOf(PublishResult.Unknown.class);
    String id = h.fake.ledger().entries().get(0).remoteId();
    assertThat(retry)
        .isInstanceOfSatisfying(
            PublishResult.Published.class, p -> assertThat(p.remoteId()).isEqualTo(id));
    assertThat(h.fake.servedFixtures()).contains("facebook-error-duplicate.json");
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aDuplicateOfSomeoneElsesPostIsStillRejected() {
    FacebookPublisher publisher = h.publisher();
    h.publish(publisher, Post.text("Posted by hand"), "other-key");

    PublishResult result = h.publish(publisher, Post.text("Posted by hand"), "my-key");

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
  }

  @Test
  void aGatewayErrorIsReconciledAndATimeoutToo() {
    h.fake.inject(FakeFacebook.FEED, Fault.status(502).times(1));
    FacebookPublisher publisher = h.publisher(b -> b.requestTimeout(Duration.ofSeconds(1)));

    PublishResult gateway = h.publish(publisher, Post.text("gateway"), "k1");
    h.fake.inject(FakeFacebook.FEED, Fault.delay(Duration.ofSeconds(3)).times(1));
    PublishResult timeout = h.publish(publisher, Post.text("timeout"), "k2");

    assertThat(gateway)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class, u -> assertThat(u.reason()).contains("HTTP 502"));
    assertThat(timeout)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u -> assertThat(u.reason()).contains("HttpTimeoutException"));
  }

  @Test
  void aRefusedConnectionIsRetriedLater() {
    FacebookPublisher publisher = h.publisher();
    h.fake.close();

    assertThat(h.publish(publisher, Post.text("offline"), "k"))
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("before the request was sent"));
  }

  @Test
  void aDroppedUnpublishedPhotoUploadIsRetriedLaterWithoutAPost() {
    h.fake.inject(FakeFacebook.PHOTOS, Fault.dropAfterAccept().times(1));
    Post post =
        Post.builder()
            .text("two")
            .addMedia(FacebookHarness.image("a.jpg"))
            .addMedia(FacebookHarness.image("b.jpg"))
            .build();

    assertThat(h.publish(h.publisher(), post, "k")).isInstanceOf(PublishResult.RetryLater.class);
    assertThat(h.fake.requests(FakeFacebook.FEED)).isEmpty();
  }
}
