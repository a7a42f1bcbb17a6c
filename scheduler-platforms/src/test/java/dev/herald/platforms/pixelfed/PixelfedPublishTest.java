package dev.herald.platforms.pixelfed;

import static dev.herald.platforms.pixelfed.PixelfedHarness.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.FakePixelfedStatus;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult.Published;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** End to end through the fake: the remote id and URL come back and the ledger has the post. */
class PixelfedPublishTest {

  @TempDir Path dir;
  PixelfedHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void publishesAPostWithOneImageAndReturnsTheRemoteIdAndUrl() {
    h = new PixelfedHarness(dir);

    Published published = assertPublished(h.publish(h.publisher(), h.photo("Sunset"), "k-image"));

    LedgerEntry entry = h.fake.ledger().find(published.remoteId()).orElseThrow();
    assertThat(entry.text()).isEqualTo("Sunset");
    assertThat(entry.mediaIds()).hasSize(1);
    assertThat(entry.idempotencyKey()).contains("k-image");
    assertThat(published.url())
        .hasValue(h.fake.baseUri().resolve("/p/photobot/" + published.remoteId()));
    FakeRequest upload = h.fake.requests(FakePixelfed.UPLOAD_V2).get(0);
    assertThat(upload.param("description")).contains("alt text of photo.jpg");
    assertThat(upload.file("file").orElseThrow().contentType()).isEqualTo("image/jpeg");
    assertThat(h.fake.servedFixtures())
        .contains("pixelfed-media-v2-accepted-202.json", "pixelfed-status-created.json");
  }

  @Test
  void publishesATextPostAsAReplyTheOnlyTextOnlyPostPixelfedAllows() {
    h = new PixelfedHarness(dir);
    PixelfedPublisher publisher = h.publisher();
    Published photo = assertPublished(h.publish(publisher, h.photo("Harbour"), "k-photo"));

    Post reply =
        Post.builder()
            .text("More from the harbour tomorrow")
            .option("in_reply_to_id", photo.remoteId())
            .build();
    Published text = assertPublished(h.publish(publisher, reply, "k-reply"));

    assertThat(text.remoteId()).isNotEqualTo(photo.remoteId());
    assertThat(text.url()).isPresent();
    LedgerEntry entry = h.fake.ledger().find(text.remoteId()).orElseThrow();
    assertThat(entry.text()).isEqualTo("More from the harbour tomorrow");
    assertThat(entry.mediaIds()).isEmpty();
    assertThat(h.fake.requests(FakePixelfed.UPLOAD_V2)).hasSize(1);
  }

  @Test
  void publishesAFourImageAlbumInOrder() {
    h = new PixelfedHarness(dir);
    Post.Builder post = Post.builder().text("Harbour, four views");
    for (int i = 1; i <= 4; i++) {
      post.addMedia(h.image("view" + i + (i % 2 == 0 ? ".png" : ".jpg")));
    }

    Published published = assertPublished(h.publish(h.publisher(), post.build(), "k-album"));

    List<String> uploaded =
        h.fake.requests(FakePixelfed.UPLOAD_V2).stream()
            .map(r -> r.file("file").orElseThrow().filename())
            .toList();
    assertThat(uploaded).containsExactly("view1.jpg", "view2.png", "view3.jpg", "view4.png");
    FakeRequest status = h.fake.requests(FakePixelfed.STATUSES).get(0);
    LedgerEntry entry = h.fake.ledger().find(published.remoteId()).orElseThrow();
    assertThat(entry.mediaIds()).hasSize(4).isEqualTo(status.params("media_ids[]"));
  }

