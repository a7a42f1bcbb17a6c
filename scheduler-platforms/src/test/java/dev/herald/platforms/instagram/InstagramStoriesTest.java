package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.image;
import static dev.herald.platforms.instagram.InstagramHarness.video;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
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

/**
 * Stories ({@code media_type=STORIES}) end to end through the fake, their limits, and how a story
 * is reconciled: from {@code /{ig-user-id}/stories}, not {@code /media}, where it never appears.
 */
class InstagramStoriesTest {

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

  static Post story(Media media) {
    return Post.builder().addMedia(media).option("media_type", "STORIES").build();
  }

  static Media plainImage(String name) {
    return Media.image(URI.create("https://cdn.example/img/" + name));
  }

  @Test
  void publishesAnImageStoryWithoutCaptionAndItIsListedAsAStoryOnly() {
    PublishResult result = h.publish(h.publisher(), story(plainImage("today.jpg")), "story-1");

    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Published.class,
            p -> assertThat(p.remoteId()).isEqualTo(entry.remoteId()));
    FakeRequest create = h.fake.requests(FakeInstagram.CREATE).get(0);
    assertThat(create.param("media_type")).contains("STORIES");
    assertThat(create.param("image_url")).contains("https://cdn.example/img/today.jpg");
    assertThat(create.param("caption")).isEmpty();
    assertThat(create.param("alt_text")).isEmpty();
    assertThat(entry.text()).isEmpty();
    assertThat(h.fake.prematurePublishes()).isZero();
  }

  @Test
  void publishesAVideoStoryAfterItsProcessing() {
    PublishResult result = h.publish(h.publisher(), story(video("clip.mp4")), "story-2");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeRequest create = h.fake.requests(FakeInstagram.CREATE).get(0);
    assertThat(create.param("media_type")).contains("STORIES");
    assertThat(create.param("video_url")).contains("https://cdn.example/video/clip.mp4");
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aStoryVideoLongerThanSixtySecondsIsRefusedByInstagramAndRejected() {
    h.fake.videoDuration("https://cdn.example/video/long.mp4", Duration.ofSeconds(61));

    PublishResult result = h.publish(h.publisher(), story(video("long.mp4")), "story-3");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("ERROR/2207026"));
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void validationKnowsTheStoryLimits() {
    InstagramPublisher p = h.publisher();
    Post withText =
        Post.builder()
            .text("Fresh today")
            .addMedia(plainImage("a.jpg"))
            .option("media_type", "STORIES")
            .build();
    Post twoMedia =
        Post.builder()
            .addMedia(plainImage("a.jpg"))
            .addMedia(plainImage("b.jpg"))
            .option("media_type", "STORIES")
            .build();
    Post withAltAndOptions =
        Post.builder()
            .addMedia(image("a.jpg"))
            .option("media_type", "STORIES")
            .option("location_id", "123")
            .option("share_to_feed", "true")
            .build();

    assertThat(messages(p.validate(withText)))
        .containsExactly(
            "text and link make a 11-character caption; instagram stories show no caption,"
                + " leave text and link empty");
    assertThat(messages(p.validate(twoMedia)))
        .containsExactly("post has 2 media attachments; an instagram story has exactly one");
    assertThat(messages(p.validate(withAltAndOptions)))
        .containsExactlyInAnyOrder(
            "media[0] has alt text; instagram stories take no alt text",
            "location_id is not supported on instagram stories",
            "share_to_feed applies to instagram reels only; this post is a story");
    assertThat(p.validate(story(plainImage("a.jpg")))).isEmpty();
    assertThat(p.validate(story(video("a.mp4")).toBuilder().option("user_tags", "[]").build()))
        .isEmpty();
  }

  @Test
  void reconcileReadsTheStoriesEdgeNotFoundOnlyWhenNoStoryAppeared() {
    Instant sentAt = h.clock.now();
    PublishRequest request =
        new PublishRequest(
            story(plainImage("gone.jpg")), Target.of("instagram", InstagramHarness.ACCOUNT), "k");
    InstagramPublisher publisher = h.publisher();

    Reconciliation early = publisher.reconcile(request, sentAt);
    h.clock.advance(Duration.ofMinutes(2));
    Reconciliation settled = publisher.reconcile(request, sentAt);

    assertThat(early).isInstanceOf(Reconciliation.Pending.class);
    assertThat(settled).isInstanceOf(Reconciliation.NotFound.class);
    assertThat(h.fake.requests(FakeInstagram.STORIES)).hasSize(2);
    assertThat(h.fake.requests(FakeInstagram.LIST)).isEmpty();
  }

  @Test
  void aStoryThatAppearedCannotBeToldApartSoReconcileIsUndeterminedNeverNotFound() {
    Instant sentAt = h.clock.now();
    assertThat(h.publish(h.publisher(), story(plainImage("out.jpg")), "k"))
        .isInstanceOf(PublishResult.Published.class);
    h.clock.advance(Duration.ofMinutes(5));
    PublishRequest request =
        new PublishRequest(
            story(plainImage("out.jpg")), Target.of("instagram", InstagramHarness.ACCOUNT), "k");

    // Before: /media never lists a story, and a story has no caption: NotFound, a second story.
    assertThat(h.publisher().reconcile(request, sentAt))
        .isInstanceOf(Reconciliation.Undetermined.class);
    // A video story since the attempt is not this image story.
    assertThat(
            h.publisher()
                .reconcile(
                    new PublishRequest(
                        story(video("v.mp4")), Target.of("instagram", InstagramHarness.ACCOUNT), "k"),
                    sentAt))
        .isInstanceOf(Reconciliation.NotFound.class);
  }

  @Test
  void aStoryWhosePublishAnswerWasLostIsFoundAmongTheStories() {
    h.fake.inject(FakeInstagram.PUBLISH, Fault.dropAfterAccept().times(1));

    PublishResult result = h.publish(h.publisher(), story(plainImage("lost.jpg")), "k");

    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Published.class,
            p -> assertThat(p.remoteId()).isEqualTo(entry.remoteId()));
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.fake.repeatedPublishes()).isZero();
  }

  private static List<String> messages(List<PostViolation> violations) {
    return violations.stream().map(PostViolation::message).toList();
  }
}
