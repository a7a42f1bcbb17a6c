package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.ACCOUNT;
import static dev.herald.platforms.instagram.InstagramHarness.TOKEN;
import static dev.herald.platforms.instagram.InstagramHarness.image;
import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static dev.herald.platforms.instagram.InstagramHarness.video;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the fake: a single image, a carousel, a reel, a local video, both hosts. */
class InstagramPublishTest {

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
  void aTextOnlyPostIsRejectedBeforeAnyCallBecauseInstagramHasNoTextPosts() {
    // Instagram publishes containers of media; a caption alone is not a post, so the
    // end-to-end "text post" of the other platforms is a validation failure here.
    PublishResult result = h.publish(h.publisher(), Post.text("Just words"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("invalid_post");
              assertThat(r.reason())
                  .contains("post has 0 media attachments; instagram needs at least 1");
            });
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void publishesOneImageAndReturnsTheMediaIdAndPermalink() {
    Post post =
        Post.builder()
            .text("Fresh bread #bakery")
            .addMedia(image("bread.jpg"))
            .option("location_id", "123")
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k1");

    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Published.class,
            p -> {
              assertThat(p.remoteId()).isEqualTo(entry.remoteId());
              assertThat(p.url()).isEqualTo(entry.url());
              assertThat(p.url().orElseThrow().toString()).startsWith(h.fake.baseUri() + "/p/");
            });
    assertThat(entry.account()).isEqualTo(ACCOUNT);
    assertThat(entry.text()).isEqualTo("Fresh bread #bakery");
    assertThat(h.fake.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "GET /v25.0/" + ACCOUNT + "/content_publishing_limit",
            "POST /v25.0/" + ACCOUNT + "/media",
            "GET /v25.0/17889455560051444",
            "GET /v25.0/17889455560051444",
            "POST /v25.0/" + ACCOUNT + "/media_publish",
            "GET /v25.0/" + entry.remoteId());
    FakeRequest create = h.fake.requests(FakeInstagram.CREATE).get(0);
    assertThat(create.param("image_url")).contains("https://cdn.example/img/bread.jpg");
    assertThat(create.param("caption")).contains("Fresh bread #bakery");
    assertThat(create.param("alt_text")).contains("alt bread.jpg");
    assertThat(create.param("location_id")).contains("123");
    assertThat(create.param("access_token")).contains(TOKEN);
    assertThat(create.param("media_type")).isEmpty();
    assertThat(h.fake.requests(FakeInstagram.PUBLISH).get(0).param("creation_id"))
        .contains("17889455560051444");
    assertThat(h.fake.prematurePublishes()).isZero();
  }

