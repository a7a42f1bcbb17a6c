package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.photo;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.PublishResult.Published;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server errors, rate limits, timeouts and dropped connections at every step, and what each means
 * for the post: nothing published ({@code RetryLater}), maybe published ({@code Unknown}, and the
 * fake shows it did go live), or recovered inside the run (chunk retries, 416 resync, status
 * reconciliation after a lost last chunk).
 */
class TikTokFaultsTest {

  @TempDir Path dir;
  TikTokHarness h;
  final Post pull = post(remoteVideo("v.mp4")).build();

  @BeforeEach
  void start() {
    h = new TikTokHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  Post file() {
    return post(h.videoFile("v.mp4", 16_000_000)).build();
  }

  @Test
  void aServerErrorOnAFileUploadInitIsRetriedLater() {
    h.fake.inject(FakeTikTok.VIDEO_INIT, Fault.status(503));

    PublishResult result =
        h.publish(h.publisher(b -> b.retryDelay(Duration.ofSeconds(45))), file());

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> {
              assertThat(r.after()).isEqualTo(Duration.ofSeconds(45));
              assertThat(r.reason()).contains("internal_error");
            });
    h.fake.settle();
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void a429WithRetryAfterIsRateLimitedUntilThenButNeverLessThanAMinute() {
    Instant now = h.clock.now();
    h.fake.inject(FakeTikTok.VIDEO_INIT, Fault.rateLimited(Duration.ofSeconds(120)).times(1));
    h.fake.inject(FakeTikTok.CONTENT_INIT, Fault.rateLimited(Duration.ofSeconds(5)).times(1));

    PublishResult slow = h.publish(h.publisher(), pull);
    PublishResult fast = h.publish(h.publisher(), post(photo("a.jpg")).build());

    assertThat(slow).isEqualTo(rateLimited(now.plusSeconds(120), slow));
    assertThat(fast).isEqualTo(rateLimited(now.plusSeconds(60), fast));
  }

  @Test
  void theFakeEnforcesSixInitsAMinutePerToken() {
    h.close();
    h = new TikTokHarness(dir, b -> b.enforceRateLimits(true));
    TikTokPublisher publisher = h.publisher();
    for (int i = 0; i < 6; i++) {
      assertThat(h.publish(publisher, pull)).isInstanceOf(Published.class);
    }
    h.clock.set(h.fake.requests(FakeTikTok.VIDEO_INIT).get(0).receivedAt().plusSeconds(30));

    assertThat(h.publish(publisher, pull)).isInstanceOf(PublishResult.RateLimited.class);
    assertThat(h.fake.servedFixtures()).contains("tiktok-error-rate-limit.json");
  }

  @Test
  void aPullInitWhoseResponseIsLostIsUnknownAndTheVideoDoesGoLive() {
    h.fake.inject(FakeTikTok.VIDEO_INIT, Fault.dropAfterAccept());

    PublishResult result = h.publish(h.publisher(), pull);

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u -> assertThat(u.reason()).contains("no idempotency key", "recent posts"));
    h.fake.settle();
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aPhotoInitTimingOutAfterSendingIsUnknown() {
    h.fake.inject(FakeTikTok.CONTENT_INIT, Fault.delay(Duration.ofMillis(2000)).times(1));

    PublishResult result =
        h.publish(
            h.publisher(b -> b.requestTimeout(Duration.ofMillis(500))),
            post(photo("a.jpg")).build());

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u -> assertThat(u.reason()).contains("HttpTimeoutException"));
  }

