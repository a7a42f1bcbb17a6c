package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The Reels Publishing API of a {@link FakeFacebook}, after Meta's guide
 * (https://developers.facebook.com/docs/video-api/guides/reels-publishing/) and Meta's sample
 * (fbsamples/reels_publishing_apis, fb_reels_publishing_api_sample/index.js):
 *
 * <ul>
 *   <li>{@code POST /{page-id}/video_reels upload_phase=start} (Page token) answers {@code video_id}
 *       and {@code upload_url} ({@code https://rupload.facebook.com/video-upload/<version>/<id>},
 *       rewritten to this fake);
 *   <li>{@code POST /video-upload/<version>/<id>} needs {@code Authorization: OAuth <token of the
 *       reel's Page>} and either a {@code file_url} header (an {@code https:} URL) or the bytes
 *       with {@code offset: 0} and {@code file_size} equal to their length; a second upload is
 *       refused. Errors come in rupload's {@code debug_info} envelope (shape as observed from the
 *       Instagram rupload host; the wording is illustrative);
 *   <li>{@code upload_phase=finish} needs the {@code video_id} of an uploaded, unfinished reel of
 *       this Page and a {@code video_state} of PUBLISHED, DRAFT or SCHEDULED (SCHEDULED with a
 *       {@code scheduled_publish_time} in the future), else 100; it answers {@code {"success":
 *       true}} and records the reel in the ledger;
 *   <li>{@code GET /{video-id}?fields=status} answers the guide's phases ({@code uploading_phase},
 *       {@code processing_phase}, {@code publishing_phase}): not started before the finish, then
 *       processing for the fake's video polls (publishing {@code in_progress}), then {@code ready}
 *       and {@code complete}. An uploaded MP4 outside the guide's 3–90 s fails processing ({@code
 *       video_status=error}), which is how Facebook refuses a reel it cannot use.
 * </ul>
 *
 * <p>State is guarded by {@code lock}; this class is threadsafe.
 */
final class FakeFacebookReels {

  private static final Set<String> STATES = Set.of("PUBLISHED", "DRAFT", "SCHEDULED");

  private static final class Reel {
    final String id;
    final String page;
    boolean uploaded;
    long bytes;
    OptionalDouble seconds = OptionalDouble.empty();
    String state;
    int polls;

    Reel(String id, String page) {
      this.id = id;
      this.page = page;
    }
  }

  private final FakeFacebook fake;
  private final int videoPolls;
  private final Object lock = new Object();
  private final Map<String, Reel> reels = new HashMap<>();
  private long seq = 1_220_000_000_000_000L;

  FakeFacebookReels(FakeFacebook fake, int videoPolls) {
    this.fake = fake;
    this.videoPolls = videoPolls;
  }

  /** {@code POST /{page-id}/video_reels}: start or finish. */
  FakeResponse videoReels(FakeRequest r) {
    String page = r.pathParam("page-id").orElse("");
    fake.pageAuth(r, page);
    String phase = r.param("upload_phase").orElse("");
    if (phase.equals("start")) {
      synchronized (lock) {
        String id = Long.toString(seq++);
        reels.put(id, new Reel(id, page));
        ObjectNode body =
            Json.object()
                .put("video_id", id)
                .put(
                    "upload_url",
                    "https://rupload.facebook.com/video-upload/" + version(r) + "/" + id);
        return json(body);
      }
    }
    if (!phase.equals("finish")) {
      return FakeGraph.error(
          400, 100, null, "(#100) upload_phase must be one of start, transfer, finish");
    }
    String state = r.param("video_state").orElse("");
    if (!STATES.contains(state)) {
      return FakeGraph.error(
          400, 100, null, "(#100) video_state must be one of PUBLISHED, DRAFT, SCHEDULED");
    }
    if (state.equals("SCHEDULED") && !scheduledInFuture(r)) {
      return fake.fixture("facebook-error-scheduled-time.json");
    }
    synchronized (lock) {
      Reel reel = reels.get(r.param("video_id").orElse(""));
      if (reel == null || !reel.page.equals(page)) {
        return FakeGraph.error(400, 100, 33, "(#100) Invalid video_id");
      }
      if (!reel.uploaded || reel.state != null) {
        return FakeGraph.error(
            400,
            100,
            null,
            "(#100) Reel "
                + reel.id
                + (reel.uploaded ? " was already finished" : " has no uploaded video"));
      }
      reel.state = state;
      reel.polls = videoPolls;
      Instant now = fake.clock().instant();
      Optional<URI> url =
          state.equals("PUBLISHED")
              ? Optional.of(URI.create("https://www.facebook.com/reel/" + reel.id + "/"))
              : Optional.empty();
      fake.ledger()
          .record(
              new LedgerEntry(
                  fake.platform(),
                  page,
                  reel.id,
                  url,
                  r.param("description").orElse(""),
                  List.of(reel.id),
                  Optional.empty(),
                  now));
      return fake.withUsage(page, json(Json.object().put("success", true)));
    }
  }