  @Test
  void publishesACarouselOfImagesAndAVideo() {
    Post post =
        Post.builder()
            .text("Three angles")
            .addMedia(image("a.jpg"))
            .addMedia(image("b.jpg"))
            .addMedia(video("c.mp4"))
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k2");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    List<FakeRequest> creates = h.fake.requests(FakeInstagram.CREATE);
    assertThat(creates).hasSize(4);
    assertThat(creates.subList(0, 3))
        .allSatisfy(
            c -> {
              assertThat(c.param("is_carousel_item")).contains("true");
              assertThat(c.param("caption")).isEmpty();
            });
    assertThat(creates.get(2).param("media_type")).contains("VIDEO");
    assertThat(creates.get(2).param("video_url")).contains("https://cdn.example/video/c.mp4");
    FakeRequest parent = creates.get(3);
    assertThat(parent.param("media_type")).contains("CAROUSEL");
    assertThat(parent.param("caption")).contains("Three angles");
    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(parent.param("children")).contains(String.join(",", entry.mediaIds()));
    assertThat(entry.mediaIds()).hasSize(3);
    assertThat(((PublishResult.Published) result).remoteId()).isEqualTo(entry.remoteId());
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.fake.prematurePublishes()).isZero();
  }

  @Test
  void publishesAVideoAsAReelAfterItsLongerProcessing() {
    Post post =
        Post.builder()
            .text("Watch")
            .addMedia(video("clip.mp4"))
            .option("share_to_feed", "true")
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k3");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeRequest create = h.fake.requests(FakeInstagram.CREATE).get(0);
    assertThat(create.param("media_type")).contains("REELS");
    assertThat(create.param("share_to_feed")).contains("true");
    assertThat(create.param("alt_text")).isEmpty();
    assertThat(h.fake.requests(FakeInstagram.NODE)).hasSize(4 + 1);
  }

  @Test
  void uploadsALocalVideoThroughTheResumableSessionOnTheConfiguredUploadHost() {
    Post post = Post.builder().text("Local reel").addMedia(h.localVideo("reel.mp4")).build();

    PublishResult result = h.publish(h.publisher(), post, "k4");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeRequest create = h.fake.requests(FakeInstagram.CREATE).get(0);
    assertThat(create.param("upload_type")).contains("resumable");
    assertThat(create.param("video_url")).isEmpty();
    FakeRequest upload = h.fake.requests(FakeInstagram.UPLOAD).get(0);
    assertThat(upload.path()).isEqualTo("/ig-api-upload/v25.0/17889455560051444");
    assertThat(upload.header("Authorization")).contains("OAuth " + TOKEN);
    assertThat(upload.header("file_size")).contains("4096");
    assertThat(upload.header("offset")).contains("0");
    assertThat(h.fake.servedFixtures())
        .contains("instagram-container-created-resumable.json", "instagram-rupload-success.json");
  }

  @Test
  void aCarouselMayMixAnImageAndALocalVideoUploadedAsAResumableChild() {
    Post post =
        Post.builder()
            .text("Mixed")
            .addMedia(image("a.jpg"))
            .addMedia(h.localVideo("child.mp4"))
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k6");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeRequest child = h.fake.requests(FakeInstagram.CREATE).get(1);
    assertThat(child.param("media_type")).contains("VIDEO");
    assertThat(child.param("upload_type")).contains("resumable");
    assertThat(child.param("is_carousel_item")).contains("true");
    assertThat(h.fake.requests(FakeInstagram.UPLOAD))
        .singleElement()
        .satisfies(u -> assertThat(u.path()).endsWith("/17889455560051445"));
    assertThat(h.fake.prematurePublishes()).isZero();
  }

  @Test
  void worksAgainstTheInstagramLoginHostAndAPinnedVersion() {
    InstagramPublisher publisher =
        InstagramPublisher.builder(InstagramFlavour.INSTAGRAM_LOGIN)
            .graphBaseUri(h.fake.baseUri())
            .graphVersion("v26.0")
            .tokens(h.tokens)
            .clock(h.clock)
            .sleeper(h.clock::advance)
            .containerPolling(InstagramHarness.POLL, 5)
            .build();

    PublishResult result = h.publish(publisher, imagePost("Via Instagram Login"), "k5");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/v26.0/"));
    assertThat(publisher.flavour()).isEqualTo(InstagramFlavour.INSTAGRAM_LOGIN);
    assertThat(InstagramFlavour.INSTAGRAM_LOGIN.defaultGraphBaseUri())
        .isEqualTo(URI.create("https://graph.instagram.com"));
  }

  @Test
  void missingOrExpiredCredentialsAreAuthExpiredWithoutACall() {
    InstagramPublisher publisher = h.publisher();
    h.tokens.put(Target.of(InstagramPublisher.PLATFORM, "expired"), Credentials.of("old-token").withExpiresAt(h.clock.now().minusSeconds(1)));

    PublishResult none = publisher.publish(new PublishRequest(imagePost("x"), Target.of("instagram", "nobody"), "k"));
    PublishResult expired = publisher.publish(new PublishRequest(imagePost("x"), Target.of("instagram", "expired"), "k"));

    assertThat(none).isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(expired).isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(h.fake.requests()).isEmpty();
  }
}
