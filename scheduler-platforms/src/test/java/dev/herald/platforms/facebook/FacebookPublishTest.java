package dev.herald.platforms.facebook;

import static dev.herald.platforms.facebook.FacebookHarness.PAGE;
import static dev.herald.platforms.facebook.FacebookHarness.PAGE_TOKEN;
import static dev.herald.platforms.facebook.FacebookHarness.USER_TOKEN;
import static dev.herald.platforms.facebook.FacebookHarness.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the fake: text, link, one photo, several photos, videos, scheduling. */
class FacebookPublishTest {

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
  void publishesATextPostAndReturnsThePagePostIdAndPermalink() {
    PublishResult result = h.publish(h.publisher(), Post.text("Fresh bread at 7"), "k1");

    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(result)
        .isEqualTo(
            PublishResult.published(
                "104567890123456_987654321098765",
                URI.create("https://www.facebook.com/104567890123456_987654321098765")));
    assertThat(entry.remoteId()).isEqualTo("104567890123456_987654321098765");
    assertThat(entry.text()).isEqualTo("Fresh bread at 7");
    FakeRequest feed = h.fake.requests(FakeFacebook.FEED).get(0);
    assertThat(feed.path()).isEqualTo("/v25.0/" + PAGE + "/feed");
    assertThat(feed.param("message")).contains("Fresh bread at 7");
    assertThat(feed.param("access_token")).contains(PAGE_TOKEN);
    assertThat(feed.param("link")).isEmpty();
    assertThat(h.fake.requests()).hasSize(1);
  }

  @Test
  void publishesALinkPostWithTheLinkAsItsOwnParameter() {
    Post post =
        Post.builder().text("Our menu").link(URI.create("https://bakery.example/menu")).build();

    assertThat(h.publish(h.publisher(), post, "k")).isInstanceOf(PublishResult.Published.class);

    FakeRequest feed = h.fake.requests(FakeFacebook.FEED).get(0);
    assertThat(feed.param("message")).contains("Our menu");
    assertThat(feed.param("link")).contains("https://bakery.example/menu");
  }

