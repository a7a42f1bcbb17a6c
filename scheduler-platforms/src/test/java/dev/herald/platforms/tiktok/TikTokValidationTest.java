package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.photo;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
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
 * TikTok's limits, checked before any network call, each message naming the limit and the value.
 * Text is counted in UTF-16 code units: an emoji outside the BMP counts 2.
 */
class TikTokValidationTest {

  static final String EMOJI = "\uD83C\uDF5E"; // 🍞, one code point, two UTF-16 units

  @TempDir Path dir;
  TikTokHarness h;
  TikTokPublisher publisher;

  @BeforeEach
  void start() {
    h = new TikTokHarness(dir);
    publisher = h.publisher();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aVideoCaptionIsCountedInUtf16UnitsUpTo2200() {
    Post fits = post(remoteVideo("v.mp4")).text(EMOJI.repeat(1100)).build();
    Post tooLong = post(remoteVideo("v.mp4")).text(EMOJI.repeat(1100) + "!").build();

    assertThat(publisher.validate(fits)).isEmpty();
    assertThat(messages(publisher.validate(tooLong)))
        .containsExactly("text is 2201 UTF-16 units; tiktok allows at most 2200 in a video title");
  }

  @Test
  void theLinkIsPartOfTheCaption() {
    Post post =
        post(remoteVideo("v.mp4"))
            .text("x".repeat(2170))
            .link(URI.create("https://news.example/a/long/path"))
            .build();

    assertThat(messages(publisher.validate(post)))
        .containsExactly("text is 2204 UTF-16 units; tiktok allows at most 2200 in a video title");
  }

  @Test
  void aPhotoTitleAllows90AndItsDescription4000() {
    Post post = post(photo("a.jpg")).title("t".repeat(90) + EMOJI).text("d".repeat(4001)).build();

    assertThat(publisher.validate(post))
        .extracting(PostViolation::field, PostViolation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "title", "title is 92 UTF-16 units; tiktok allows at most 90 in a photo title"),
            org.assertj.core.groups.Tuple.tuple(
                "text",
                "text is 4001 UTF-16 units; tiktok allows at most 4000 in a photo description"));
  }

  @Test
  void aPostCarriesOneVideoOr1To35Photos() {
    Post.Builder many = post();
    for (int i = 0; i < 36; i++) {
      many.addMedia(photo("p" + i + ".jpg"));
    }
    Post twoVideos = post(remoteVideo("a.mp4"), remoteVideo("b.mp4")).build();
    Post mixed = post(remoteVideo("a.mp4"), photo("b.jpg"), photo("c.jpg")).build();

    assertThat(messages(publisher.validate(many.build())))
        .containsExactly("post has 36 photos; tiktok allows at most 35");
    assertThat(messages(publisher.validate(twoVideos)))
        .containsExactly("post has 2 videos; tiktok allows 1 video per post");
    assertThat(messages(publisher.validate(mixed)))
        .containsExactly(
            "post has 1 video(s) and 2 photo(s); tiktok posts are 1 video or 1 to 35 photos, not"
                + " both");
  }

  @Test
  void aTextOnlyPostIsRefusedBecauseTikTokHasNone() {
    Post textOnly = Post.builder().text("Just words").option("privacy_level", "SELF_ONLY").build();

    assertThat(messages(publisher.validate(textOnly)))
        .containsExactly(
            "post has no media; tiktok has no text-only posts, it needs 1 video or 1 to 35"
                + " photos");
  }

  @Test
  void wrongMediaTypesAndSourcesAreRefused() {
    Post png = post(Media.image(URI.create("https://media.example/p.png"))).build();
    Post localPhoto = post(Media.image(h.dir.resolve("p.jpg").toUri())).build();
    Post avi =
        post(Media.video(URI.create("https://media.example/v.mp4")).withMimeType("video/x-msvideo"))
            .build();
    Post ftp =
        post(new Media(MediaKind.VIDEO, URI.create("ftp://media.example/v.mp4"), "video/mp4", ""))
            .build();

    assertThat(messages(publisher.validate(png)))
        .containsExactly(
            "media[0] has type image/png; tiktok photo posts accept image/jpeg, image/webp (no"
                + " PNG)");
    assertThat(messages(publisher.validate(localPhoto)))
        .containsExactly(
            "media[0] is a file: photo; tiktok pulls photos from https: URLs on a verified domain"
                + " (PULL_FROM_URL only)");
    assertThat(messages(publisher.validate(avi)))
        .containsExactly(
            "media[0] has type video/x-msvideo; tiktok accepts video/mp4, video/quicktime,"
                + " video/webm");
    assertThat(messages(publisher.validate(ftp)))
        .containsExactly(
            "media[0] is a ftp: video; tiktok needs an https: URL (PULL_FROM_URL) or a file: URI"
                + " (FILE_UPLOAD)");
  }

