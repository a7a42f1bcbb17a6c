package dev.herald.platforms.mastodon;

import static dev.herald.platforms.mastodon.MastodonHarness.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult.Published;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonPublishTest {

  @TempDir Path dir;
  MastodonHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void publishesATextPostAndReturnsTheRemoteIdAndUrl() {
    h = new MastodonHarness(dir);
    PublishResult result =
        h.publish(h.publisher(), Post.text("New bike lanes open today"), "k-text");

    Published published = assertPublished(result);
    LedgerEntry entry = h.fake.ledger().entries().get(0);
    assertThat(entry.text()).isEqualTo("New bike lanes open today");
    assertThat(entry.idempotencyKey()).contains("k-text");
    assertThat(entry.mediaIds()).isEmpty();
    assertThat(published.url())
        .hasValue(h.fake.baseUri().resolve("/@newsbot/" + published.remoteId()));
  }

  @Test
  void publishesAPostWithOneImageProcessedSynchronously() {
    h = new MastodonHarness(dir);
    Post post = Post.builder().text("A red bicycle").addMedia(h.image("bike.jpg")).build();

    Published published = assertPublished(h.publish(h.publisher(), post, "k-image"));

    assertThat(h.fake.requests(FakeMastodon.UPLOAD)).hasSize(1);
    assertThat(h.fake.requests(FakeMastodon.MEDIA)).isEmpty();
    LedgerEntry entry = h.fake.ledger().find(published.remoteId()).orElseThrow();
    assertThat(entry.mediaIds()).hasSize(1);
    assertThat(h.fake.requests(FakeMastodon.UPLOAD).get(0).param("description"))
        .contains("alt text of bike.jpg");
  }

  @Test
  void publishesFourImagesProcessedAsynchronouslyInOrder() {
    h = new MastodonHarness(dir, b -> b.asyncUploads(true).mediaProcessingPolls(2));
    Post.Builder post = Post.builder().text("Harbour, four views");
    for (int i = 1; i <= 4; i++) {
      post.addMedia(h.image("view" + i + ".png"));
    }

    Published published = assertPublished(h.publish(h.publisher(), post.build(), "k-multi"));

    List<String> uploaded =
        h.fake.requests(FakeMastodon.UPLOAD).stream()
            .map(r -> r.file("file").orElseThrow().filename())
            .toList();
    assertThat(uploaded).containsExactly("view1.png", "view2.png", "view3.png", "view4.png");
    assertThat(h.fake.requests(FakeMastodon.MEDIA)).hasSize(4 * 3);
    assertThat(h.fake.ledger().find(published.remoteId()).orElseThrow().mediaIds()).hasSize(4);
  }

  @Test
  void publishesAVideoAfterPollingUntilProcessed() {
    h = new MastodonHarness(dir, b -> b.mediaProcessingPolls(3));
    Post post = Post.builder().text("Timelapse").addMedia(h.video("harbour.mp4")).build();

    assertPublished(h.publish(h.publisher(), post, "k-video"));

    assertThat(h.fake.requests(FakeMastodon.MEDIA)).hasSize(4);
    assertThat(h.fake.servedFixtures())
        .contains(
            "mastodon-media-accepted-202.json",
            "mastodon-media-processing-206.json",
            "mastodon-media-ready.json");
    assertThat(h.fake.requests(FakeMastodon.STATUSES)).hasSize(1);
  }

  @Test
  void passesOptionsAndAppendsTheLink() {
    h = new MastodonHarness(dir);
    Post post =
        Post.builder()
            .text("Read this")
            .link(URI.create("https://news.example/a/very/long/path/to/an/article"))
            .option("visibility", "unlisted")
            .option("spoiler_text", "long read")
            .option("privacy_level", "SELF_ONLY")
            .build();

    assertPublished(h.publish(h.publisher(), post, "k-opts"));

    var request = h.fake.requests(FakeMastodon.STATUSES).get(0);
    assertThat(request.param("status"))
        .contains("Read this\n\nhttps://news.example/a/very/long/path/to/an/article");
    assertThat(request.param("visibility")).contains("unlisted");
    assertThat(request.param("spoiler_text")).contains("long read");
    assertThat(request.param("privacy_level")).isEmpty();
  }

  @Test
  void schedulesAStatusAndReturnsTheScheduledStatusIdWithoutUrl() {
    h = new MastodonHarness(dir);
    Post post =
        Post.builder()
            .text("Morning briefing")
            .option("scheduled_at", "2026-11-21T08:00:00Z")
            .build();

    PublishResult result = h.publish(h.publisher(), post, "k-scheduled");

    assertThat(result).isInstanceOfSatisfying(Published.class, p -> assertThat(p.url()).isEmpty());
    assertThat(h.fake.servedFixtures()).contains("mastodon-scheduled-status-created.json");
    assertThat(h.fake.ledger().entries().get(0).url()).isEmpty();
  }

  @Test
  void discoversTheInstanceLimitsOnceAndCachesThem() {
    h = new MastodonHarness(dir, b -> b.maxCharacters(1000));
    MastodonPublisher publisher = h.publisher();
    Post longPost = Post.text("x".repeat(800));
    assertThat(publisher.validate(longPost)).hasSize(1);

    assertPublished(h.publish(publisher, longPost, "k-long"));
    assertPublished(h.publish(publisher, Post.text("again"), "k-again"));

    assertThat(publisher.limits().maxCharacters()).isEqualTo(1000);
    assertThat(publisher.validate(longPost)).isEmpty();
    assertThat(h.fake.requests(FakeMastodon.INSTANCE)).hasSize(1);
    assertThat(publisher.capabilities().idempotencyWindow()).hasHours(1);
  }

  @Test
  void fallsBackToDefaultLimitsWhenTheInstanceHasNoConfiguration() {
    h = new MastodonHarness(dir, FakeMastodon.Builder::withoutConfiguration);
    MastodonPublisher publisher = h.publisher();

    assertThat(publisher.refreshLimits()).isEqualTo(MastodonLimits.DEFAULTS);
    assertThat(publisher.capabilities().maxTextLength()).isEqualTo(500);
    assertThat(publisher.capabilities().maxMedia()).isEqualTo(4);
  }

  @Test
  void reportsMissingCredentialsAsAuthExpiredWithoutCallingTheInstance() {
    h = new MastodonHarness(dir);
    PublishResult result =
        h.publisher()
            .publish(
                new dev.herald.scheduler.publish.PublishRequest(Post.text("hi"), Target.of("mastodon", "stranger"), "k"));

    assertThat(result).isInstanceOf(PublishResult.AuthExpired.class);
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
