package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.image;
import static dev.herald.platforms.instagram.InstagramHarness.video;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation before any network call; every message names the limit and the value. */
class InstagramValidationTest {

  @TempDir Path dir;
  InstagramHarness h;
  InstagramPublisher publisher;

  @BeforeEach
  void start() {
    h = new InstagramHarness(dir);
    publisher = h.publisher();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void capabilitiesStateTheDocumentedLimits() {
    PlatformCapabilities caps = publisher.capabilities();

    assertThat(caps.maxTextLength()).isEqualTo(2200);
    assertThat(caps.maxHashtags()).isEqualTo(30);
    assertThat(caps.maxMentions()).isEqualTo(20);
    assertThat(caps.minMedia()).isEqualTo(1);
    assertThat(caps.maxMedia()).isEqualTo(10);
    assertThat(caps.mediaKinds()).containsExactlyInAnyOrder(MediaKind.IMAGE, MediaKind.VIDEO);
    assertThat(caps.mimeTypes())
        .containsExactlyInAnyOrder("image/jpeg", "video/mp4", "video/quicktime");
    assertThat(caps.deduplicatesByKey()).isFalse();
  }

  @Test
  void rejectsAnOverLongCaptionCountingTheLink() {
    Post fits = Post.builder().text("x".repeat(2200)).addMedia(image("a.jpg")).build();
    Post withLink =
        Post.builder()
            .text("x".repeat(2180))
            .link(URI.create("https://bakery.example/x"))
            .addMedia(image("a.jpg"))
            .build();

    assertThat(publisher.validate(fits)).isEmpty();
    assertThat(messages(publisher.validate(withLink)))
        .containsExactly("text is 2206 characters; instagram allows at most 2200");
  }

  @Test
  void rejectsTooManyHashtagsAndMentions() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 31; i++) {
      text.append(" #tag").append(i);
    }
    for (int i = 0; i < 21; i++) {
      text.append(" @user").append(i);
    }

    assertThat(
            messages(
                publisher.validate(
                    Post.builder().text(text.toString()).addMedia(image("a.jpg")).build())))
        .containsExactlyInAnyOrder(
            "text has 31 hashtags; instagram allows at most 30",
            "text has 21 mentions; instagram allows at most 20");
  }

  @Test
  void rejectsTooManyMediaAndNoMedia() {
    Post.Builder eleven = Post.builder().text("many");
    for (int i = 0; i < 11; i++) {
      eleven.addMedia(image("p" + i + ".jpg"));
    }

    assertThat(messages(publisher.validate(eleven.build())))
        .containsExactly("post has 11 media attachments; instagram allows at most 10");
    assertThat(messages(publisher.validate(Post.text("words"))))
        .containsExactly("post has 0 media attachments; instagram needs at least 1");
  }

  @Test
  void rejectsAWrongMediaTypeANonHttpsSourceAndLocalImages() {
    Media png = Media.image(URI.create("https://cdn.example/a.png"));
    Media http = Media.image(URI.create("http://cdn.example/a.jpg"));
    Media local = Media.image(dir.resolve("a.jpg").toUri());

    assertThat(messages(publisher.validate(Post.builder().addMedia(png).build())))
        .containsExactly(
            "media[0] has type image/png; instagram accepts image/jpeg, video/mp4,"
                + " video/quicktime");
    assertThat(messages(publisher.validate(Post.builder().addMedia(http).build())))
        .containsExactly(
            "media[0] is http: media; instagram fetches images from a public https: URL");
    assertThat(messages(publisher.validate(Post.builder().addMedia(local).build())))
        .containsExactly(
            "media[0] is file: media; instagram fetches images from a public https: URL");
  }

  @Test
  void acceptsALocalVideoOnlyWithFacebookLogin() {
    Post post = Post.builder().addMedia(h.localVideo("v.mp4")).build();
    InstagramPublisher igLogin =
        InstagramPublisher.builder(InstagramFlavour.INSTAGRAM_LOGIN).tokens(h.tokens).build();

    assertThat(publisher.validate(post)).isEmpty();
    assertThat(messages(igLogin.validate(post)))
        .containsExactly(
            "media[0] is a local video; instagram uploads local videos only with Facebook Login"
                + " (resumable upload), use an https: URL");
  }

  @Test
  void rejectsOverLongAltTextAndBadOptions() {
    Post post =
        Post.builder()
            .addMedia(image("a.jpg").withAltText("d".repeat(1001)))
            .addMedia(video("b.mp4"))
            .option("share_to_feed", "yes")
            .option("thumb_offset", "1.5s")
            .build();

    assertThat(messages(publisher.validate(post)))
        .containsExactlyInAnyOrder(
            "media[0] alt text is 1001 characters; instagram allows at most 1000",
            "share_to_feed is 'yes'; use true or false",
            "thumb_offset is '1.5s'; instagram needs milliseconds as a whole number",
            // a carousel is not a reel: Instagram would drop reel options silently
            "share_to_feed applies to instagram reels only; this post is a carousel",
            "thumb_offset applies to instagram reels only; this post is a carousel");
  }

  @Test
  void publishRejectsAnInvalidPostBeforeAnyNetworkCall() {
    Post tooLong = Post.builder().text("x".repeat(2201)).addMedia(image("a.jpg")).build();
    Post wrongType =
        Post.builder().addMedia(Media.image(URI.create("https://cdn.example/a.gif"))).build();
    Post.Builder tooMany = Post.builder();
    for (int i = 0; i < 12; i++) {
      tooMany.addMedia(image(i + ".jpg"));
    }

    for (Post post : List.of(tooLong, wrongType, tooMany.build())) {
      assertThat(h.publish(publisher, post, "k"))
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class,
              r -> {
                assertThat(r.code()).isEqualTo("invalid_post");
                assertThat(r.reason()).contains("instagram");
              });
    }
    assertThat(((PublishResult.Rejected) h.publish(publisher, tooLong, "k")).reason())
        .contains("text is 2201 characters; instagram allows at most 2200");
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void anUnreadableLocalVideoIsRejectedBeforeAnyCall() {
    Post post = Post.builder().addMedia(Media.video(dir.resolve("missing.mp4").toUri())).build();

    assertThat(h.publish(publisher, post, "k"))
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("media_unreadable"));
    assertThat(h.fake.requests()).isEmpty();
  }

  private static List<String> messages(List<PostViolation> violations) {
    return violations.stream().map(PostViolation::message).toList();
  }
}
