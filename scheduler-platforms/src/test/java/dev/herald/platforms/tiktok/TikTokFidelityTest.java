package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.photo;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where TikTok is less tidy than our first understanding of it (issue 11, items 8 and 9): an init
 * that starts fetching the media and then fails with a server error, and a missing scope.
 */
class TikTokFidelityTest {

  @TempDir Path dir;
  TikTokHarness h;

  @BeforeEach
  void start() {
    h = new TikTokHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504})
  void aServerErrorAfterAPullInitStartedIsUnknownAndTheVideoDoesGoLive(int status) {
    h.fake.failNextInitAfterStart(status);

    PublishResult result = h.publish(h.publisher(), post(remoteVideo("v.mp4")).build());

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u -> assertThat(u.reason()).contains("HTTP " + status, "may have started"));
    h.fake.settle();
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503})
  void aServerErrorAfterAPhotoInitStartedIsUnknown(int status) {
    h.fake.failNextInitAfterStart(status);

    PublishResult result = h.publish(h.publisher(), post(photo("a.jpg"), photo("b.jpg")).build());

    assertThat(result).isInstanceOf(PublishResult.Unknown.class);
    h.fake.settle();
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aServerErrorAfterAFileUploadInitPublishesNothingSoItIsRetriedLater() {
    h.fake.failNextInitAfterStart(500);
    Post post = post(h.videoFile("v.mp4", 16_000_000)).build();

    PublishResult result = h.publish(h.publisher(), post);

    assertThat(result).isInstanceOf(PublishResult.RetryLater.class);
    h.fake.settle();
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aRefusalWithACodeOnAPullInitSaysNothingStarted() {
    Post privateOnly =
        post(remoteVideo("v.mp4")).option("privacy_level", "FOLLOWER_OF_CREATOR").build();

    PublishResult result = h.publish(h.publisher(), privateOnly);

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aMissingScopeIsAuthExpiredTheUserMustAuthoriseIt() {
    PublishResult result =
        h.publish(h.publisher(), post(remoteVideo("v.mp4")).build(), TikTokHarness.READ_ONLY_ID);

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.AuthExpired.class,
            a -> assertThat(a.reason()).contains("scope_not_authorized"));
    assertThat(h.fake.servedFixtures()).contains("tiktok-error-scope-not-authorized.json");
  }
}
