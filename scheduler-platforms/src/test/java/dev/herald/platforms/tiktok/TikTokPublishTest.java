package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.OPEN_ID;
import static dev.herald.platforms.tiktok.TikTokHarness.photo;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.PublishResult.Published;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the fake: a video pulled from a URL, a video uploaded in chunks, a photo post
 * with one image and one with many, and the inbox (draft) mode. TikTok has no text-only posts: the
 * Content Posting API publishes a video or photos, nothing else (see {@code
 * TikTokValidationTest#aTextOnlyPostIsRefusedBecauseTikTokHasNone}).
 */
class TikTokPublishTest {

  static final URI VIDEO_URL =
      URI.create("https://www.tiktok.com/@tiktok/video/" + FakeTikTok.FIRST_POST_ID);

  @TempDir Path dir;
  TikTokHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void publishesAVideoPulledFromAUrl() {
    h = new TikTokHarness(dir);
    Post post = post(remoteVideo("clip.mp4")).text("Launch day #herald @friend").build();

    PublishResult result = h.publish(h.publisher(), post);

    assertThat(result).isEqualTo(PublishResult.published(FakeTikTok.FIRST_POST_ID, VIDEO_URL));
    assertThat(h.fake.requests())
        .extracting(FakeRequest::path)
        .containsExactly(
            "/v2/post/publish/creator_info/query/",
            "/v2/post/publish/video/init/",
            "/v2/post/publish/status/fetch/",
            "/v2/post/publish/status/fetch/");
    JsonNode init = Json.parse(h.fake.requests(FakeTikTok.VIDEO_INIT).get(0).body());
    assertThat(init.path("source_info").path("source").asText()).isEqualTo("PULL_FROM_URL");
    assertThat(init.path("source_info").path("video_url").asText())
        .isEqualTo("https://media.example/videos/clip.mp4");
    JsonNode info = init.path("post_info");
    assertThat(info.path("title").asText()).isEqualTo("Launch day #herald @friend");
    assertThat(info.path("privacy_level").asText()).isEqualTo("PUBLIC_TO_EVERYONE");
    assertThat(info.path("brand_content_toggle").isBoolean()).isTrue();
    assertThat(info.path("disable_stitch").asBoolean()).as("creator_info: stitch off").isTrue();
    assertThat(info.path("disable_duet").asBoolean()).isFalse();
    assertThat(h.fake.requests(FakeTikTok.VIDEO_INIT).get(0).bearerToken())
        .contains(TikTokHarness.TOKEN);
    LedgerEntry entry = h.fake.ledger().find(FakeTikTok.FIRST_POST_ID).orElseThrow();
    assertThat(entry.account()).isEqualTo(OPEN_ID);
    assertThat(entry.url()).contains(VIDEO_URL);
    assertThat(entry.text()).isEqualTo("Launch day #herald @friend");
  }

  @Test
  void publishesAVideoFileUploadedInChunks() {
    h = new TikTokHarness(dir);
    Post post = post(h.videoFile("clip.mp4", 11_000_000)).text("Uploaded").build();

    PublishResult result = h.publish(h.publisher(), post);

    assertThat(result).isEqualTo(PublishResult.published(FakeTikTok.FIRST_POST_ID, VIDEO_URL));
    JsonNode source =
        Json.parse(h.fake.requests(FakeTikTok.VIDEO_INIT).get(0).body()).path("source_info");
    assertThat(source.path("source").asText()).isEqualTo("FILE_UPLOAD");
    assertThat(source.path("video_size").asLong()).isEqualTo(11_000_000);
    assertThat(source.path("chunk_size").asLong()).isEqualTo(TikTokHarness.CHUNK);
    assertThat(source.path("total_chunk_count").asLong()).isEqualTo(2);
    List<FakeRequest> puts = h.fake.requests(FakeTikTok.UPLOAD);
    assertThat(puts)
        .extracting(r -> r.header("Content-Range").orElseThrow())
        .containsExactly("bytes 0-5242879/11000000", "bytes 5242880-10999999/11000000");
    assertThat(puts).extracting(r -> r.body().length).containsExactly(5_242_880, 5_757_120);
    assertThat(puts).allSatisfy(r -> assertThat(r.header("Authorization")).isEmpty());
    assertThat(puts.get(0).header("Content-Type")).contains("video/mp4");
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aSmallVideoGoesAsOneChunkOfItsOwnSize() {
    h = new TikTokHarness(dir);

    PublishResult result =
        h.publish(h.publisher(), post(h.videoFile("short.mov", 1_000_000)).build());

    assertThat(result).isInstanceOf(Published.class);
    JsonNode source =
        Json.parse(h.fake.requests(FakeTikTok.VIDEO_INIT).get(0).body()).path("source_info");
    assertThat(source.path("chunk_size").asLong()).isEqualTo(1_000_000);
    assertThat(source.path("total_chunk_count").asLong()).isEqualTo(1);
    assertThat(h.fake.requests(FakeTikTok.UPLOAD))
        .singleElement()
        .satisfies(r -> assertThat(r.header("Content-Type")).contains("video/quicktime"));
  }

  @Test
  void publishesAPhotoPostWithOneImage() {
    h = new TikTokHarness(dir);
    Post post = post(photo("a.jpg")).title("Bakery opening").text("Fresh bread at 7").build();

    PublishResult result = h.publish(h.publisher(), post);

    assertThat(result).isEqualTo(PublishResult.published(FakeTikTok.FIRST_POST_ID, null));
    JsonNode init = Json.parse(h.fake.requests(FakeTikTok.CONTENT_INIT).get(0).body());
    assertThat(init.path("media_type").asText()).isEqualTo("PHOTO");
    assertThat(init.path("post_mode").asText()).isEqualTo("DIRECT_POST");
    assertThat(init.path("post_info").path("title").asText()).isEqualTo("Bakery opening");
    assertThat(init.path("post_info").path("description").asText()).isEqualTo("Fresh bread at 7");
    assertThat(init.path("source_info").path("photo_images").get(0).asText())
        .isEqualTo("https://media.example/photos/a.jpg");
    assertThat(init.path("source_info").path("photo_cover_index").asInt()).isZero();
    assertThat(h.fake.ledger().entries())
        .extracting(LedgerEntry::remoteId)
        .containsExactly(FakeTikTok.FIRST_POST_ID);
  }

  @Test
  void publishesAPhotoPostWithTheMostImages() {
    h = new TikTokHarness(dir);
    Post.Builder post = post().text("35 photos").option("photo_cover_index", "34");
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < TikTokLimits.MAX_PHOTOS; i++) {
      post.addMedia(photo("p" + i + (i % 2 == 0 ? ".jpg" : ".webp")));
      urls.add("https://media.example/photos/p" + i + (i % 2 == 0 ? ".jpg" : ".webp"));
    }

    PublishResult result = h.publish(h.publisher(), post.build());

    assertThat(result).isInstanceOf(Published.class);
    assertThat(((Published) result).remoteId()).isEqualTo(FakeTikTok.FIRST_POST_ID);
    JsonNode source =
        Json.parse(h.fake.requests(FakeTikTok.CONTENT_INIT).get(0).body()).path("source_info");
    List<String> sent = new ArrayList<>();
    source.path("photo_images").forEach(n -> sent.add(n.asText()));
    assertThat(sent).isEqualTo(urls);
    assertThat(source.path("photo_cover_index").asInt()).isEqualTo(34);
    assertThat(h.fake.ledger().entries().get(0).mediaIds()).hasSize(35);
  }

  @Test
  void aSelfOnlyPostHasNoPostIdSoThePublishIdIsTheRemoteId() {
    h = new TikTokHarness(dir);
    Post post =
        Post.builder().addMedia(remoteVideo("v.mp4")).option("privacy_level", "SELF_ONLY").build();

    PublishResult result = h.publish(h.publisher(), post);

    assertThat(result).isEqualTo(PublishResult.published("v_pub_url~v2.123456789", null));
    assertThat(h.fake.servedFixtures()).contains("tiktok-status-complete-private.json");
    assertThat(h.fake.ledger().find("v_pub_url~v2.123456789")).isPresent();
  }

  @Test
  void waitsForModerationToReportThePostIdThenFallsBackToThePublishId() {
    h = new TikTokHarness(dir, b -> b.moderationPolls(2));

    PublishResult moderated = h.publish(h.publisher(), post(remoteVideo("v.mp4")).build());
    PublishResult stillInModeration =
        h.publish(h.publisher(b -> b.postIdPolls(1)), post(remoteVideo("w.mp4")).build());

    assertThat(moderated).isEqualTo(PublishResult.published(FakeTikTok.FIRST_POST_ID, VIDEO_URL));
    assertThat(stillInModeration)
        .isEqualTo(PublishResult.published("v_pub_url~v2.123456790", null));
  }

  @Test
  void aPrivateCreatorPostsToFollowersWithDuetsAndStitchesForcedOff() {
    h = new TikTokHarness(dir);
    Post post =
        Post.builder()
            .addMedia(remoteVideo("v.mp4"))
            .option("privacy_level", "FOLLOWER_OF_CREATOR")
            .option("disable_duet", "false")
            .build();

    PublishResult result = h.publish(h.publisher(), post, TikTokHarness.PRIVATE_ID);

    assertThat(result)
        .isEqualTo(
            PublishResult.published(
                FakeTikTok.FIRST_POST_ID,
                URI.create(
                    "https://www.tiktok.com/@quietbakery/video/" + FakeTikTok.FIRST_POST_ID)));
    JsonNode info =
        Json.parse(h.fake.requests(FakeTikTok.VIDEO_INIT).get(0).body()).path("post_info");
    assertThat(info.path("disable_duet").asBoolean()).isTrue();
    assertThat(info.path("disable_stitch").asBoolean()).isTrue();
  }

  @Test
  void aPrivacyLevelTheCreatorDoesNotOfferIsRejectedBeforeAnyInit() {
    h = new TikTokHarness(dir);

    PublishResult result =
        h.publish(h.publisher(), post(remoteVideo("v.mp4")).build(), TikTokHarness.PRIVATE_ID);

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("privacy_level_option_mismatch");
              assertThat(r.reason()).contains("FOLLOWER_OF_CREATOR", "PUBLIC_TO_EVERYONE");
            });
    assertThat(h.fake.requests())
        .extracting(FakeRequest::path)
        .containsExactly("/v2/post/publish/creator_info/query/");
  }

  @Test
  void anInboxUploadEndsInTheCreatorsInboxWithoutCreatorInfo() {
    h = new TikTokHarness(dir);
    Post video =
        Post.builder()
            .addMedia(h.videoFile("draft.mp4", 2_000_000))
            .option("post_mode", "MEDIA_UPLOAD")
            .build();
    Post photos =
        Post.builder()
            .addMedia(photo("a.jpg"))
            .addMedia(photo("b.jpg"))
            .text("draft")
            .option("post_mode", "MEDIA_UPLOAD")
            .build();

    PublishResult draft = h.publish(h.publisher(), video);
    PublishResult photoDraft = h.publish(h.publisher(), photos);

    assertThat(draft).isEqualTo(PublishResult.published("v_inbox_file~v2.123456789", null));
    assertThat(photoDraft).isEqualTo(PublishResult.published("p_inbox_url~v2.123456790", null));
    assertThat(h.fake.requests(FakeTikTok.CREATOR_INFO)).isEmpty();
    assertThat(
            Json.parse(h.fake.requests(FakeTikTok.INBOX_VIDEO_INIT).get(0).body()).has("post_info"))
        .isFalse();
    assertThat(h.fake.servedFixtures()).contains("tiktok-status-send-to-inbox.json");
    assertThat(h.fake.ledger().size()).isEqualTo(2);
  }

  @Test
  void anInboxVideoCanBePulledFromAUrlToo() {
    h = new TikTokHarness(dir);
    Post video =
        Post.builder().addMedia(remoteVideo("v.mp4")).option("post_mode", "MEDIA_UPLOAD").build();

    assertThat(h.publish(h.publisher(), video))
        .isEqualTo(PublishResult.published("v_inbox_url~v2.123456789", null));
    assertThat(h.fake.requests(FakeTikTok.UPLOAD)).isEmpty();
  }

  @Test
  void anUnauditedAppPostsOnlyToPrivateAccountsAndOnlyAsSelfOnly() {
    h = new TikTokHarness(dir, b -> b.unauditedClient(true));
    Post toFollowers =
        Post.builder()
            .addMedia(remoteVideo("v.mp4"))
            .option("privacy_level", "FOLLOWER_OF_CREATOR")
            .build();

    PublishResult publicAccount = h.publish(h.publisher(), post(remoteVideo("v.mp4")).build());
    PublishResult privateAccount = h.publish(h.publisher(), toFollowers, TikTokHarness.PRIVATE_ID);

    assertThat(publicAccount)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class,
            r ->
                assertThat(r.code())
                    .isEqualTo("unaudited_client_can_only_post_to_private_accounts"));
    assertThat(privateAccount).isEqualTo(PublishResult.published("v_pub_url~v2.123456789", null));
  }

  @Test
  void checkStatusReconcilesAPublishLater() {
    h = new TikTokHarness(dir, b -> b.processingPolls(50));
    TikTokPublisher publisher =
        h.publisher(
            b ->
                b.cancelStalledPulls(false)
                    .statusPolling(
                        java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 2));

    PublishResult first = h.publish(publisher, post(remoteVideo("v.mp4")).build());
    assertThat(first).isInstanceOf(PublishResult.Unknown.class);
    assertThat(((PublishResult.Unknown) first).reason()).contains("v_pub_url~v2.123456789");
    assertThat(publisher.checkStatus(OPEN_ID, "v_pub_url~v2.123456789"))
        .isInstanceOf(PublishResult.Unknown.class);
    h.fake.settle();

    assertThat(publisher.checkStatus(OPEN_ID, "v_pub_url~v2.123456789"))
        .isEqualTo(PublishResult.published(FakeTikTok.FIRST_POST_ID, null));
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void creatorInfoIsAvailableToShowTheCreatorTheirOptions() {
    h = new TikTokHarness(dir);

    TikTokCreatorInfo info = h.publisher().creatorInfo(TikTokHarness.PRIVATE_ID);

    assertThat(info.username()).isEqualTo("quietbakery");
    assertThat(info.privacyLevelOptions())
        .containsExactly("FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY");
    assertThat(info.duetDisabled()).isTrue();
    assertThat(info.maxVideoPostDurationSec()).hasValue(600);
    assertThat(info.canPost()).isEmpty();
  }
}
