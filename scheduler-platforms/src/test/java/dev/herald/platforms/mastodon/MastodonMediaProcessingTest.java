package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.PublishResult.Published;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonMediaProcessingTest {

  @TempDir Path dir;
  MastodonHarness h;

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aStatusSentBeforeItsMediaIsProcessedGets422AndIsRetriedAfterPolling() {
    h = new MastodonHarness(dir, b -> b.mediaProcessingPolls(1));
    MastodonPublisher publisher =
        h.publisher(b -> b.mediaPolling(Duration.ofSeconds(1), Duration.ofSeconds(1), 1));
    Post post = Post.builder().text("Timelapse").addMedia(h.video("clip.mp4")).build();

    PublishResult result = h.publish(publisher, post, "job-media");

    assertThat(result).isInstanceOf(Published.class);
    assertThat(h.fake.requests())
        .extracting(FakeRequest::toString)
        .containsExactly(
            "GET /api/v2/instance",
            "POST /api/v2/media",
            "GET /api/v1/media/" + mediaId(),
            "POST /api/v1/statuses",
            "GET /api/v1/media/" + mediaId(),
            "POST /api/v1/statuses");
    assertThat(h.fake.servedFixtures()).contains("mastodon-error-422-media-not-ready.json");
    assertThat(h.fake.requests(FakeMastodon.STATUSES))
        .extracting(r -> r.header("Idempotency-Key").orElseThrow())
        .containsOnly("job-media");
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void givesUpWithRetryLaterWhenTheMediaIsStillProcessingAfterEveryAttempt() {
    h = new MastodonHarness(dir, b -> b.mediaProcessingPolls(100));
    MastodonPublisher publisher =
        h.publisher(
            b ->
                b.mediaPolling(Duration.ofSeconds(1), Duration.ofSeconds(2), 2)
                    .maxStatusAttempts(2));
    Instant start = h.clock.now();

    PublishResult result =
        h.publish(publisher, Post.builder().addMedia(h.video("long.mp4")).build(), "job-slow");

    assertThat(result).isInstanceOf(PublishResult.RetryLater.class);
    assertThat(h.fake.requests(FakeMastodon.STATUSES)).hasSize(2);
    assertThat(h.fake.requests(FakeMastodon.MEDIA)).hasSize(4);
    assertThat(h.fake.ledger().size()).isZero();
    assertThat(Duration.between(start, h.clock.now()))
        .isEqualTo(Duration.ofSeconds(1 + 2 + 1 + 1 + 2));
  }

  @Test
  void failedProcessingIsRejected() {
    h = new MastodonHarness(dir);
    h.fake.inject(FakeMastodon.MEDIA, Fault.status(422));

    PublishResult result =
        h.publish(
            h.publisher(), Post.builder().addMedia(h.video("broken.mp4")).build(), "job-broken");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("422"));
    assertThat(h.fake.requests(FakeMastodon.STATUSES)).isEmpty();
  }

  @Test
  void aMissingFileIsRejectedBeforeAnyUpload() {
    h = new MastodonHarness(dir);
    var media = h.image("gone.jpg");
    dir.resolve("gone.jpg").toFile().delete();

    PublishResult result =
        h.publish(h.publisher(), Post.builder().addMedia(media).build(), "job-gone");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("media_unreadable"));
    assertThat(h.fake.requests(FakeMastodon.UPLOAD)).isEmpty();
  }

  private String mediaId() {
    return h.fake.requests(FakeMastodon.MEDIA).get(0).path().substring("/api/v1/media/".length());
  }
}
