package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonFaultsTest {

  @TempDir Path dir;
  MastodonHarness h;
  final Post post = Post.text("Fault tolerant");

  @BeforeEach
  void start() {
    h = new MastodonHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aServerErrorOnTheStatusCallIsUnknownBecauseAProxyErrorCanFollowACreatedStatus() {
    h.fake.inject(FakeMastodon.STATUSES, Fault.status(502));

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Unknown.class);
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void a429WithRetryAfterIsRateLimitedUntilThatTime() {
    h.fake.inject(FakeMastodon.STATUSES, Fault.rateLimited(Duration.ofSeconds(120)));

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> assertThat(r.until()).isEqualTo(h.clock.now().plusSeconds(120)));
  }

  @Test
  void aConnectionDroppedAfterTheStatusWasAcceptedIsUnknownAndThePostIsInTheLedger() {
    h.fake.inject(FakeMastodon.STATUSES, Fault.dropAfterAccept());

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Unknown.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aConnectionDroppedBeforeAcceptIsStillUnknownToTheClient() {
    h.fake.inject(FakeMastodon.STATUSES, Fault.dropBeforeAccept());

    assertThat(h.publish(h.publisher(), post, "k")).isInstanceOf(PublishResult.Unknown.class);
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aResponseTimeoutAfterSendingIsUnknown() {
    h.fake.inject(FakeMastodon.STATUSES, Fault.delay(Duration.ofMillis(600)).times(1));

    PublishResult result =
        h.publish(h.publisher(b -> b.requestTimeout(Duration.ofMillis(150))), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Unknown.class);
    assertThat(((PublishResult.Unknown) result).reason()).contains("HttpTimeoutException");
  }

  @Test
  void aDroppedUploadIsRetriedLaterBecauseNothingWasPublished() {
    h.fake.inject(FakeMastodon.UPLOAD, Fault.dropAfterAccept());

    PublishResult result =
        h.publish(h.publisher(), Post.builder().addMedia(h.image("a.jpg")).build(), "k");

    assertThat(result).isInstanceOf(PublishResult.RetryLater.class);
    assertThat(h.fake.requests(FakeMastodon.STATUSES)).isEmpty();
  }

  @Test
  void aRefusedConnectionIsRetriedLater() {
    MastodonPublisher publisher = h.publisher();
    h.fake.close();

    PublishResult result = h.publish(publisher, post, "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("before the request was sent"));
  }

  @Test
  void aGlobalFaultLimitedToOneRequestAffectsOnlyTheFirst() {
    h.fake.inject(Fault.status(500).times(1));
    MastodonPublisher publisher = h.publisher();

    assertThat(h.publish(publisher, post, "k")).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.requests(FakeMastodon.INSTANCE)).hasSize(1);
  }
}
