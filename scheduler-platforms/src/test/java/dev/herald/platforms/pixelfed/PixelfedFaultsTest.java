package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake's fault switches, and what each failure means for the publish. */
class PixelfedFaultsTest {

  @TempDir Path dir;
  PixelfedHarness h;
  Post post;

  @BeforeEach
  void start() {
    h = new PixelfedHarness(dir);
    post = h.photo("Fault tolerant");
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aServerErrorIsRetriedLater() {
    h.fake.inject(FakePixelfed.STATUSES, Fault.status(502));

    PublishResult result =
        h.publish(h.publisher(b -> b.retryDelay(Duration.ofSeconds(45))), post, "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(45)));
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aServerErrorOnUploadIsRetriedLaterWithoutPostingTheStatus() {
    h.fake.inject(FakePixelfed.UPLOAD_V2, Fault.status(503));

    assertThat(h.publish(h.publisher(), post, "k")).isInstanceOf(PublishResult.RetryLater.class);
    assertThat(h.fake.requests(FakePixelfed.STATUSES)).isEmpty();
  }

  @Test
  void a429WithRetryAfterIsRateLimitedUntilThatTime() {
    h.fake.inject(FakePixelfed.STATUSES, Fault.rateLimited(Duration.ofSeconds(120)));

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> assertThat(r.until()).isEqualTo(h.clock.now().plusSeconds(120)));
    assertThat(h.fake.servedFixtures()).contains("pixelfed-error-429.json");
  }

  @Test
  void aConnectionDroppedAfterTheStatusWasAcceptedIsUnknownAndThePostIsInTheLedger() {
    h.fake.inject(FakePixelfed.STATUSES, Fault.dropAfterAccept());

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Unknown.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aConnectionDroppedBeforeAcceptIsStillUnknownToTheClient() {
    h.fake.inject(FakePixelfed.STATUSES, Fault.dropBeforeAccept());

    assertThat(h.publish(h.publisher(), post, "k")).isInstanceOf(PublishResult.Unknown.class);
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aResponseTimeoutAfterSendingIsUnknown() {
    h.fake.inject(FakePixelfed.STATUSES, Fault.delay(Duration.ofMillis(600)).times(1));

    PublishResult result =
        h.publish(h.publisher(b -> b.requestTimeout(Duration.ofMillis(150))), post, "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            r -> assertThat(r.reason()).contains("HttpTimeoutException"));
  }

  @Test
  void aDroppedUploadIsRetriedLaterBecauseNothingWasPublished() {
    h.fake.inject(FakePixelfed.UPLOAD_V2, Fault.dropAfterAccept());

    assertThat(h.publish(h.publisher(), post, "k")).isInstanceOf(PublishResult.RetryLater.class);
    assertThat(h.fake.requests(FakePixelfed.STATUSES)).isEmpty();
  }

  @Test
  void aRefusedConnectionIsRetriedLater() {
    PixelfedPublisher publisher = h.publisher(b -> b.limits(PixelfedLimits.DEFAULTS));
    h.fake.close();

    assertThat(h.publish(publisher, post, "k"))
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("before the request was sent"));
  }

  @Test
  void anUnreadableFileIsRejectedBeforeAnyUpload() {
    Post missing =
        Post.builder()
            .addMedia(h.image("a.jpg"))
            .addMedia(Media.image(dir.resolve("missing.jpg").toUri()))
            .build();

    PublishResult result =
        h.publish(h.publisher(b -> b.limits(PixelfedLimits.DEFAULTS)), missing, "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("media_unreadable"));
    assertThat(h.fake.requests()).isEmpty();
  }
}