  @Test
  void aFileUploadInitWhoseResponseIsLostPublishesNothingSoItIsRetriedLater() {
    h.fake.inject(FakeTikTok.VIDEO_INIT, Fault.dropAfterAccept());

    PublishResult result = h.publish(h.publisher(), file());

    assertThat(result).isInstanceOf(PublishResult.RetryLater.class);
    h.fake.settle();
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aChunkAnsweredWithAServerErrorIsSentAgain() {
    h.fake.inject(FakeTikTok.UPLOAD, Fault.status(502).times(1));

    PublishResult result = h.publish(h.publisher(), file());

    assertThat(result).isInstanceOf(Published.class);
    assertThat(h.fake.requests(FakeTikTok.UPLOAD))
        .extracting(r -> r.header("Content-Range").orElseThrow())
        .containsExactly(
            "bytes 0-5242879/16000000",
            "bytes 0-5242879/16000000",
            "bytes 5242880-10485759/16000000",
            "bytes 10485760-15999999/16000000");
  }

  @Test
  void aChunkWhoseResponseIsLostIsResentAndThe416ResynchronisesTheUpload() {
    h.fake.inject(FakeTikTok.UPLOAD, Fault.dropAfterAccept().times(1));

    PublishResult result = h.publish(h.publisher(), file());

    assertThat(result).isInstanceOf(Published.class);
    assertThat(h.fake.requests(FakeTikTok.UPLOAD))
        .extracting(r -> r.header("Content-Range").orElseThrow())
        .containsExactly(
            "bytes 0-5242879/16000000",
            "bytes 0-5242879/16000000",
            "bytes 5242880-10485759/16000000",
            "bytes 10485760-15999999/16000000");
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aLostResponseToTheLastChunkIsReconciledThroughTheStatusAndPublishedOnce() {
    Post oneChunk = post(h.videoFile("short.mp4", 1_000_000)).build();
    h.fake.inject(FakeTikTok.UPLOAD, Fault.dropAfterAccept().times(1));

    PublishResult result = h.publish(h.publisher(), oneChunk);

    assertThat(result)
        .isEqualTo(PublishResult.published(FakeTikTok.FIRST_POST_ID, TikTokPublishTest.VIDEO_URL));
    assertThat(h.fake.requests(FakeTikTok.UPLOAD)).hasSize(1);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aLastChunkThatNeverArrivedIsSentAgainAfterTheStatusSaysSo() {
    Post oneChunk = post(h.videoFile("short.mp4", 1_000_000)).build();
    h.fake.inject(FakeTikTok.UPLOAD, Fault.dropBeforeAccept().times(1));

    PublishResult result = h.publish(h.publisher(), oneChunk);

    assertThat(result).isInstanceOf(Published.class);
    assertThat(h.fake.requests(FakeTikTok.UPLOAD))
        .extracting(r -> r.header("Content-Range").orElseThrow())
        .containsExactly("bytes 0-999999/1000000", "bytes 0-999999/1000000");
    assertThat(h.fake.requests(FakeTikTok.STATUS).get(0).receivedAt())
        .as("the status was read between the two tries")
        .isBefore(h.fake.requests(FakeTikTok.UPLOAD).get(1).receivedAt().plusNanos(1));
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void anExpiredUploadUrlEndsTheRunWithRetryLater() {
    h.fake.inject(FakeTikTok.UPLOAD, Fault.status(403));

    PublishResult result = h.publish(h.publisher(), file());

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("upload_url expired", "nothing was published"));
  }

  @Test
  void statusErrorsAndRateLimitsArePolledThrough() {
    h.fake.inject(FakeTikTok.STATUS, Fault.status(500).times(2));
    h.fake.inject(FakeTikTok.STATUS, Fault.rateLimited(Duration.ofSeconds(90)).times(1));
    Instant start = h.clock.now();

    PublishResult result = h.publish(h.publisher(), pull);

    assertThat(result).isInstanceOf(Published.class);
    assertThat(h.clock.now()).isAfterOrEqualTo(start.plusSeconds(90));
  }

  @Test
  void aStatusThatKeepsFailingIsUnknownNamingThePublishId() {
    h.fake.inject(FakeTikTok.STATUS, Fault.dropAfterAccept());

    PublishResult result = h.publish(h.publisher(), pull);

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u -> assertThat(u.reason()).contains("publish_id v_pub_url~v2.123456789"));
    assertThat(h.fake.requests(FakeTikTok.STATUS)).hasSize(3);
  }

  @Test
  void aPullStillDownloadingWhenThePollsRunOutIsCancelledSoNothingIsPublished() {
    h.close();
    h = new TikTokHarness(dir, b -> b.processingPolls(100));

    PublishResult result = h.publish(h.publisher(), pull);

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("cancelled it, nothing was published"));
    assertThat(h.fake.requests(FakeTikTok.CANCEL)).hasSize(1);
    assertThat(h.fake.servedFixtures()).contains("tiktok-cancel-ok.json");
    h.fake.settle();
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aRefusedConnectionIsRetriedLater() {
    TikTokPublisher publisher = h.publisher();
    h.fake.close();

    PublishResult result = h.publish(publisher, pull);

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("before the request was sent"));
  }

  private static PublishResult rateLimited(Instant until, PublishResult actual) {
    return PublishResult.rateLimited(until, ((PublishResult.RateLimited) actual).reason());
  }
}
