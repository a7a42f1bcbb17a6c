package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One publish task of a {@link FakeTikTok}: how it was started, how far its upload got, and where
 * it is in {@code PROCESSING_UPLOAD}/{@code PROCESSING_DOWNLOAD} → {@code PUBLISH_COMPLETE} (or
 * {@code SEND_TO_USER_INBOX}, or {@code FAILED}). Mutable; guarded by the fake's lock.
 */
final class FakeTikTokTask {

  static final Duration UPLOAD_URL_TTL = Duration.ofHours(1);

  private static final Pattern RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

  enum State {
    UPLOADING,
    PROCESSING,
    COMPLETE,
    INBOX,
    FAILED
  }

  final String publishId;
  final FakeTikTokAccounts.Account account;
  final boolean photo;
  final boolean inbox;
  final boolean pull;
  final String privacy;
  final String text;
  final List<String> media;
  final long videoSize;
  final long chunkSize;
  final long chunkCount;
  final String uploadId;
  final String uploadToken;
  final Instant createdAt;
  String failReason;
  String postId;
  long received;
  State state;
  int pollsLeft;
  int moderationLeft;

  FakeTikTokTask(
      String publishId,
      FakeTikTokAccounts.Account account,
      boolean photo,
      boolean inbox,
      boolean pull,
      String privacy,
      String text,
      List<String> media,
      long[] chunks,
      String uploadId,
      String uploadToken,
      Instant createdAt) {
    this.publishId = publishId;
    this.account = account;
    this.photo = photo;
    this.inbox = inbox;
    this.pull = pull;
    this.privacy = privacy;
    this.text = text;
    this.media = List.copyOf(media);
    this.videoSize = chunks[0];
    this.chunkSize = chunks[1];
    this.chunkCount = chunks[2];
    this.uploadId = uploadId;
    this.uploadToken = uploadToken;
    this.createdAt = createdAt;
    this.state = pull ? State.PROCESSING : State.UPLOADING;
  }

  /** Whether TikTok would report a post id: a public direct post. */
  boolean isPublic() {
    return !inbox && !privacy.equals("SELF_ONLY");
  }

  /**
   * {@code PUT {upload_url}}: the chunk named by {@code Content-Range}, in order and on the chunk
   * boundaries declared at init; 206 with the progress while more are expected, 201 when done, 416
   * with the progress when the range does not continue it, 400 for a malformed range, a wrong
   * total, a wrong chunk boundary or a body of the wrong length.
   */
  FakeResponse acceptChunk(FakeRequest request, int processingPolls) {
    Matcher range = RANGE.matcher(request.header("Content-Range").orElse("").trim());
    if (!range.matches() || Long.parseLong(range.group(3)) != videoSize) {
      return FakeResponse.empty(400);
    }
    long first = Long.parseLong(range.group(1));
    long last = Long.parseLong(range.group(2));
    if (state != State.UPLOADING || first != received) {
      return FakeResponse.empty(416).withHeader("Content-Range", progress());
    }
    long index = first / chunkSize;
    long expectedLast = index >= chunkCount - 1 ? videoSize - 1 : (index + 1) * chunkSize - 1;
    if (first % chunkSize != 0
        || last != expectedLast
        || request.body().length != last - first + 1
        || !request.header("Content-Type").orElse("").startsWith("video/")) {
      return FakeResponse.empty(400);
    }
    received = last + 1;
    if (received < videoSize) {
      return FakeResponse.empty(206).withHeader("Content-Range", progress());
    }
    state = State.PROCESSING;
    pollsLeft = processingPolls;
    return FakeResponse.empty(201).withHeader("Content-Range", progress());
  }

  /** {@code bytes 0-<last received>/<total>}, or {@code bytes *}{@code /<total>} before any. */
  String progress() {
    return received == 0 ? "bytes */" + videoSize : "bytes 0-" + (received - 1) + "/" + videoSize;
  }

  /** The status/fetch response for the current state. */
  FakeResponse status() {
    return switch (state) {
      case UPLOADING ->
          processing("tiktok-status-processing-upload.json", "uploaded_bytes", received);
      case PROCESSING ->
          pull
              ? processing("tiktok-status-processing-download.json", "downloaded_bytes", 10_485_760)
              : processing("tiktok-status-processing-upload.json", "uploaded_bytes", videoSize);
      case INBOX -> FakeResponse.of(Fixtures.get("tiktok-status-send-to-inbox.json"));
      case FAILED -> failed();
      case COMPLETE -> complete();
    };
  }

  private FakeResponse processing(String fixture, String field, long bytes) {
    FakeResponse response = FakeResponse.of(Fixtures.get(fixture));
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    ((ObjectNode) body.path("data")).put(field, bytes);
    return response.withBody(Json.write(body));
  }

  private FakeResponse failed() {
    String fixture =
        failReason.endsWith("_pull_failed")
            ? "tiktok-status-failed-pull.json"
            : "tiktok-status-failed.json";
    FakeResponse response = FakeResponse.of(Fixtures.get(fixture));
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    ((ObjectNode) body.path("data")).put("fail_reason", failReason);
    return response.withBody(Json.write(body));
  }

  private FakeResponse complete() {
    boolean withId = postId != null && moderationLeft == 0;
    if (moderationLeft > 0) {
      moderationLeft--;
    }
    String fixture = withId ? "tiktok-status-complete.json" : "tiktok-status-complete-private.json";
    FakeResponse response = FakeResponse.of(Fixtures.get(fixture));
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    ObjectNode data = (ObjectNode) body.path("data");
    ArrayNode ids = data.putArray("publicaly_available_post_id");
    if (withId) {
      ids.add(new BigInteger(postId));
    }
    if (pull) {
      data.remove("uploaded_bytes");
    } else {
      data.put("uploaded_bytes", videoSize);
    }
    return response.withBody(Json.write(body));
  }
}
