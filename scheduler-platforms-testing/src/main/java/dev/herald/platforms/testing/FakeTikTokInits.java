package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a {@link FakeTikTok} checks an init request like TikTok does and starts a
 * task. Called under the fake's lock; the counters make the first ids the fixtures' own.
 */
final class FakeTikTokInits {
  // TikTok's limits, from its Content Posting API reference (developers.tiktok.com/doc/
  // content-posting-api-reference-direct-post, .../content-posting-api-reference-photo-post) and
  // the media transfer guide (developers.tiktok.com/doc/content-posting-api-media-transfer-guide):
  // stated here, not borrowed from the adapter, so that a wrong limit there shows up in tests.
  /** {@code post_info.title} of a video, in UTF-16 code units. */
  private static final int VIDEO_TITLE_MAX = 2_200;
  /** {@code post_info.title} of a photo post. */
  private static final int PHOTO_TITLE_MAX = 90;
  /** {@code post_info.description} of a photo post. */
  private static final int PHOTO_DESCRIPTION_MAX = 4_000;
  /** {@code source_info.photo_images}: 1 to 35. */
  private static final int MAX_PHOTOS = 35;
  /** A chunk other than the last: 5 MB to 64 MB, at most 1,000 chunks. */
  private static final long MIN_CHUNK_SIZE = 5L * 1024 * 1024;
  private static final long MAX_CHUNK_SIZE = 64_000_000L;
  private static final int MAX_CHUNKS = 1_000;


  /** A started task and the init response, or no task and the error response. */
  record Result(FakeTikTokTask task, FakeResponse response) {}

  static final int MAX_PENDING_SHARES = 5;

  private final boolean unaudited;
  private final List<String> verifiedPrefixes;
  private final int dailyPostCap;
  private final AtomicLong publishIds = new AtomicLong(123_456_789L);
  private final AtomicLong uploadIds = new AtomicLong(67_890L);

  FakeTikTokInits(boolean unaudited, List<String> verifiedPrefixes, int dailyPostCap) {
    this.unaudited = unaudited;
    this.verifiedPrefixes = List.copyOf(verifiedPrefixes);
    this.dailyPostCap = dailyPostCap;
  }

  /** Checks and starts a {@code kind} ({@code video}, {@code inbox}, {@code photo}) init. */
  Result start(
      String kind, JsonNode body, FakeTikTokAccounts.Account account, String fail, Instant now) {
    boolean photo = kind.equals("photo");
    String mode = body.path("post_mode").asText("");
    boolean inbox = kind.equals("inbox") || photo && mode.equals("MEDIA_UPLOAD");
    JsonNode info = body.path("post_info");
    JsonNode source = body.path("source_info");
    if (photo
        && (!body.path("media_type").asText("").equals("PHOTO")
            || !mode.equals("DIRECT_POST") && !mode.equals("MEDIA_UPLOAD"))) {
      return refused("tiktok-error-invalid-param.json");
    }
    String privacy = inbox ? "" : info.path("privacy_level").asText("");
    if (!inbox && !account.privacyOptions().contains(privacy)) {
      return refused("tiktok-error-privacy-mismatch.json");
    }
    if (!inbox && unaudited && !account.privateAccount) {
      return refused("tiktok-error-unaudited.json");
    }
    if (!inbox && FakeTikTokAccounts.Account.inLastDay(account.directPosts, now) >= dailyPostCap) {
      return refused("tiktok-error-spam-too-many-posts.json");
    }
    if (inbox
        && FakeTikTokAccounts.Account.inLastDay(account.inboxShares, now) >= MAX_PENDING_SHARES) {
      return refused("tiktok-error-pending-share.json");
    }
    String title = info.path("title").asText("");
    String description = info.path("description").asText("");
    int titleMax = photo ? PHOTO_TITLE_MAX : VIDEO_TITLE_MAX;
    if (title.length() > titleMax || description.length() > PHOTO_DESCRIPTION_MAX) {
      return refused("tiktok-error-invalid-param.json");
    }
    List<String> media = new ArrayList<>();
    long[] chunks = {0, 1, 0};
    String src = source.path("source").asText("");
    String refusal;
    if (photo) {
      source.path("photo_images").forEach(u -> media.add(u.asText()));
      int cover = source.path("photo_cover_index").asInt(0);
      refusal =
          !src.equals("PULL_FROM_URL")
                  || media.isEmpty()
                  || media.size() > MAX_PHOTOS
                  || cover < 0
                  || cover >= media.size()
              ? "tiktok-error-invalid-param.json"
              : unverified(media);
    } else if (src.equals("PULL_FROM_URL")) {
      media.add(source.path("video_url").asText(""));
      refusal = unverified(media);
    } else if (src.equals("FILE_UPLOAD")) {
      chunks =
          new long[] {
            source.path("video_size").asLong(0),
            source.path("chunk_size").asLong(0),
            source.path("total_chunk_count").asLong(0)
          };
      refusal = validChunks(chunks) ? null : "tiktok-error-invalid-param.json";
    } else {
      refusal = "tiktok-error-invalid-param.json";
    }
    if (refusal != null) {
      return refused(refusal);
    }
    boolean pull = !src.equals("FILE_UPLOAD");
    String publishId = publishId(photo, inbox, pull);
    String uploadId = pull ? null : Long.toString(uploadIds.getAndIncrement());
    if (!pull) {
      media.add("upload:" + uploadId);
    }
    (inbox ? account.inboxShares : account.directPosts).add(now);
    FakeTikTokTask task =
        new FakeTikTokTask(
            publishId,
            account,
            photo,
            inbox,
            pull,
            inbox ? "" : unaudited ? "SELF_ONLY" : privacy,
            photo ? description : title,
            media,
            chunks,
            uploadId,
            pull ? null : "Xza" + UUID.randomUUID().toString().replace("-", ""),
            now);
    task.failReason = fail;
    String fixture =
        photo
            ? "tiktok-photo-init-ok.json"
            : inbox
                ? "tiktok-inbox-init-ok.json"
                : pull ? "tiktok-init-pull-ok.json" : "tiktok-init-ok.json";
    FakeResponse response = FakeResponse.of(Fixtures.get(fixture));
    ObjectNode json = (ObjectNode) Json.parse(response.body());
    ((ObjectNode) json.path("data")).put("publish_id", publishId);
    return new Result(task, response.withBody(Json.write(json)));
  }