  @Test
  void publishesOnePhotoByUrlAndReturnsItsPagePost() {
    Post post =
        Post.builder()
            .text("Croissants")
            .addMedia(image("croissant.jpg").withAltText("a croissant"))
            .link(URI.create("https://bakery.example"))
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k");

    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Published.class,
            p -> {
              assertThat(p.remoteId()).isEqualTo(entry.remoteId()).startsWith(PAGE + "_");
              assertThat(p.url()).hasValue(entry.url().orElseThrow());
            });
    FakeRequest photo = h.fake.requests(FakeFacebook.PHOTOS).get(0);
    assertThat(photo.param("url")).contains("https://cdn.example/img/croissant.jpg");
    assertThat(photo.param("caption")).contains("Croissants\n\nhttps://bakery.example");
    assertThat(photo.param("alt_text_custom")).contains("a croissant");
    assertThat(h.fake.servedFixtures()).contains("facebook-photo-created.json");
  }

  @Test
  void uploadsALocalPhotoAsMultipartSource() {
    Post post = Post.builder().text("Local").addMedia(h.localFile("p.png", 2048, false)).build();

    assertThat(h.publish(h.publisher(), post, "k")).isInstanceOf(PublishResult.Published.class);

    FakeRequest photo = h.fake.requests(FakeFacebook.PHOTOS).get(0);
    assertThat(photo.file("source")).hasValueSatisfying(f -> assertThat(f.size()).isEqualTo(2048));
    assertThat(photo.param("caption")).contains("Local");
    assertThat(photo.param("access_token")).contains(PAGE_TOKEN);
  }

  @Test
  void publishesSeveralPhotosAsUnpublishedPhotosAttachedToOneFeedPost() {
    Post post =
        Post.builder()
            .text("Three loaves")
            .addMedia(image("a.jpg"))
            .addMedia(image("b.png"))
            .addMedia(image("c.webp"))
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    List<FakeRequest> photos = h.fake.requests(FakeFacebook.PHOTOS);
    assertThat(photos)
        .hasSize(3)
        .allSatisfy(p -> assertThat(p.param("published")).contains("false"));
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(entry.mediaIds()).hasSize(3);
    FakeRequest feed = h.fake.requests(FakeFacebook.FEED).get(0);
    assertThat(feed.param("attached_media[0]"))
        .contains("{\"media_fbid\":\"" + entry.mediaIds().get(0) + "\"}");
    assertThat(feed.param("attached_media[2]")).isPresent();
    assertThat(h.fake.servedFixtures()).contains("facebook-photo-unpublished.json");
  }

  @Test
  void publishesAVideoByUrlAndWaitsForProcessing() {
    Post post =
        Post.builder()
            .text("Kneading")
            .title("How we knead")
            .addMedia(Media.video(URI.create("https://cdn.example/v/knead.mp4")))
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k");

    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(result)
        .isEqualTo(
            PublishResult.published(
                entry.remoteId(),
                URI.create(
                    "https://www.facebook.com/" + PAGE + "/videos/" + entry.remoteId() + "/")));
    FakeRequest video = h.fake.requests(FakeFacebook.VIDEOS).get(0);
    assertThat(video.param("file_url")).contains("https://cdn.example/v/knead.mp4");
    assertThat(video.param("description")).contains("Kneading");
    assertThat(video.param("title")).contains("How we knead");
    assertThat(h.fake.requests(FakeFacebook.NODE)).hasSize(3);
    assertThat(h.clock.now()).isEqualTo(Instant.parse("2026-11-20T12:00:10Z"));
  }

  @Test
  void uploadsALocalVideoThroughTheResumableUploadApiWithTheUserToken() {
    Post post = Post.builder().text("Oven").addMedia(h.localFile("oven.mp4", 5000, true)).build();

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeRequest session = h.fake.requests(FakeFacebook.UPLOAD_SESSION).get(0);
    assertThat(session.path()).isEqualTo("/v25.0/" + FacebookHarness.APP_ID + "/uploads");
    assertThat(session.param("file_length")).contains("5000");
    assertThat(session.param("file_type")).contains("video/mp4");
    assertThat(session.param("access_token")).contains(USER_TOKEN);
    FakeRequest bytes = h.fake.requests(FakeFacebook.UPLOAD_BYTES).get(0);
    assertThat(bytes.header("Authorization")).contains("OAuth " + USER_TOKEN);
    assertThat(bytes.header("file_offset")).contains("0");
    assertThat(bytes.body()).hasSize(5000);
    FakeRequest video = h.fake.requests(FakeFacebook.VIDEOS).get(0);
    assertThat(video.param("fbuploader_video_file_chunk"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("2:"));
    assertThat(video.param("access_token")).contains(PAGE_TOKEN);
    assertThat(h.fake.servedFixtures())
        .contains(
            "facebook-upload-session.json",
            "facebook-upload-handle.json",
            "facebook-video-created.json");
  }

  @Test
  void aScheduledPostIsAcceptedWithoutAPublicUrl() {
    long at = h.clock.now().plus(Duration.ofDays(1)).getEpochSecond();
    Post post =
        Post.builder().text("Tomorrow").option("scheduled_publish_time", Long.toString(at)).build();

    PublishResult result = h.publish(h.publisher(), post, "k");

    assertThat(result)
        .isInstanceOfSatisfying(PublishResult.Published.class, p -> assertThat(p.url()).isEmpty());
    FakeRequest feed = h.fake.requests(FakeFacebook.FEED).get(0);
    assertThat(feed.param("published")).contains("false");
    assertThat(feed.param("scheduled_publish_time")).contains(Long.toString(at));
  }

  @Test
  void missingOrExpiredPageCredentialsAreAuthExpiredWithoutACall() {
    FacebookPublisher publisher = h.publisher();
    h.tokens.put(Target.of(FacebookPublisher.PLATFORM, "777"), Credentials.of("short-page-token").withExpiresAt(h.clock.now().minusSeconds(1)));

    assertThat(publisher.publish(new PublishRequest(Post.text("x"), Target.of("facebook", "999"), "k")))
        .isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(publisher.publish(new PublishRequest(Post.text("x"), Target.of("facebook", "777"), "k")))
        .isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void aRevokedPageTokenIsAuthExpiredAndSoIsAUserTokenInItsPlace() {
    FacebookPublisher publisher = h.publisher();
    h.fake.revokeToken(PAGE_TOKEN);
    assertThat(h.publish(publisher, Post.text("revoked"), "k1"))
        .isInstanceOf(PublishResult.AuthExpired.class);

    h.tokens.put(Target.of(FacebookPublisher.PLATFORM, PAGE), Credentials.of(USER_TOKEN));
    // 200, a permission the token lacks: the remedy is authorising again (with the Page token).
    assertThat(h.publish(publisher, Post.text("user token"), "k2"))
        .isInstanceOfSatisfying(
            PublishResult.AuthExpired.class, a -> assertThat(a.reason()).contains("#200"));
  }
}
