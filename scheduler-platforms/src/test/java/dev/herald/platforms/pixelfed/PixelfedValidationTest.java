package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation happens before any network call and names the limit and the value. */
class PixelfedValidationTest {

  @TempDir Path dir;
  PixelfedHarness h;
  PixelfedPublisher publisher;

  @BeforeEach
  void start() {
    h = new PixelfedHarness(dir);
    publisher = h.publisher();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void rejectsAnOverLongCaptionCountedInCodePointsWithUrlsAtFullLength() {
    String url = "https://news.example/" + "a".repeat(79);
    Post fits = h.photo("x".repeat(399) + " " + url);
    Post tooLong = h.photo("x".repeat(400) + " " + url);

    assertThat(publisher.validate(fits)).isEmpty();
    assertThat(messages(publisher.validate(tooLong)))
        .containsExactly("text is 501 characters; pixelfed allows at most 500");
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void refusesABooleanOptionItCannotReadAndSensitiveFalseWithAContentWarning() {
    Post unreadable = h.photo("x").toBuilder().option("comments_disabled", "maybe").build();
    Post dropped =
        h.photo("x").toBuilder().option("spoiler_text", "cw").option("sensitive", "no").build();

    assertThat(messages(publisher.validate(unreadable)))
        .containsExactly(
            "comments_disabled is 'maybe'; use true or false (also 1/0, yes/no, on/off)");
    assertThat(publisher.validate(dropped))
        .singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("sensitive"));
    assertThat(publisher.validate(h.photo("x").toBuilder().option("spoiler_text", "cw").build()))
        .isEmpty();
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void countsCodePointsTheWayLaravelsMaxRuleDoes() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

    assertThat(PixelfedLimits.DEFAULTS.textLength().of(family)).isEqualTo(5);
    assertThat(PixelfedLimits.DEFAULTS.textLength().of("\u00e9t\u00e9")).isEqualTo(3);
  }

  @Test
  void countsTheLinkInTheCaption() {
    Post post =
        h.photo("x".repeat(480)).toBuilder()
            .link(URI.create("https://news.example/article"))
            .build();

    assertThat(messages(publisher.validate(post)))
        .containsExactly("text is 510 characters; pixelfed allows at most 500");
  }

  @Test
  void rejectsTooManyMedia() {
    Post.Builder post = Post.builder().text("five");
    for (int i = 0; i < 5; i++) {
      post.addMedia(h.image("p" + i + ".jpg"));
    }

    assertThat(messages(publisher.validate(post.build())))
        .containsExactly("post has 5 media attachments; pixelfed allows at most 4");
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void rejectsAWrongMediaTypeAndAVideoTheInstanceDoesNotAccept() {
    Media webp = h.image("scan.webp");
    Media video = h.video("clip.mp4");

    List<PostViolation> violations =
        publisher.validate(Post.builder().addMedia(webp).addMedia(video).build());

    assertThat(violations)
        .extracting(PostViolation::field, PostViolation::message)
        .containsExactly(
            tuple(
                "media[0]",
                "media[0] has type image/webp; pixelfed accepts image/gif, image/jpeg,"
                    + " image/png"),
            tuple("media[1]", "media[1] is a video; pixelfed accepts only images"));
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void requiresMediaUnlessThePostIsAReply() {
    assertThat(messages(publisher.validate(Post.text("just words"))))
        .containsExactly("post has 0 media attachments; pixelfed needs at least 1");
    assertThat(
            publisher.validate(
                Post.builder()
                    .text("a reply")
                    .option("in_reply_to_id", "740219901587722241")
                    .build()))
        .isEmpty();
  }

  @Test
  void rejectsPixelfedSpecificMistakes() {
    Post post =
        Post.builder()
            .text("hi")
            .addMedia(h.image("a.jpg").withAltText("d".repeat(1001)))
            .addMedia(Media.image(URI.create("https://cdn.example/p.jpg")))
            .option("spoiler_text", "s".repeat(141))
            .option("visibility", "direct")
            .option("scheduled_at", "2026-11-21T08:00:00Z")
            .build();

    assertThat(messages(publisher.validate(post)))
        .containsExactlyInAnyOrder(
            "spoiler_text is 141 characters; pixelfed allows at most 140",
            "media[0] alt text is 1001 characters; pixelfed allows at most 1000",
            "media[1] is https: media; pixelfed uploads local files only, use a file: URI",
            "visibility is 'direct'; pixelfed accepts private, public, unlisted",
            "scheduled_at is set; pixelfed cannot schedule statuses and would publish at once,"
                + " let Herald schedule the post instead");
  }

  @Test
  void publishRejectsAnInvalidPostBeforeAnyRequest() {
    PixelfedPublisher pinned = h.publisher(b -> b.limits(PixelfedLimits.DEFAULTS));

    PublishResult tooLong = h.publish(pinned, h.photo("x".repeat(501)), "k1");
    PublishResult textOnly = h.publish(pinned, Post.text("no photo"), "k2");

    assertThat(tooLong)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("invalid_post");
              assertThat(r.reason())
                  .contains("text is 501 characters; pixelfed allows at most 500");
            });
    assertThat(textOnly)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            r -> assertThat(r.reason()).contains("pixelfed needs at least 1"));
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void publishWithDiscoveredLimitsOnlyReadsTheInstanceBeforeRejecting() {
    PublishResult result = h.publish(publisher, h.photo("x".repeat(501)), "k");

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(h.fake.requests())
        .extracting(Object::toString)
        .containsExactly("GET /api/v2/instance");
  }

  @Test
  void rejectsAFileOverTheInstanceSizeLimitBeforeUploading() {
    PixelfedLimits small = new PixelfedLimits(500, 4, Set.of("image/jpeg"), 1000);
    Post post = Post.builder().addMedia(h.image("big.jpg")).build();

    PublishResult result = h.publish(h.publisher(b -> b.limits(small)), post, "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("media_too_large");
              assertThat(r.reason()).contains("2048 bytes; the instance allows at most 1000");
            });
    assertThat(h.fake.requests()).isEmpty();
  }

  private static List<String> messages(List<PostViolation> violations) {
    return violations.stream().map(PostViolation::message).toList();
  }
}
