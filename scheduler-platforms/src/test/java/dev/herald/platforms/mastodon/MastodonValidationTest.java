package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.publish.Media;
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

class MastodonValidationTest {

  static final String URL = "https://news.example/" + "a".repeat(120);

  @TempDir Path dir;
  MastodonHarness h;
  MastodonPublisher publisher;

  @BeforeEach
  void start() {
    h = new MastodonHarness(dir);
    publisher = h.publisher();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void countsEveryUrlAs23CharactersAndRejectsAnOverLongText() {
    Post fits = Post.text("x".repeat(476) + " " + URL);
    Post tooLong = Post.text("x".repeat(477) + " " + URL);

    assertThat(publisher.validate(fits)).isEmpty();
    assertThat(messages(publisher.validate(tooLong)))
        .containsExactly("text is 501 characters; mastodon allows at most 500");
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void countsGraphemesAndRemoteMentionsTheMastodonWay() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    MastodonLimits limits = MastodonLimits.DEFAULTS;

    assertThat(limits.textLength().of(family)).isEqualTo(1);
    assertThat(limits.textLength().of("@alice@mastodon.example hi"))
        .isEqualTo("@alice hi".length());
    assertThat(limits.textLength().of("see " + URL)).isEqualTo(4 + 23);
  }

  @Test
  void countsTheSpoilerTextTowardTheLimit() {
    Post post = Post.builder().text("x".repeat(450)).option("spoiler_text", "y".repeat(60)).build();

    assertThat(messages(publisher.validate(post)))
        .containsExactly("text is 510 characters; mastodon allows at most 500");
  }

  @Test
  void rejectsTooManyMedia() {
    Post.Builder post = Post.builder().text("five");
    for (int i = 0; i < 5; i++) {
      post.addMedia(h.image("p" + i + ".jpg"));
    }

    assertThat(messages(publisher.validate(post.build())))
        .containsExactly("post has 5 media attachments; mastodon allows at most 4");
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void rejectsAnUnsupportedMediaType() {
    Media bmp = h.image("scan.jpg").withMimeType("image/bmp");

    List<PostViolation> violations = publisher.validate(Post.builder().addMedia(bmp).build());

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("media[0]");
              assertThat(v.message())
                  .startsWith("media[0] has type image/bmp; mastodon accepts ")
                  .contains("image/jpeg");
            });
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void rejectsAVideoCombinedWithOtherMediaAndRemoteMedia() {
    Post mixed = Post.builder().addMedia(h.video("v.mp4")).addMedia(h.video("w.mp4")).build();
    Post remote =
        Post.builder().addMedia(Media.image(URI.create("https://cdn.example/p.jpg"))).build();

    assertThat(messages(publisher.validate(mixed)))
        .containsExactly(
            "post has a video and 1 other attachments; mastodon allows a video only as the sole"
                + " attachment");
    assertThat(messages(publisher.validate(remote)))
        .containsExactly(
            "media[0] is https: media; mastodon uploads local files only, use a file: URI");
  }

  @Test
  void rejectsBadOptionsAndOverLongAltText() {
    Post post =
        Post.builder()
            .text("hi")
            .addMedia(h.image("a.jpg").withAltText("d".repeat(1501)))
            .option("visibility", "local")
            .option("scheduled_at", "tomorrow")
            .build();

    assertThat(messages(publisher.validate(post)))
        .containsExactlyInAnyOrder(
            "media[0] alt text is 1501 characters; mastodon allows at most 1500",
            "visibility is 'local'; mastodon accepts direct, private, public, unlisted",
            "scheduled_at is 'tomorrow'; mastodon needs an RFC 3339 date-time such as"
                + " 2026-11-20T13:00:00Z");
  }

  @Test
  void publishRejectsAnInvalidPostBeforeUploadingOrPosting() {
    Post tooLong = Post.builder().text("x".repeat(501)).addMedia(h.image("a.jpg")).build();

    PublishResult result = h.publish(publisher, tooLong, "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("invalid_post");
              assertThat(r.reason())
                  .contains("text is 501 characters; mastodon allows at most 500");
            });
    assertThat(h.fake.requests())
        .extracting(Object::toString)
        .containsExactly("GET /api/v2/instance");
  }

  private static List<String> messages(List<PostViolation> violations) {
    return violations.stream().map(PostViolation::message).toList();
  }
}
