package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.PublishResult.Published;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polls, media focus and thumbnails, and language, end to end through FakeMastodon. */
class MastodonFeaturesTest {

  @TempDir Path dir;
  MastodonHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private Post.Builder poll(String options) {
    return Post.builder()
        .text("Which lane next?")
        .option("poll[options][]", options)
        .option("poll[expires_in]", "86400");
  }

  @Test
  void publishesAPollThroughTheFake() {
    h = new MastodonHarness(dir);
    Post post = poll("Main Street\n  Harbour Road  \n\nStation Square")
        .option("poll[multiple]", "true")
        .option("poll[hide_totals]", "true")
        .build();

    Published published = published(h.publish(h.publisher(), post, "k-poll"));

    JsonNode poll = status(published).path("poll");
    assertThat(poll.path("options").findValuesAsText("title"))
        .containsExactly("Main Street", "Harbour Road", "Station Square");
    assertThat(poll.path("multiple").asBoolean()).isTrue();
    assertThat(poll.path("options").get(0).path("votes_count").isNull()).isTrue();
    assertThat(poll.path("expires_at").asText())
        .isEqualTo(h.clock.instant().plus(Duration.ofDays(1)).toString());
  }

  @Test
  void validatesPollsAgainstTheInstancesLimits() {
    h = new MastodonHarness(dir,
        b -> b.pollLimits(3, 10, Duration.ofMinutes(10),
            Duration.ofDays(7)));
    MastodonPublisher publisher = h.publisher();
    publisher.refreshLimits();

    assertThat(fields(publisher.validate(poll("a\nb\nc\nd").build())))
        .containsExactly("poll[options][]");
    assertThat(fields(publisher.validate(poll("a\nan option too long").build())))
        .containsExactly("poll[options][]");
    assertThat(fields(publisher.validate(poll("same\nsame").build())))
        .containsExactly("poll[options][]");
    assertThat(fields(publisher.validate(poll("only one").build())))
        .containsExactly("poll[options][]");
    assertThat(fields(publisher.validate(
        poll("a\nb").option("poll[expires_in]", "300").build())))
        .containsExactly("poll[expires_in]");
    assertThat(fields(publisher.validate(
        poll("a\nb").option("poll[expires_in]", "1 day").build())))
        .containsExactly("poll[expires_in]");
    assertThat(fields(publisher.validate(Post.builder().text("x")
        .option("poll[options][]", "a\nb").build())))
        .containsExactly("poll[expires_in]");
    assertThat(fields(publisher.validate(poll("a\nb").option("poll[multiple]", "yes").build())))
        .containsExactly("poll[multiple]");
    assertThat(fields(publisher.validate(Post.builder().text("x")
        .option("poll[expires_in]", "600").build())))
        .containsExactly("poll[expires_in]");
    assertThat(publisher.validate(poll("a\nb\nc").build())).isEmpty();
  }

  @Test
  void refusesAPollWithMediaAsTheServerDoes() {
    h = new MastodonHarness(dir);
    Post post = poll("a\nb").addMedia(h.image("bike.jpg")).build();

    assertThat(fields(h.publisher().validate(post))).containsExactly("poll[options][]");
    assertThat(h.publish(h.publisher(), post, "k-poll-media"))
        .isInstanceOf(PublishResult.Rejected.class);
    assertThat(h.fake.requests(FakeMastodon.UPLOAD)).isEmpty();
  }

  @Test
  void theFakeRefusesAnInvalidPollAsMastodonDoes() {
    h = new MastodonHarness(dir);
    MastodonPublisher lenient = h.publisher(b -> b.limits(new MastodonLimits(500, 4, 23,
        MastodonLimits.DEFAULTS.supportedMimeTypes(), 1500,
        new MastodonPollLimits(10, 50, Duration.ZERO, Duration.ofDays(365)))));

    PublishResult tooMany = h.publish(lenient, poll("a\nb\nc\nd\ne").build(), "k-5");
    PublishResult tooSoon =
        h.publish(lenient, poll("a\nb").option("poll[expires_in]", "60").build(), "k-60");

    assertThat(tooMany).isInstanceOf(PublishResult.Rejected.class);
    assertThat(tooSoon).isInstanceOf(PublishResult.Rejected.class);
    assertThat(h.fake.ledger().entries()).isEmpty();
  }

  @Test
  void uploadsTheFocusPointThroughTheFake() {
    h = new MastodonHarness(dir);
    Post post = Post.builder().text("Harbour at dusk")
        .addMedia(h.image("harbour.jpg"))
        .addMedia(h.image("pier.jpg"))
        .option("media[1].focus", "-0.5,0.25")
        .build();

    Published published = published(h.publish(h.publisher(), post, "k-focus"));

    JsonNode attachments = status(published).path("media_attachments");
    assertThat(attachments.get(0).path("meta").has("focus")).isFalse();
    assertThat(attachments.get(1).path("meta").path("focus").path("x").asDouble())
        .isEqualTo(-0.5);
    assertThat(attachments.get(1).path("meta").path("focus").path("y").asDouble())
        .isEqualTo(0.25);
  }

