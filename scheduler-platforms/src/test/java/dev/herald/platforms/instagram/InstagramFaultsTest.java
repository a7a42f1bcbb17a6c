package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults (delay, 5xx, throttling, dropped connections) and the reconciliation the adapter performs
 * after an ambiguous {@code media_publish}: re-poll the container, PUBLISHED means it went out.
 */
class InstagramFaultsTest {

  @TempDir Path dir;
  InstagramHarness h;

  @BeforeEach
  void start() {
    h = new InstagramHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aConnectionDroppedAfterMediaPublishWasAcceptedIsReconciledToPublished() {
    h.fake.inject(FakeInstagram.PUBLISH, Fault.dropAfterAccept().times(1));

    PublishResult result = h.publish(h.publisher(), imagePost("went out"), "k");

    String published = h.fake.ledger().entries().get(0).remoteId();
    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Published.class,
            p -> {
              assertThat(p.remoteId()).isEqualTo(published);
              assertThat(p.url()).isPresent();
            });
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).hasSize(1);
    assertThat(h.fake.requests(FakeInstagram.LIST)).hasSize(1);
    assertThat(h.fake.servedFixtures()).contains("instagram-container-status-published.json");
  }

  @Test
  void aConnectionDroppedBeforeMediaPublishRanIsPublishedAgainOnceTheContainerReadsFinished() {
    h.fake.inject(FakeInstagram.PUBLISH, Fault.dropBeforeAccept().times(1));

    PublishResult result = h.publish(h.publisher(), imagePost("did not go out"), "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).hasSize(2);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.fake.repeatedPublishes()).isZero();
  }

  @Test
  void aPublishedContainerWhoseMediaCannotBeFoundIsUnknownAndTheRetryFindsIt() {
    h.fake.inject(FakeInstagram.PUBLISH, Fault.dropAfterAccept().times(1));
    h.fake.inject(FakeInstagram.LIST, Fault.status(500).times(1));
    InstagramPublisher publisher = h.publisher();

    PublishResult first = h.publish(publisher, imagePost("ambiguous"), "key");
    PublishResult retry = h.publish(publisher, imagePost("ambiguous"), "key");

    assertThat(first)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u -> assertThat(u.reason()).contains("reads PUBLISHED", "could not be listed"));
    assertThat(retry)
        .isInstanceOfSatisfying(
            PublishResult.Published.class,
            p -> assertThat(p.remoteId()).isEqualTo(h.fake.ledger().entries().get(0).remoteId()));
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.fake.containersCreated()).isEqualTo(1);
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).hasSize(1);
  }

  @Test
  void aTimeoutOfMediaPublishWhoseContainerCannotBeReadIsUnknown() {
    h.fake.inject(FakeInstagram.PUBLISH, Fault.delay(Duration.ofSeconds(3)).times(1));
    InstagramPublisher publisher =
        h.publisher(
            b ->
                b.requestTimeout(Duration.ofSeconds(1))
                    .sleeper(
                        d -> {
                          h.clock.advance(d);
                          if (!h.fake.requests(FakeInstagram.PUBLISH).isEmpty()) {
                            h.fake.inject(FakeInstagram.NODE, Fault.dropBeforeAccept());
                          }
                        }));

    PublishResult result = h.publish(publisher, imagePost("slow"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u ->
                assertThat(u.reason())
                    .contains("HttpTimeoutException", "could not be read to reconcile"));
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).hasSize(1);
  }

  @Test
  void aGatewayErrorWithoutGraphEnvelopeOnPublishIsReconciledNotRetriedBlindly() {
    h.fake.inject(FakeInstagram.PUBLISH, Fault.status(502).times(1));

    PublishResult result = h.publish(h.publisher(), imagePost("bad gateway"), "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).hasSize(2);
    assertThat(h.fake.requests(FakeInstagram.NODE))
        .as("polls, the reconciling read, the permalink")
        .hasSize(2 + 1 + 1);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aServerErrorInTheGraphEnvelopeOnPublishIsRetriedLater() {
    h.fake.inject(FakeInstagram.PUBLISH, Fault.status(500).times(1));

    PublishResult result = h.publish(h.publisher(), imagePost("server error"), "k");

    assertThat(result).isInstanceOf(PublishResult.RetryLater.class);
    assertThat(h.fake.ledger().size()).isZero();
    assertThat(h.fake.servedFixtures()).contains("instagram-error-server-transient.json");
  }

  @Test
  void a429ThrottleIsRateLimitedUntilTheLaterOfRegainTimeAndRetryAfter() {
    h.fake.inject(FakeInstagram.CREATE, Fault.rateLimited(Duration.ofSeconds(60)));

    PublishResult result = h.publish(h.publisher(), imagePost("busy"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> assertThat(r.until()).isEqualTo(h.clock.now().plus(Duration.ofMinutes(19))));
  }

  @Test
  void aRefusedConnectionIsRetriedLater() {
    InstagramPublisher publisher = h.publisher();
    h.fake.close();

    PublishResult result = h.publish(publisher, imagePost("offline"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("before the request was sent"));
  }

  @Test
  void aDroppedContainerCreationIsRetriedLaterBecauseNothingWasPublished() {
    h.fake.inject(FakeInstagram.CREATE, Fault.dropAfterAccept());

    PublishResult result = h.publish(h.publisher(), imagePost("dropped"), "k");

    assertThat(result).isInstanceOf(PublishResult.RetryLater.class);
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).isEmpty();
  }

  @Test
  void anExhaustedQuotaIsRateLimitedBeforeAnyContainerIsCreatedUntilTheWindowRolls() {
    h.close();
    h = new InstagramHarness(dir, b -> b.quotaTotal(1));
    InstagramPublisher publisher = h.publisher();
    assertThat(h.publish(publisher, imagePost("first"), "k1"))
        .isInstanceOf(PublishResult.Published.class);

    PublishResult second = h.publish(publisher, imagePost("second"), "k2");

    assertThat(second)
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> {
              assertThat(r.until()).isEqualTo(h.clock.now().plus(Duration.ofHours(1)));
              assertThat(r.reason()).contains("1 of 1 API posts", "rolling 24 h window");
            });
    assertThat(h.fake.containersCreated()).isEqualTo(1);

    h.clock.advance(Duration.ofHours(24));
    assertThat(h.publish(publisher, imagePost("second"), "k2"))
        .isInstanceOf(PublishResult.Published.class);
  }

  @Test
  void aRetryWhoseOwnEarlierAttemptUsedTheLastQuotaSlotIsReconciledNotRateLimited() {
    h.close();
    h = new InstagramHarness(dir, b -> b.quotaTotal(1));
    h.fake.inject(FakeInstagram.PUBLISH, Fault.dropAfterAccept().times(1));
    h.fake.inject(FakeInstagram.LIST, Fault.status(503).times(1));
    InstagramPublisher publisher = h.publisher();

    PublishResult first = h.publish(publisher, imagePost("last slot"), "key");
    PublishResult retry = h.publish(publisher, imagePost("last slot"), "key");

    assertThat(first).isInstanceOf(PublishResult.Unknown.class);
    assertThat(retry).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void withoutTheLimitCheckTheQuotaErrorOfMediaPublishIsRateLimitedToo() {
    h.close();
    h = new InstagramHarness(dir, b -> b.quotaTotal(1));
    InstagramPublisher publisher = h.publisher(b -> b.checkPublishingLimit(false));
    h.publish(publisher, imagePost("first"), "k1");

    PublishResult second = h.publish(publisher, imagePost("second"), "k2");

    assertThat(second)
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> assertThat(r.until()).isEqualTo(h.clock.now().plus(Duration.ofHours(1))));
    assertThat(h.fake.servedFixtures()).contains("instagram-error-publish-limit.json");
    assertThat(h.fake.requests(FakeInstagram.LIMIT)).isEmpty();
  }
}