  @Test
  void publishesAVideoAndMixedAlbumWhenTheInstanceAcceptsVideo() {
    h = new PixelfedHarness(dir, b -> b.supportedMimeTypes("image/jpeg", "video/mp4"));
    PixelfedPublisher publisher = h.publisher();
    Post mixed =
        Post.builder()
            .text("Timelapse")
            .addMedia(h.video("t.mp4"))
            .addMedia(h.image("a.jpg"))
            .build();
    assertThat(publisher.validate(mixed)).isNotEmpty();

    Published published = assertPublished(h.publish(publisher, mixed, "k-video"));

    assertThat(publisher.limits().supportedMimeTypes())
        .containsExactlyInAnyOrder("image/jpeg", "video/mp4");
    assertThat(publisher.validate(mixed)).isEmpty();
    assertThat(h.fake.ledger().find(published.remoteId()).orElseThrow().mediaIds()).hasSize(2);
  }

  @Test
  void uploadsThroughV1WhenConfigured() {
    h = new PixelfedHarness(dir);

    assertPublished(
        h.publish(
            h.publisher(b -> b.mediaUpload(PixelfedPublisher.MediaUpload.V1)), h.photo("v1"), "k"));

    assertThat(h.fake.requests(FakePixelfed.UPLOAD_V1)).hasSize(1);
    assertThat(h.fake.requests(FakePixelfed.UPLOAD_V2)).isEmpty();
    assertThat(h.fake.servedFixtures()).contains("pixelfed-media-v1-created.json");
  }

  @Test
  void passesOptionsAppendsTheLinkAndSendsAcceptJsonOnEveryRequest() {
    h = new PixelfedHarness(dir);
    Post post =
        h.photo("Read this").toBuilder()
            .link(URI.create("https://news.example/a/very/long/path/to/an/article"))
            .option("visibility", "unlisted")
            .option("place_id", "42")
            .option("privacy_level", "SELF_ONLY")
            .build();

    assertPublished(h.publish(h.publisher(), post, "k-opts"));

    FakeRequest request = h.fake.requests(FakePixelfed.STATUSES).get(0);
    assertThat(request.param("status"))
        .contains("Read this\n\nhttps://news.example/a/very/long/path/to/an/article");
    assertThat(request.param("visibility")).contains("unlisted");
    assertThat(request.param("place_id")).contains("42");
    assertThat(request.param("privacy_level")).isEmpty();
    assertThat(h.fake.requests())
        .allSatisfy(r -> assertThat(r.header("Accept")).contains("application/json"));
  }

