package dev.herald.platforms.facebook;

import static dev.herald.platforms.facebook.FacebookHarness.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
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
class FacebookValidationTest {

  @TempDir Path dir;
  FacebookHarness h;
  FacebookPublisher publisher;

  @BeforeEach
  void start() {
    h = new FacebookHarness(dir);
    publisher = h.publisher();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void capabilitiesStateTheLimits() {
    assertThat(publisher.capabilities().maxTextLength()).isEqualTo(63_206);
    assertThat(publisher.capabilities().minMedia()).isZero();
    assertThat(publisher.capabilities().maxMedia()).isEqualTo(10);
    assertThat(publisher.capabilities().mediaKinds())
        .containsExactlyInAnyOrder(MediaKind.IMAGE, MediaKind.VIDEO);
    assertThat(publisher.capabilities().allowsMixedMedia()).isFalse();
    assertThat(publisher.capabilities().deduplicatesByKey()).isFalse();
  }

  @Test
  void rejectsAnOverLongText() {
    assertThat(publisher.validate(Post.text("x".repeat(63_206)))).isEmpty();
    assertThat(messages(publisher.validate(Post.text("x".repeat(63_207)))))
        .containsExactly("text is 63207 characters; facebook allows at most 63206");
  }

  @Test
  void rejectsTooManyPhotosAndAVideoWithOtherMedia() {
    Post.Builder eleven = Post.builder();
    for (int i = 0; i < 11; i++) {
      eleven.addMedia(image(i + ".jpg"));
    }
    Post videoAndPhoto =
        Post.builder()
            .addMedia(Media.video(URI.create("https://cdn.example/v.mp4")))
            .addMedia(image("a.jpg"))
            .build();

    assertThat(messages(publisher.validate(eleven.build())))
        .containsExactly("post has 11 media attachments; facebook allows at most 10");
    assertThat(messages(publisher.validate(videoAndPhoto)))
        .containsExactlyInAnyOrder(
            "post mixes images and videos; facebook accepts one kind per post",
            "post has a video and 1 other attachments; facebook publishes a video alone");
  }

  @Test
  void rejectsAWrongMediaTypeAndANonHttpsSource() {
    Media bmp = image("scan.jpg").withMimeType("image/bmp");
    Media http = Media.image(URI.create("http://cdn.example/a.jpg"));

    assertThat(messages(publisher.validate(Post.builder().addMedia(bmp).build())))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .startsWith("media[0] has type image/bmp; facebook accepts ")
                    .contains("image/webp"));
    assertThat(messages(publisher.validate(Post.builder().addMedia(http).build())))
        .containsExactly(
            "media[0] is http: media; facebook accepts public https: URLs or local files");
  }

  @Test
  void rejectsALocalPhotoOverFourMegabytes() {
    Media big = h.localFile("big.jpg", 4 * 1024 * 1024 + 1, false);

    assertThat(messages(publisher.validate(Post.builder().addMedia(big).build())))
        .containsExactly(
            "media[0] is 4194305 bytes; facebook accepts photos up to 4194304 bytes (4 MB)");
  }

  @Test
  void aLocalVideoNeedsTheAppId() {
    Post post = Post.builder().addMedia(h.localFile("v.mp4", 100, true)).build();
    FacebookPublisher withoutApp = FacebookPublisher.builder().tokens(h.tokens).build();

    assertThat(publisher.validate(post)).isEmpty();
    assertThat(messages(withoutApp.validate(post)))
        .containsExactly(
            "media[0] is a local video; uploading it needs the app id"
                + " (FacebookPublisher.Builder.appId)");
  }

  @Test
  void rejectsBadSchedulingOptions() {
    Post post =
        Post.builder()
            .text("later")
            .option("scheduled_publish_time", "next tuesday")
            .option("published", "true")
            .build();

    assertThat(messages(publisher.validate(post)))
        .containsExactlyInAnyOrder(
            "scheduled_publish_time is 'next tuesday'; facebook needs Unix seconds or an ISO 8601"
                + " date-time 10 minutes to 30 days ahead",
            "published is 'true' with scheduled_publish_time; facebook needs false");
    assertThat(
            publisher.validate(
                Post.builder()
                    .text("x")
                    .option("scheduled_publish_time", "2026-11-21T10:00:00Z")
                    .build()))
        .isEmpty();
  }

  @Test
  void publishRejectsAnInvalidPostBeforeAnyNetworkCall() {
    Post tooLong = Post.text("x".repeat(63_207));
    Post wrongType = Post.builder().addMedia(image("a.jpg").withMimeType("image/bmp")).build();
    Post.Builder tooMany = Post.builder();
    for (int i = 0; i < 11; i++) {
      tooMany.addMedia(image(i + ".jpg"));
    }

    for (Post post : List.of(tooLong, wrongType, tooMany.build())) {
      assertThat(h.publish(publisher, post, "k"))
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("invalid_post"));
    }
    assertThat(((PublishResult.Rejected) h.publish(publisher, tooLong, "k")).reason())
        .contains("text is 63207 characters; facebook allows at most 63206");
    assertThat(h.fake.requests()).isEmpty();
  }

  private static List<String> messages(List<PostViolation> violations) {
    return violations.stream().map(PostViolation::message).toList();
  }
}