  @Test
  void refusesAFocusPointMastodonWouldStoreOrMisread() {
    h = new MastodonHarness(dir);
    for (String focus : List.of("1.5,0", "left", "0.1", "0,0,0", "0;0")) {
      Post post = Post.builder().text("x").addMedia(h.image("a.jpg"))
          .option("media[0].focus", focus).build();
      assertThat(fields(h.publisher().validate(post))).as(focus)
          .containsExactly("media[0].focus");
    }
    Post outOfRange = Post.builder().text("x").addMedia(h.image("a.jpg"))
        .option("media[1].focus", "0,0").build();
    assertThat(fields(h.publisher().validate(outOfRange))).containsExactly("media[1].focus");
  }

  @Test
  void uploadsAVideoThumbnailThroughTheFake() {
    h = new MastodonHarness(dir);
    String thumbnail = h.image("poster.png").source().toString();
    Post post = Post.builder().text("Ride along")
        .addMedia(h.video("ride.mp4"))
        .option("media[0].thumbnail", thumbnail)
        .build();

    Published published = published(h.publish(h.publisher(), post, "k-thumb"));

    assertThat(h.fake.requests(FakeMastodon.UPLOAD).get(0).file("thumbnail").orElseThrow()
        .contentType()).isEqualTo("image/png");
    String id = status(published).path("media_attachments").get(0).path("id").asText();
    assertThat(status(published).path("media_attachments").get(0).path("preview_url").asText())
        .endsWith("/system/media_attachments/" + id + "/thumbnail");
  }

  @Test
  void usesTheFocusAndThumbnailSetOnTheMedia() {
    h = new MastodonHarness(dir);
    Post photo = Post.builder().text("Harbour")
        .addMedia(h.image("harbour.jpg").withFocus(0.0001, -1)).build();
    Post ride = Post.builder().text("Ride along")
        .addMedia(h.video("ride.mp4").withThumbnail(h.image("poster.png").source())).build();

    Published published = published(h.publish(h.publisher(), photo, "k-focus-field"));
    published(h.publish(h.publisher(), ride, "k-thumbnail-field"));

    assertThat(h.fake.requests(FakeMastodon.UPLOAD).get(0).param("focus"))
        .contains("0.0001,-1");
    assertThat(status(published).path("media_attachments").get(0).path("meta").path("focus")
        .path("x").asDouble()).isEqualTo(0.0001);
    assertThat(h.fake.requests(FakeMastodon.UPLOAD).get(1).file("thumbnail").orElseThrow()
        .contentType()).isEqualTo("image/png");
  }

  @Test
  void refusesAFocusOrThumbnailSetBothOnTheMediaAndAsAnOption() {
    h = new MastodonHarness(dir);
    Post post = Post.builder().text("x")
        .addMedia(h.video("v.mp4").withFocus(0, 0)
            .withThumbnail(URI.create("https://example.com/poster.png")))
        .option("media[0].focus", "0,0")
        .build();

    assertThat(fields(h.publisher().validate(post)))
        .containsExactlyInAnyOrder("media[0].focus", "media[0].thumbnail");
  }

  @Test
  void refusesAThumbnailOnAnImageOrOfTheWrongKind() {
    h = new MastodonHarness(dir);
    String png = h.image("poster.png").source().toString();
    Post onImage = Post.builder().text("x").addMedia(h.image("a.jpg"))
        .option("media[0].thumbnail", png).build();
    Post video = Post.builder().text("x").addMedia(h.video("v.mp4"))
        .option("media[0].thumbnail", h.video("other.mp4").source().toString()).build();
    Post remote = Post.builder().text("x").addMedia(h.video("v.mp4"))
        .option("media[0].thumbnail", "https://example.com/poster.png").build();

    assertThat(fields(h.publisher().validate(onImage))).containsExactly("media[0].thumbnail");
    assertThat(fields(h.publisher().validate(video))).containsExactly("media[0].thumbnail");
    assertThat(fields(h.publisher().validate(remote))).containsExactly("media[0].thumbnail");
  }

  @Test
  void passesALanguageAndRefusesOneMastodonWouldReplace() {
    h = new MastodonHarness(dir);
    Post german = Post.builder().text("Neue Radwege").option("language", "de").build();
    Post regional = Post.builder().text("Novas ciclovias").option("language", "pt-BR").build();

    assertThat(status(published(h.publish(h.publisher(), german, "k-de")))
        .path("language").asText()).isEqualTo("de");
    assertThat(status(published(h.publish(h.publisher(), regional, "k-pt")))
        .path("language").asText()).isEqualTo("pt");
    for (String bad : List.of("german", "xx", "EN", "")) {
      Post post = Post.builder().text("x").option("language", bad).build();
      assertThat(fields(h.publisher().validate(post))).as(bad).containsExactly("language");
    }
  }

  private Published published(PublishResult result) {
    assertThat(result).isInstanceOf(Published.class);
    return (Published) result;
  }

  private JsonNode status(Published published) {
    return Json.parse(h.fake.statusJson(published.remoteId()).orElseThrow()
        .getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> fields(List<PostViolation> violations) {
    return violations.stream().map(PostViolation::field).toList();
  }
}