  /**
   * Issue 11 item 1: Pixelfed validates {@code comments_disabled} with Laravel's {@code boolean}
   * rule, which refuses the string "true"; the adapter sends "1"/"0" for every spelling it accepts.
   */
  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "1", "yes", "on"})
  void disablesCommentsWithAValueLaravelsBooleanRuleAccepts(String value) {
    h = new PixelfedHarness(dir);
    Post post = h.photo("No comments").toBuilder().option("comments_disabled", value).build();

    Published published = assertPublished(h.publish(h.publisher(), post, "k-" + value));

    assertThat(h.fake.status(published.remoteId()).orElseThrow().commentsDisabled()).isTrue();
    assertThat(h.fake.requests(FakePixelfed.STATUSES).get(0).param("comments_disabled"))
        .contains("1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "0", "no", "off"})
  void leavesCommentsOpenForAFalseValue(String value) {
    h = new PixelfedHarness(dir);
    Post post = h.photo("Comments welcome").toBuilder().option("comments_disabled", value).build();

    Published published = assertPublished(h.publish(h.publisher(), post, "k-" + value));

    assertThat(h.fake.status(published.remoteId()).orElseThrow().commentsDisabled()).isFalse();
    assertThat(h.fake.requests(FakePixelfed.STATUSES).get(0).param("comments_disabled"))
        .contains("0");
  }

  /**
   * Issue 11 item 2: Pixelfed keeps {@code spoiler_text} only when {@code sensitive} is true, so a
   * content warning alone must be sent with {@code sensitive=1}.
   */
  @Test
  void keepsAContentWarningByMarkingThePostSensitive() {
    h = new PixelfedHarness(dir);
    Post post = h.photo("Spiders").toBuilder().option("spoiler_text", "arachnids").build();

    Published published = assertPublished(h.publish(h.publisher(), post, "k-cw"));

    FakePixelfedStatus stored = h.fake.status(published.remoteId()).orElseThrow();
    assertThat(stored.sensitive()).isTrue();
    assertThat(stored.spoilerText()).contains("arachnids");
    FakeRequest request = h.fake.requests(FakePixelfed.STATUSES).get(0);
    assertThat(request.param("sensitive")).contains("1");
    assertThat(request.param("spoiler_text")).contains("arachnids");
  }

  @Test
  void sendsSensitiveAsOneOrZero() {
    h = new PixelfedHarness(dir);
    PixelfedPublisher publisher = h.publisher();

    Published on = assertPublished(h.publish(publisher,
        h.photo("a").toBuilder().option("sensitive", "true").build(), "k-on"));
    Published off = assertPublished(h.publish(publisher,
        h.photo("b").toBuilder().option("sensitive", "false").build(), "k-off"));

    assertThat(h.fake.status(on.remoteId()).orElseThrow().sensitive()).isTrue();
    assertThat(h.fake.status(off.remoteId()).orElseThrow().sensitive()).isFalse();
    assertThat(h.fake.requests(FakePixelfed.STATUSES))
        .extracting(r -> r.param("sensitive").orElseThrow())
        .containsExactly("1", "0");
  }

  @Test
  void discoversTheInstanceLimitsOnceAndCachesThem() {
    h = new PixelfedHarness(dir, b -> b.maxCharacters(1000).maxMediaAttachments(6));
    PixelfedPublisher publisher = h.publisher();
    Post longPost = h.photo("x".repeat(800));
    assertThat(publisher.validate(longPost)).hasSize(1);

    assertPublished(h.publish(publisher, longPost, "k-long"));
    assertPublished(h.publish(publisher, h.photo("again"), "k-again"));

    assertThat(publisher.limits().maxCharacters()).isEqualTo(1000);
    assertThat(publisher.capabilities().maxMedia()).isEqualTo(6);
    assertThat(publisher.validate(longPost)).isEmpty();
    assertThat(h.fake.requests(FakePixelfed.INSTANCE_V2)).hasSize(1);
    assertThat(h.fake.requests(FakePixelfed.INSTANCE)).isEmpty();
    assertThat(h.fake.servedFixtures()).contains("pixelfed-instance-v2.json");
  }

  @Test
  void reportsMissingOrExpiredCredentialsAsAuthExpiredWithoutAnyRequest() {
    h = new PixelfedHarness(dir);
    PixelfedPublisher publisher = h.publisher();
    h.tokens.put(Target.of(PixelfedPublisher.PLATFORM, "lapsed"), Credentials.of("lapsed-token")
            .issuedAt(h.clock.now().minus(Duration.ofDays(366)), Duration.ofDays(365)));

    PublishResult missing = publisher.publish(new PublishRequest(h.photo("hi"), Target.of("pixelfed", "stranger"), "k1"));
    PublishResult expired = publisher.publish(new PublishRequest(h.photo("hi"), Target.of("pixelfed", "lapsed"), "k2"));

    assertThat(missing).isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(expired)
        .isInstanceOfSatisfying(
            PublishResult.AuthExpired.class,
            r -> assertThat(r.reason()).contains("expired at 2026-11-19T12:00:00Z"));
    assertThat(h.fake.requests()).isEmpty();
  }

  private Published assertPublished(PublishResult result) {
    assertThat(result).isInstanceOf(Published.class);
    Published published = (Published) result;
    Optional<LedgerEntry> entry = h.fake.ledger().find(published.remoteId());
    assertThat(entry).isPresent();
    assertThat(entry.get().account()).isEqualTo(ACCOUNT);
    assertThat(published.url()).isEqualTo(entry.get().url());
    return published;
  }
}
