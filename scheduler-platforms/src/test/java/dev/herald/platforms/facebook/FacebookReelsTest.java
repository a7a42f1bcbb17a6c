package dev.herald.platforms.facebook;

import static dev.herald.platforms.facebook.FacebookHarness.PAGE;
import static dev.herald.platforms.facebook.FacebookHarness.PAGE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facebook Reels end to end through the fake's Reels Publishing API (start, rupload, finish,
 * status), the reel rules of validation, and the fake's strictness on the flow.
 */
class FacebookReelsTest {

  @TempDir Path dir;
  FacebookHarness h;

  @BeforeEach
  void start() {
    h = new FacebookHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void publishesALocalReelThroughStartUploadAndFinish() throws IOException {
    Media video = reelFile("reel.mp4", 15);
    Post post = reel(video).text("Morning bake in 15 seconds").build();

    // Reels upload with the Page token: no app id needed, unlike /videos.
    PublishResult result = h.publish(h.publisher(b -> b), post, "r1");

    LedgerEntry entry = h.fake.ledger().entries().get(0);
    String videoId = entry.remoteId();
    assertThat(result)
        .isEqualTo(
            PublishResult.published(
                videoId, URI.create("https://www.facebook.com/reel/" + videoId + "/")));
    assertThat(entry.text()).isEqualTo("Morning bake in 15 seconds");
    List<FakeRequest> phases = h.fake.requests(FakeFacebook.VIDEO_REELS);
    assertThat(phases).extracting(r -> r.param("upload_phase").orElse(""))
        .containsExactly("start", "finish");
    FakeRequest upload = h.fake.requests(FakeFacebook.REEL_UPLOAD).get(0);
    long size = Files.size(Path.of(video.source()));
    assertThat(upload.path()).isEqualTo("/video-upload/v25.0/" + videoId);
    assertThat(upload.header("Authorization")).contains("OAuth " + PAGE_TOKEN);
    assertThat(upload.header("offset")).contains("0");
    assertThat(upload.header("file_size")).contains(Long.toString(size));
    assertThat(upload.body()).hasSize((int) size);
    FakeRequest finish = phases.get(1);
    assertThat(finish.path()).isEqualTo("/v25.0/" + PAGE + "/video_reels");
    assertThat(finish.param("video_id")).contains(videoId);
    assertThat(finish.param("video_state")).contains("PUBLISHED");
    assertThat(finish.param("description")).contains("Morning bake in 15 seconds");
    assertThat(h.fake.requests(FakeFacebook.VIDEOS)).isEmpty();
    assertThat(h.fake.requests(FakeFacebook.UPLOAD_SESSION)).isEmpty();
    assertThat(h.fake.requests(FakeFacebook.NODE)).hasSizeGreaterThan(1);
  }

  @Test
  void publishesAHostedReelByFileUrlHeader() {
    Post post =
        reel(Media.video(URI.create("https://cdn.example/v/reel.mp4"))).text("Hosted").build();

    PublishResult result = h.publish(h.publisher(), post, "r2");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    FakeRequest upload = h.fake.requests(FakeFacebook.REEL_UPLOAD).get(0);
    assertThat(upload.header("file_url")).contains("https://cdn.example/v/reel.mp4");
    assertThat(upload.body()).isEmpty();
    assertThat(h.fake.ledger().entries()).hasSize(1);
  }

  @Test
  void unpublishedAndScheduledReelsAreDraftsAndScheduledWithoutAUrl() throws IOException {
    Post draft = reel(reelFile("d.mp4", 10)).text("Draft").option("published", "false").build();
    long at = h.clock.now().plusSeconds(3_600).getEpochSecond();
    Post scheduled =
        reel(reelFile("s.mp4", 10))
            .text("Later")
            .option("scheduled_publish_time", Long.toString(at))
            .build();

    PublishResult draftResult = h.publish(h.publisher(), draft, "r3");
    PublishResult scheduledResult = h.publish(h.publisher(), scheduled, "r4");

    assertThat(draftResult).isInstanceOf(PublishResult.Published.class);
    assertThat(((PublishResult.Published) draftResult).url()).isEmpty();
    assertThat(((PublishResult.Published) scheduledResult).url()).isEmpty();
    List<FakeRequest> finishes =
        h.fake.requests(FakeFacebook.VIDEO_REELS).stream()
            .filter(r -> r.param("upload_phase").orElse("").equals("finish"))
            .toList();
    assertThat(finishes).extracting(r -> r.param("video_state").orElse(""))
        .containsExactly("DRAFT", "SCHEDULED");
    assertThat(finishes.get(1).param("scheduled_publish_time")).contains(Long.toString(at));
  }

  @Test
  void validationKnowsTheReelLimits() throws IOException {
    FacebookPublisher publisher = h.publisher();

    assertThat(publisher.validate(reel(reelFile("ok.mp4", 90)).build())).isEmpty();
    assertThat(publisher.validate(reel(reelFile("short.mp4", 2)).build()))
        .extracting(PostViolation::message)
        .containsExactly("media[0] lasts 2.0 s; a facebook reel lasts 3 to 90 s");
    assertThat(publisher.validate(reel(reelFile("long.mp4", 91)).build()))
        .extracting(PostViolation::field)
        .containsExactly("media[0]");
    assertThat(
            publisher.validate(
                reel(Media.image(URI.create("https://cdn.example/a.jpg"))).build()))
        .extracting(PostViolation::field)
        .containsExactly("media");
    assertThat(publisher.validate(Post.builder().text("x").option("facebook.reel", "yes").build()))
        .extracting(PostViolation::field)
        .containsExactly("facebook.reel");
    assertThat(publisher.validate(Post.builder().text("no video").option("facebook.reel", "true")
            .build()))
        .extracting(PostViolation::field)
        .containsExactly("media");
  }

  @Test
  void aReelTooLongIsRefusedBeforeAnyCall() throws IOException {
    PublishResult result = h.publish(h.publisher(), reel(reelFile("long.mp4", 120)).build(), "r5");

    assertThat(result).isInstanceOf(PublishResult.Rejected.class);
    assertThat(h.fake.requests()).isEmpty();
  }

  @Test
  void theFakeRefusesAFinishBeforeTheUploadAndAnUploadWithoutItsHeaders() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI base = h.fake.baseUri();
    String start =
        send(http, post(base, "/v25.0/" + PAGE + "/video_reels?upload_phase=start"));
    String videoId = start.replaceAll(".*\"video_id\":\"(\\d+)\".*", "$1");

    String early =
        send(
            http,
            post(
                base,
                "/v25.0/" + PAGE + "/video_reels?upload_phase=finish&video_state=PUBLISHED"
                    + "&video_id=" + videoId));
    HttpResponse<String> noHeaders =
        http.send(
            HttpRequest.newBuilder(base.resolve("/video-upload/v25.0/" + videoId))
                .header("Authorization", "OAuth " + PAGE_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String badState =
        send(
            http,
            post(
                base,
                "/v25.0/" + PAGE + "/video_reels?upload_phase=finish&video_state=LIVE"
                    + "&video_id=" + videoId));

    assertThat(early).contains("has no uploaded video").contains("\"code\":100");
    assertThat(noHeaders.statusCode()).isEqualTo(400);
    assertThat(noHeaders.body()).contains("debug_info");
    assertThat(badState).contains("video_state");
    assertThat(h.fake.ledger().entries()).isEmpty();
  }

  private static HttpRequest post(URI base, String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery + "&access_token=" + PAGE_TOKEN))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
  }

  private static String send(HttpClient http, HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static Post.Builder reel(Media media) {
    return Post.builder().addMedia(media).option("facebook.reel", "true");
  }

  /** A minimal MP4 (ftyp, then moov with a version-0 mvhd) lasting {@code seconds}. */
  private Media reelFile(String name, int seconds) throws IOException {
    ByteBuffer mvhd = ByteBuffer.allocate(8 + 100);
    mvhd.putInt(mvhd.capacity()).put("mvhd".getBytes(StandardCharsets.ISO_8859_1));
    mvhd.putInt(0).putInt(0).putInt(0).putInt(1000).putInt(seconds * 1000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(box("ftyp", "isom".getBytes(StandardCharsets.ISO_8859_1)));
    out.write(box("moov", mvhd.array()));
    Path file = Files.write(dir.resolve(name), out.toByteArray());
    return Media.video(file.toUri());
  }

  private static byte[] box(String type, byte[] payload) {
    ByteBuffer box = ByteBuffer.allocate(8 + payload.length);
    box.putInt(8 + payload.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload);
    return box.array();
  }
}