  @Test
  void privacyIsRequiredForDirectPostsAndOptionsMustBeValid() {
    Post noPrivacy = Post.builder().addMedia(remoteVideo("v.mp4")).build();
    Post bad =
        Post.builder()
            .addMedia(remoteVideo("v.mp4"))
            .title("A title")
            .option("privacy_level", "FRIENDS")
            .option("disable_comment", "yes")
            .option("video_cover_timestamp_ms", "-5")
            .option("post_mode", "DRAFT")
            .build();
    Post badCover = post(photo("a.jpg"), photo("b.jpg")).option("photo_cover_index", "2").build();

    assertThat(messages(publisher.validate(noPrivacy)))
        .containsExactly(
            "privacy_level is missing; a tiktok direct post needs one of FOLLOWER_OF_CREATOR,"
                + " MUTUAL_FOLLOW_FRIENDS, PUBLIC_TO_EVERYONE, SELF_ONLY, chosen by the creator"
                + " among the options creator_info returns (no default)");
    assertThat(messages(publisher.validate(bad)))
        .containsExactlyInAnyOrder(
            "title is set; tiktok video posts have no separate title, the caption (text) is the"
                + " title",
            "post_mode is 'DRAFT'; tiktok accepts DIRECT_POST or MEDIA_UPLOAD",
            "privacy_level is 'FRIENDS'; tiktok accepts FOLLOWER_OF_CREATOR,"
                + " MUTUAL_FOLLOW_FRIENDS, PUBLIC_TO_EVERYONE, SELF_ONLY",
            "disable_comment is 'yes'; tiktok needs true or false",
            "video_cover_timestamp_ms is '-5'; tiktok needs milliseconds from 0 to 2147483647");
    assertThat(messages(publisher.validate(badCover)))
        .containsExactly("photo_cover_index is '2'; tiktok needs an index from 0 to 1");
  }

  @Test
  void anInboxVideoCarriesNoCaption() {
    Post post =
        Post.builder()
            .addMedia(remoteVideo("v.mp4"))
            .text("caption")
            .option("post_mode", "MEDIA_UPLOAD")
            .build();

    assertThat(messages(publisher.validate(post)))
        .containsExactly(
            "text is set; a tiktok video sent with post_mode MEDIA_UPLOAD carries no caption,"
                + " the creator writes it in the TikTok app");
  }

  @Test
  void publishRefusesAnInvalidPostBeforeAnyNetworkCall() {
    Post.Builder tooMany = post().text("36");
    for (int i = 0; i < 36; i++) {
      tooMany.addMedia(photo("p" + i + ".jpg"));
    }
    List<Post> invalid =
        List.of(
            post(remoteVideo("v.mp4")).text("x".repeat(2201)).build(),
            tooMany.build(),
            post(Media.image(URI.create("https://media.example/p.png"))).build(),
            Post.text("no media"));

    for (Post post : invalid) {
      assertThat(h.publish(publisher, post))
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class,
              r -> {
                assertThat(r.code()).isEqualTo("invalid_post");
                assertThat(r.reason()).startsWith("post is not valid: tiktok: ");
              });
    }
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void publishRefusesMissingOrExpiredCredentialsBeforeAnyNetworkCall() {
    Post post = post(remoteVideo("v.mp4")).build();
    h.clock.advance(Duration.ofHours(3));

    PublishResult expired = h.publish(publisher, post);
    PublishResult unknown = h.publish(publisher, post, "nobody");

    assertThat(expired)
        .isInstanceOfSatisfying(
            PublishResult.AuthExpired.class,
            a -> assertThat(a.reason()).contains("expired at 2026-11-20T14:00:00Z"));
    assertThat(unknown).isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void aLocalVideoThatCannotBeReadIsRejectedBeforeAnyNetworkCall() {
    Post missing = post(Media.video(h.dir.resolve("missing.mp4").toUri())).build();
    Post empty = post(h.videoFile("empty.mp4", 0)).build();

    assertThat(h.publish(publisher, missing))
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("media_unreadable"));
    assertThat(h.publish(publisher, empty))
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.reason()).contains("is empty"));
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void capabilitiesDescribeTikTok() {
    PlatformCapabilities c = publisher.capabilities();

    assertThat(c.platform()).isEqualTo("tiktok");
    assertThat(c.textLength().of(EMOJI)).isEqualTo(2);
    assertThat(c.minMedia()).isEqualTo(1);
    assertThat(c.maxMedia()).isEqualTo(35);
    assertThat(c.allowsMixedMedia()).isFalse();
    assertThat(c.mimeTypes()).doesNotContain("image/png");
    assertThat(c.deduplicatesByKey()).isFalse();
  }

  private static List<String> messages(List<PostViolation> violations) {
    return violations.stream().map(PostViolation::message).toList();
  }
}
