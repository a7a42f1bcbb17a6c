package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.image;
import static dev.herald.platforms.instagram.InstagramHarness.video;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reels ({@code media_type=REELS}) end to end through the fake, and the limits of the kind: one
 * video of 3 s–15 min, the reel-only options, cover_url as a JPEG (IG User Media reference).
 */
class InstagramReelsTest {

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
  void publishesAReelWithItsCoverAudioNameAndFeedChoice() {
    Post reel =
        Post.builder()
            .text("Proofing in 30 seconds")
            .addMedia(video("proof.mp4"))
            .option("media_type", "REELS")
            .option("share_to_feed", "false")
            .option("cover_url", "https://cdn.example/img/cover.jpg")
            .option("audio_name", "Kitchen sounds")
            .build();

    PublishResult result = h.publish(h.publisher(), reel, "reel-1");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeRequest create = h.fake.requests(FakeInstagram.CREATE).get(0);
    assertThat(create.param("media_type")).contains("REELS");
    assertThat(create.param("video_url")).contains("https://cdn.example/video/proof.mp4");
    assertThat(create.param("share_to_feed")).contains("false");
    assertThat(create.param("cover_url")).contains("https://cdn.example/img/cover.jpg");
    assertThat(create.param("audio_name")).contains("Kitchen sounds");
    assertThat(create.param("caption")).contains("Proofing in 30 seconds");
    assertThat(h.fake.ledger().entries())
        .singleElement()
        .satisfies(e -> assertThat(e.text()).isEqualTo("Proofing in 30 seconds"));
    assertThat(h.fake.prematurePublishes()).isZero();
  }

  @Test
  void theVideosThumbnailIsTheReelsCover() {
    Post reel = Post.builder().text("Proofing")
        .addMedia(video("proof.mp4").withThumbnail(URI.create("https://cdn.example/img/c.jpg")))
        .build();

    assertThat(h.publish(h.publisher(), reel, "reel-cover"))
        .isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.requests(FakeInstagram.CREATE).get(0).param("cover_url"))
        .contains("https://cdn.example/img/c.jpg");
  }

  @Test
  void validationKnowsTheCoverAsAThumbnail() {
    InstagramPublisher p = h.publisher();
    Post local = Post.builder()
        .addMedia(video("a.mp4").withThumbnail(URI.create("file:///tmp/cover.jpg"))).build();
    Post twice = Post.builder()
        .addMedia(video("a.mp4").withThumbnail(URI.create("https://cdn.example/c.jpg")))
        .option("cover_url", "https://cdn.example/c.jpg")
        .build();

    assertThat(messages(p.validate(local))).containsExactly("media[0].thumbnail is"
        + " 'file:///tmp/cover.jpg'; instagram fetches the reel cover from a public https: URL of"
        + " a JPEG image");
    assertThat(messages(p.validate(twice)))
        .containsExactly("media[0] has a thumbnail and option cover_url; set the reel cover once");
  }

  @Test
  void aReelLongerThanFifteenMinutesIsRefusedByInstagramAndRejected() {
    h.fake.videoDuration("https://cdn.example/video/long.mp4", Duration.ofMinutes(15).plusSeconds(1));
    Post reel =
        Post.builder().text("Too long").addMedia(video("long.mp4")).option("media_type", "REELS").build();

    PublishResult result = h.publish(h.publisher(), reel, "reel-2");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("ERROR/2207026"));
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aReelShorterThanThreeSecondsIsRefusedToo() {
    h.fake.videoDuration("https://cdn.example/video/blink.mp4", Duration.ofMillis(2900));

    PublishResult result =
        h.publish(h.publisher(), Post.builder().text("Blink").addMedia(video("blink.mp4")).build(), "reel-3");

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void validationKnowsTheReelLimits() {
    InstagramPublisher p = h.publisher();
    Post imageReel = Post.builder().addMedia(image("a.jpg")).option("media_type", "REELS").build();
    Post twoVideos =
        Post.builder()
            .addMedia(video("a.mp4"))
            .addMedia(video("b.mp4"))
            .option("media_type", "reels")
            .build();
    Post pngCover =
        Post.builder()
            .addMedia(video("a.mp4"))
            .option("cover_url", "https://cdn.example/cover.png")
            .option("thumb_offset", "1500")
            .build();
    Post reelOptionsOnAnImage =
        Post.builder().addMedia(image("a.jpg")).option("share_to_feed", "true").build();
    Post unknownKind = Post.builder().addMedia(image("a.jpg")).option("media_type", "FEED").build();

    assertThat(messages(p.validate(imageReel)))
        .containsExactly("media[0] is an image; an instagram reel is a video");
    assertThat(messages(p.validate(twoVideos)))
        .containsExactly("post has 2 media attachments; an instagram reel has exactly one");
    assertThat(messages(p.validate(pngCover)))
        .containsExactlyInAnyOrder(
            "cover_url is 'https://cdn.example/cover.png'; instagram fetches the reel cover from a"
                + " public https: URL of a JPEG image",
            "cover_url and thumb_offset are both set; instagram uses cover_url and ignores"
                + " thumb_offset, set one");
    assertThat(messages(p.validate(reelOptionsOnAnImage)))
        .containsExactly("share_to_feed applies to instagram reels only; this post is an image post");
    assertThat(messages(p.validate(unknownKind)))
        .containsExactly(
            "media_type is 'FEED'; use REELS or STORIES, or leave it out for a feed post");
    assertThat(p.validate(Post.builder().addMedia(video("a.mp4")).option("thumb_offset", "1500").build()))
        .isEmpty();
  }

  private static List<String> messages(List<PostViolation> violations) {
    return violations.stream().map(PostViolation::message).toList();
  }
}
