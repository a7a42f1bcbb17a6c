package dev.herald.platforms.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake's TikTok behaviour seen from a raw HTTP client: the upload URL points at the fake, the
 * chunk rules of the Media Transfer Guide are enforced at init and on every PUT, the URL expires
 * after an hour, and tasks belong to their creator.
 */
class TikTokFakeTest {

  @TempDir Path dir;
  TikTokHarness h;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    h = new TikTokHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theUploadUrlIsRewrittenToTheFake() throws Exception {
    JsonNode data = init(11_000_000, 5_242_880, 2).path("data");

    assertThat(data.path("publish_id").asText()).isEqualTo("v_pub_file~v2-1.123456789");
    assertThat(data.path("upload_url").asText())
        .startsWith(h.fake.baseUri() + "/video/?upload_id=67890&upload_token=");
  }

  @Test
  void initRefusesChunkPlansAgainstTheGuide() throws Exception {
    assertThat(init(11_000_000, 1_000_000, 11).path("error").path("code").asText())
        .as("chunks under 5 MB")
        .isEqualTo("invalid_param");
    assertThat(init(11_000_000, 5_242_880, 3).path("error").path("code").asText())
        .as("count is not floor(size / chunk)")
        .isEqualTo("invalid_param");
    assertThat(init(100_000_000, 100_000_000, 1).path("error").path("code").asText())
        .as("over 64 MB in one chunk")
        .isEqualTo("invalid_param");
    assertThat(init(3_000_000, 3_000_000, 1).path("error").path("code").asText()).isEqualTo("ok");
  }

  @Test
  void chunksMustContinueTheUploadOnTheirBoundaries() throws Exception {
    URI upload =
        URI.create(init(11_000_000, 5_242_880, 2).path("data").path("upload_url").asText());

    HttpResponse<String> outOfOrder = put(upload, 5_242_880, 10_999_999, 11_000_000);
    HttpResponse<String> wrongBoundary = put(upload, 0, 999_999, 11_000_000);
    HttpResponse<String> wrongTotal = put(upload, 0, 5_242_879, 12_000_000);
    HttpResponse<String> first = put(upload, 0, 5_242_879, 11_000_000);
    HttpResponse<String> again = put(upload, 0, 5_242_879, 11_000_000);
    HttpResponse<String> last = put(upload, 5_242_880, 10_999_999, 11_000_000);

    assertThat(outOfOrder.statusCode()).isEqualTo(416);
    assertThat(outOfOrder.headers().firstValue("Content-Range")).contains("bytes */11000000");
    assertThat(wrongBoundary.statusCode()).isEqualTo(400);
    assertThat(wrongTotal.statusCode()).isEqualTo(400);
    assertThat(first.statusCode()).isEqualTo(206);
    assertThat(first.headers().firstValue("Content-Range")).contains("bytes 0-5242879/11000000");
    assertThat(again.statusCode()).isEqualTo(416);
    assertThat(last.statusCode()).isEqualTo(201);
  }

  @Test
  void theUploadUrlExpiresAfterAnHourAndNeedsItsToken() throws Exception {
    URI upload = URI.create(init(3_000_000, 3_000_000, 1).path("data").path("upload_url").asText());
    URI forged = URI.create(upload.toString().replaceAll("upload_token=[^&]+", "upload_token=x"));

    assertThat(put(forged, 0, 2_999_999, 3_000_000).statusCode()).isEqualTo(404);
    h.clock.advance(Duration.ofMinutes(61));
    assertThat(put(upload, 0, 2_999_999, 3_000_000).statusCode()).isEqualTo(403);
  }

  @Test
  void aTaskBelongsToItsCreatorAndOnlyARunningPullCanBeCancelled() throws Exception {
    String publishId = init(3_000_000, 3_000_000, 1).path("data").path("publish_id").asText();
    String body = "{\"publish_id\":\"" + publishId + "\"}";

    JsonNode foreign = post("/v2/post/publish/status/fetch/", body, TikTokHarness.PRIVATE_TOKEN);
    JsonNode cancel = post("/v2/post/publish/cancel/", body, TikTokHarness.TOKEN);

    assertThat(foreign.path("error").path("code").asText())
        .isEqualTo("token_not_authorized_for_specified_publish_id");
    assertThat(cancel.path("error").path("code").asText()).isEqualTo("publish_not_cancellable");
  }

  private JsonNode init(long size, long chunk, long count) throws Exception {
    String body =
        "{\"post_info\":{\"title\":\"t\",\"privacy_level\":\"PUBLIC_TO_EVERYONE\"},"
            + "\"source_info\":{\"source\":\"FILE_UPLOAD\",\"video_size\":"
            + size
            + ",\"chunk_size\":"
            + chunk
            + ",\"total_chunk_count\":"
            + count
            + "}}";
    return post("/v2/post/publish/video/init/", body, TikTokHarness.TOKEN);
  }

  private JsonNode post(String path, String body, String token)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(h.fake.baseUri().resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return Json.parse(response.body());
  }

  private HttpResponse<String> put(URI upload, long first, long last, long total)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(upload)
            .header("Content-Range", "bytes " + first + "-" + last + "/" + total)
            .header("Content-Type", "video/mp4")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) (last - first + 1)]))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