  /** {@code response} with its {@code upload_url} pointing at {@code base} (none for pulls). */
  static FakeResponse withUploadUrl(FakeResponse response, FakeTikTokTask task, URI base) {
    ObjectNode json = (ObjectNode) Json.parse(response.body());
    ObjectNode data = (ObjectNode) json.path("data");
    if (task.uploadId == null) {
      data.remove("upload_url");
    } else {
      data.put(
          "upload_url",
          base + "/video/?upload_id=" + task.uploadId + "&upload_token=" + task.uploadToken);
    }
    return response.withBody(Json.write(json));
  }

  /** An error in TikTok's envelope, for codes without a fixture. */
  static FakeResponse error(int status, String code, String message) {
    ObjectNode body = Json.object();
    body.putObject("data");
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("log_id", "20261120123107FAKE" + status);
    return FakeResponse.json(status, new String(Json.write(body), StandardCharsets.UTF_8));
  }

  private String publishId(boolean photo, boolean inbox, boolean pull) {
    long n = publishIds.getAndIncrement();
    if (photo) {
      return (inbox ? "p_inbox_url~v2." : "p_pub_url~v2.") + n;
    }
    if (inbox) {
      return (pull ? "v_inbox_url~v2." : "v_inbox_file~v2.") + n;
    }
    return (pull ? "v_pub_url~v2." : "v_pub_file~v2-1.") + n;
  }

  /** The fixture refusing {@code urls}: not https, or outside the verified prefixes; else null. */
  private String unverified(List<String> urls) {
    for (String url : urls) {
      if (!url.startsWith("https://")) {
        return "tiktok-error-invalid-param.json";
      }
      if (!verifiedPrefixes.isEmpty() && verifiedPrefixes.stream().noneMatch(url::startsWith)) {
        return "tiktok-error-url-ownership.json";
      }
    }
    return null;
  }

  /**
   * The Media Transfer Guide's rules: {@code count = floor(size / chunk)}, 1 to 1,000 chunks, every
   * chunk but the last 5–64 MB when there are several, and a file above 64 MB in several chunks.
   */
  static boolean validChunks(long[] chunks) {
    long size = chunks[0];
    long chunk = chunks[1];
    long count = chunks[2];
    if (size <= 0
        || chunk <= 0
        || count < 1
        || count > MAX_CHUNKS
        || count != size / chunk) {
      return false;
    }
    if (count == 1) {
      return size <= MAX_CHUNK_SIZE;
    }
    return chunk >= MIN_CHUNK_SIZE && chunk <= MAX_CHUNK_SIZE;
  }

  private static Result refused(String fixture) {
    return new Result(null, FakeResponse.of(Fixtures.get(fixture)));
  }
}
