package dev.herald.platforms.facebook;

import static dev.herald.platforms.facebook.FacebookHarness.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Facebook's Graph API is stricter than our first understanding of it (issue 11, items 6 and
 * 7), reproduced through the fake, which refuses what Meta's references say Meta refuses.
 */
class FacebookFidelityTest {

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
  void aLocalMovIsUploadedAsVideoMp4TheOnlyVideoTypeOfTheResumableUploadApi() {
    Post post = Post.builder().text("Oven").addMedia(h.localFile("oven.mov", 4000, true)).build();
    assertThat(post.media().get(0).mimeType()).isEqualTo("video/quicktime");

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeRequest session = h.fake.requests(FakeFacebook.UPLOAD_SESSION).get(0);
    assertThat(session.param("file_type")).contains("video/mp4");
    assertThat(session.param("file_name")).contains("oven.mov");
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void photosOfAScheduledMultiPhotoPostAreUploadedTemporary() {
    long at = h.clock.now().plus(Duration.ofDays(1)).getEpochSecond();
    Post post =
        Post.builder()
            .text("Tomorrow's loaves")
            .addMedia(image("a.jpg"))
            .addMedia(image("b.png"))
            .option("scheduled_publish_time", Long.toString(at))
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    List<FakeRequest> photos = h.fake.requests(FakeFacebook.PHOTOS);
    assertThat(photos)
        .hasSize(2)
        .allSatisfy(
            p -> {
              assertThat(p.param("published")).contains("false");
              assertThat(p.param("temporary")).contains("true");
              assertThat(p.param("scheduled_publish_time")).isEmpty();
            });
    FakeRequest feed = h.fake.requests(FakeFacebook.FEED).get(0);
    assertThat(feed.param("scheduled_publish_time")).contains(Long.toString(at));
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void photosOfAMultiPhotoPostPublishedNowAreNotTemporary() {
    Post post =
        Post.builder().text("Now").addMedia(image("a.jpg")).addMedia(image("b.png")).build();

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.requests(FakeFacebook.PHOTOS))
        .allSatisfy(p -> assertThat(p.param("temporary")).isEmpty());
  }
}