  /** {@code POST /video-upload/<version>/<video-id>} on the rupload host. */
  FakeResponse upload(FakeRequest r) {
    String id = r.pathParam("video-id").orElse("");
    Reel reel;
    synchronized (lock) {
      reel = reels.get(id);
    }
    if (reel == null) {
      return ruploadError("no upload session for video " + id);
    }
    fake.pageAuth(r, reel.page);
    Optional<String> fileUrl = r.header("file_url");
    long size = r.body().length;
    if (fileUrl.isPresent()) {
      if (!fileUrl.get().startsWith("https://")) {
        return ruploadError("file_url must be a public https: URL");
      }
    } else if (size == 0
        || !r.header("offset").orElse("").equals("0")
        || !r.header("file_size").orElse("").equals(Long.toString(size))) {
      return ruploadError("offset must be 0 and file_size the body length (" + size + ")");
    }
    OptionalDouble seconds = fileUrl.isPresent() ? OptionalDouble.empty() : Mp4Header.seconds(r.body());
    synchronized (lock) {
      if (reel.uploaded) {
        return ruploadError("video " + id + " was already uploaded");
      }
      reel.uploaded = true;
      reel.bytes = size;
      reel.seconds = seconds;
    }
    return json(Json.object().put("success", true));
  }

  /** {@code GET /{video-id}?fields=status} of a reel; empty if {@code id} is not one. */
  Optional<FakeResponse> node(FakeRequest r, String id) {
    Reel reel;
    synchronized (lock) {
      reel = reels.get(id);
    }
    if (reel == null) {
      return Optional.empty();
    }
    fake.pageAuth(r, reel.page);
    ObjectNode body = Json.object().put("id", id);
    ObjectNode status = body.putObject("status");
    synchronized (lock) {
      status
          .putObject("uploading_phase")
          .put("status", reel.uploaded ? "complete" : "not_started")
          .put("bytes_transferred", reel.bytes);
      ObjectNode processing = status.putObject("processing_phase");
      ObjectNode publishing = status.putObject("publishing_phase");
      if (reel.state == null) {
        status.put("video_status", reel.uploaded ? "upload_complete" : "uploading");
        processing.put("status", "not_started");
        publishing.put("status", "not_started");
      } else if (reel.seconds.isPresent()
          && (reel.seconds.getAsDouble() < 3 || reel.seconds.getAsDouble() > 90)) {
        status.put("video_status", "error");
        processing.put("status", "error");
        // Code and wording illustrative: Meta does not document the processing error of a reel.
        processing
            .putArray("errors")
            .addObject()
            .put("code", 1363130)
            .put("message", "Reels must be 3 to 90 seconds long");
        publishing.put("status", "not_started");
      } else if (reel.polls > 0) {
        reel.polls--;
        status.put("video_status", "processing");
        processing.put("status", "in_progress");
        publishing.put("status", reel.state.equals("DRAFT") ? "not_started" : "in_progress");
      } else {
        status.put("video_status", "ready");
        processing.put("status", "complete");
        if (reel.state.equals("DRAFT")) {
          publishing.put("status", "not_started");
        } else {
          publishing
              .put("status", "complete")
              .put("publish_status", reel.state.equals("SCHEDULED") ? "scheduled" : "published");
        }
      }
    }
    return Optional.of(json(body));
  }

  private boolean scheduledInFuture(FakeRequest r) {
    Optional<String> value = r.param("scheduled_publish_time");
    if (value.isEmpty()) {
      return false;
    }
    Instant at;
    try {
      at =
          value.get().matches("\\d{9,11}")
              ? Instant.ofEpochSecond(Long.parseLong(value.get()))
              : OffsetDateTime.parse(value.get()).toInstant();
    } catch (DateTimeException e) {
      return false;
    }
    return at.isAfter(fake.clock().instant());
  }

  private static FakeResponse ruploadError(String message) {
    ObjectNode body = Json.object();
    body.putObject("debug_info")
        .put("retriable", false)
        .put("type", "ProcessingFailedError")
        .put("message", message);
    return json(400, body);
  }

  private static FakeResponse json(ObjectNode body) {
    return json(200, body);
  }

  private static FakeResponse json(int status, ObjectNode body) {
    return FakeResponse.json(status, new String(Json.write(body), StandardCharsets.UTF_8));
  }

  private static String version(FakeRequest r) {
    String path = r.path();
    int second = path.indexOf('/', 1);
    return second < 0 ? "v25.0" : path.substring(1, second);
  }
}
