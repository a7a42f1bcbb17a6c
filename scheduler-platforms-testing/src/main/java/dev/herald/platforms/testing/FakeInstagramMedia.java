package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The container and media routes of a {@link FakeInstagram}: create, poll, upload, publish, list,
 * the publishing limit, and the media fields. State is guarded by {@link #lock}.
 */
final class FakeInstagramMedia {

  /** A published post. */
  record Published(
      String id,
      String account,
      String containerId,
      String caption,
      String type,
      URI permalink,
      Instant at,
      boolean story) {}

  private final FakeInstagram fake;
  private final int imagePolls;
  private final int videoPolls;
  private final int quotaTotal;
  final Object lock = new Object();
  final Map<String, FakeInstagramContainer> containers = new LinkedHashMap<>();
  final Map<String, Published> media = new LinkedHashMap<>();
  private long nextContainer = 17_889_455_560_051_444L;
  private long nextMedia = 17_920_238_422_030_506L;
  int expireNext;
  int failNext;
  int failSubcode;
  int notReadyNext;
  int lostNext;
  /** Durations of videos by URL; a video not listed lasts {@link #DEFAULT_DURATION}. */
  final Map<String, Duration> durations = new HashMap<>();
  int premature;
  int repeated;

  /** How long a video the test did not describe lasts: fine for reels and stories alike. */
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

  /** Reel video duration: 3 s to 15 min (IG User Media reference, Reel specifications). */
  static final Duration REEL_MIN = Duration.ofSeconds(3);

  static final Duration REEL_MAX = Duration.ofMinutes(15);

  /** Story video duration: 3 s to 60 s (IG User Media reference, Story video specifications). */
  static final Duration STORY_MAX = Duration.ofSeconds(60);

  /**
   * The subcode of a container whose video is outside its kind's specification. The Instagram
   * error codes reference has no duration subcode; 2207026 ("Unsupported video format", check the
   * video specifications) is the one it gives for a video out of spec, reported in the
   * container's {@code status} text.
   */
  static final int VIDEO_OUT_OF_SPEC = 2207026;

  FakeInstagramMedia(FakeInstagram fake, int imagePolls, int videoPolls, int quotaTotal) {
    this.fake = fake;
    this.imagePolls = imagePolls;
    this.videoPolls = videoPolls;
    this.quotaTotal = quotaTotal;
  }

  FakeResponse create(FakeRequest r) {
    String account = fake.authorize(r, r.pathParam("ig-user-id").orElse(""));
    String type = r.param("media_type").orElse("IMAGE");
    boolean item = r.param("is_carousel_item").filter("true"::equals).isPresent();
    boolean resumable = r.param("upload_type").filter("resumable"::equals).isPresent();
    String caption = r.param("caption").orElse("");
    int length = caption.codePointCount(0, caption.length());
    if (length > 2200) {
      return FakeGraph.replace(
          fake.fixture("instagram-error-caption-too-long.json"), "2315", "" + length);
    }
    List<String> children = new ArrayList<>();
    String url;
    synchronized (lock) {
      if (type.equals("CAROUSEL")) {
        children.addAll(
            Arrays.stream(r.param("children").orElse("").split(","))
                .filter(s -> !s.isBlank())
                .toList());
        if (children.size() < 2 || children.size() > 10) {
          return fake.fixture("instagram-error-carousel-count.json");
        }
        for (String child : children) {
          FakeInstagramContainer c = containers.get(child);
          if (c == null || !c.account.equals(account) || !c.carouselItem) {
            return FakeGraph.error(400, 100, 2207028, "Invalid parameter: unknown child " + child);
          }
          if (!c.status(fake.clock().instant(), false).equals("FINISHED")) {
            return fake.fixture("instagram-error-media-not-ready.json");
          }
        }
        url = "";
      } else if (type.equals("IMAGE") || storyImage(type, r, resumable)) {
        url = r.param("image_url").orElse("");
        if (!isJpeg(url)) {
          return fake.fixture("instagram-error-image-format.json");
        }
      } else if (type.equals("REELS") || type.equals("VIDEO") || type.equals("STORIES")) {
        url = resumable ? "" : r.param("video_url").orElse("");
        if (!resumable && url.isEmpty()) {
          return FakeGraph.error(400, 100, null, "(#100) The parameter video_url is required");
        }
        Optional<FakeResponse> refused = reelParams(type, r);
        if (refused.isPresent()) {
          return refused.get();
        }
      } else {
        return FakeGraph.error(400, 100, 2207023, "The media type " + type + " is unknown");
      }
      if (item && (type.equals("STORIES") || type.equals("REELS"))) {
        // Carousel items are IMAGE or VIDEO (IG User Media reference, carousel containers).
        return FakeGraph.error(400, 100, 2207023, "The media type " + type + " is unknown");
      }
      boolean story = type.equals("STORIES");
      boolean video =
          !type.equals("IMAGE") && !type.equals("CAROUSEL") && !storyImage(type, r, resumable);
      String id = Long.toString(nextContainer++);
      // A story shows no caption: the IG User Media reference lists caption for images, reels
      // and carousels only; what a client sends with a story is not shown, so it is not kept.
      FakeInstagramContainer c =
          new FakeInstagramContainer(
              id,
              account,
              type,
              item,
              children,
              story ? "" : caption,
              url,
              fake.clock().instant(),
              resumable);
      c.video = video;
      c.pollsLeft = video ? videoPolls : imagePolls;
      Integer outOfSpec = video ? durationError(type, url) : null;
      if (outOfSpec != null) {
        c.errorSubcode = outOfSpec;
      } else if (expireNext > 0) {
        expireNext--;
        c.forcedExpired = true;
      } else if (failNext > 0) {
        failNext--;
        c.errorSubcode = failSubcode;
      } else if (lostNext > 0) {
        lostNext--;
        c.lost = true;
      }
      containers.put(id, c);
      if (resumable) {
        String uri = "https://rupload.facebook.com/ig-api-upload/" + version(r) + "/" + id;
        return FakeGraph.edit(
            fake.fixture("instagram-container-created-resumable.json"),
            b -> b.put("id", id).put("uri", uri));
      }
      return FakeGraph.edit(fake.fixture("instagram-container-created.json"), b -> b.put("id", id));
    }
  }

  FakeResponse upload(FakeRequest r) {
    String account = fake.authorize(r);
    synchronized (lock) {
      FakeInstagramContainer c = containers.get(r.pathParam("container-id").orElse(""));
      if (c == null || !c.account.equals(account) || !c.resumable || c.uploaded) {
        return ruploadError("no resumable upload session for this container");
      }
      long size = r.body().length;
      if (!r.header("offset").orElse("").equals("0")
          || !r.header("file_size").orElse("").equals(Long.toString(size))) {
        return ruploadError("offset must be 0 and file_size the body length (" + size + ")");
      }
      c.uploaded = true;
      return fake.fixture("instagram-rupload-success.json");
    }
  }

  FakeResponse node(FakeRequest r) {
    String account = fake.authorize(r);
    String id = r.pathParam("id").orElse("");
    synchronized (lock) {
      FakeInstagramContainer c = containers.get(id);
      if (c != null) {
        if (!c.account.equals(account)) {
          return fake.fixture("instagram-error-permission.json");
        }
        return status(c, c.status(fake.clock().instant(), true));
      }
      Published p = media.get(id);
      if (p == null || !p.account().equals(account)) {
        return FakeGraph.error(
            400, 100, 33, "Unsupported get request. Object with ID '" + id + "' does not exist");
      }
      return FakeGraph.edit(
          fake.fixture("instagram-media-permalink.json"),
          b ->
              b.put("id", p.id())
                  .put("permalink", p.permalink().toString())
                  .put("timestamp", FakeGraph.time(p.at()))
                  .put("media_type", p.type()));
    }
  }

  private FakeResponse status(FakeInstagramContainer c, String status) {
    String file =
        switch (status) {
          case "FINISHED" -> "instagram-container-status-finished.json";
          case "PUBLISHED" -> "instagram-container-status-published.json";
          case "EXPIRED" -> "instagram-container-status-expired.json";
          case "ERROR" -> "instagram-container-status-error.json";
          default -> "instagram-container-status-in-progress.json";
        };
    FakeResponse response = FakeGraph.edit(fake.fixture(file), b -> b.put("id", c.id));
    return status.equals("ERROR")
        ? FakeGraph.replace(response, "2207026", Integer.toString(c.errorSubcode))
        : response;
  }

  FakeResponse publish(FakeRequest r) {
    String account = fake.authorize(r, r.pathParam("ig-user-id").orElse(""));
    String id = r.param("creation_id").orElse("");
    Instant now = fake.clock().instant();
    synchronized (lock) {
      FakeInstagramContainer c = containers.get(id);
      String status =
          c == null || !c.account.equals(account) || c.lost ? "MISSING" : c.status(now, false);
      switch (status) {
        case "MISSING":
          return mediaNotFound(id);
        case "EXPIRED":
          return builderExpired(id);
        case "PUBLISHED":
          repeated++;
          return builderExpired(id);
        case "FINISHED":
          break;
        default:
          premature++;
          return fake.fixture("instagram-error-media-not-ready.json");
      }
      if (!c.finishedSeen) {
        premature++;
      }
      if (notReadyNext > 0) {
        notReadyNext--;
        return fake.fixture("instagram-error-media-not-ready.json");
      }
      if (publishedWithin24h(account, now) >= quotaTotal) {
        return fake.fixture("instagram-error-publish-limit.json");
      }
      String mediaId = Long.toString(nextMedia++);
      URI permalink =
          URI.create(fake.baseUri() + "/p/FAKE" + mediaId.substring(mediaId.length() - 6) + "/");
      c.mediaId = mediaId;
      media.put(
          mediaId,
          new Published(
              mediaId,
              account,
              id,
              c.caption,
              c.publishedType(),
              permalink,
              now,
              c.mediaType.equals("STORIES")));
      fake.ledger()
          .record(
              new LedgerEntry(
                  fake.platform(),
                  account,
                  mediaId,
                  Optional.of(permalink),
                  c.caption,
                  c.children.isEmpty() ? List.of(id) : c.children,
                  Optional.empty(),
                  now));
      return FakeGraph.edit(
          fake.fixture("instagram-media-published.json"), b -> b.put("id", mediaId));
    }
  }

  FakeResponse list(FakeRequest r) {
    String account = fake.authorize(r, r.pathParam("ig-user-id").orElse(""));
    int limit = Integer.parseInt(r.param("limit").filter(l -> l.matches("\\d{1,3}")).orElse("25"));
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    synchronized (lock) {
      // Stories are not in /{ig-user-id}/media; they are listed by /{ig-user-id}/stories.
      List<Published> mine =
          new ArrayList<>(
              media.values().stream()
                  .filter(p -> p.account().equals(account) && !p.story())
                  .toList());
      Collections.reverse(mine);
      mine.stream()
          .limit(limit)
          .forEach(
              p ->
                  data.addObject()
                      .put("id", p.id())
                      .put("caption", p.caption())
                      .put("timestamp", FakeGraph.time(p.at()))
                      .put("permalink", p.permalink().toString()));
    }
    return FakeResponse.json(200, new String(Json.write(body), StandardCharsets.UTF_8));
  }

  /**
   * {@code GET /{ig-user-id}/stories}: the account's stories of the last 24 hours, newest first,
   * with {@code id}, {@code media_type}, {@code timestamp} and {@code permalink} (IG User Stories
   * reference, https://developers.facebook.com/docs/instagram-api/reference/ig-user/stories; the
   * fields are those of IG Media). A story has no caption.
   */
  FakeResponse stories(FakeRequest r) {
    String account = fake.authorize(r, r.pathParam("ig-user-id").orElse(""));
    Instant since = fake.clock().instant().minus(FakeInstagramContainer.LIFETIME);
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    synchronized (lock) {
      List<Published> mine =
          new ArrayList<>(
              media.values().stream()
                  .filter(p -> p.account().equals(account) && p.story() && p.at().isAfter(since))
                  .toList());
      Collections.reverse(mine);
      mine.forEach(
          p ->
              data.addObject()
                  .put("id", p.id())
                  .put("media_type", p.type())
                  .put("timestamp", FakeGraph.time(p.at()))
                  .put("permalink", p.permalink().toString()));
    }
    return FakeResponse.json(200, new String(Json.write(body), StandardCharsets.UTF_8));
  }

  /** A story container given an {@code image_url} is an image story. */
  private static boolean storyImage(String type, FakeRequest r, boolean resumable) {
    return type.equals("STORIES") && !resumable && r.param("image_url").isPresent();
  }

  private static boolean isJpeg(String url) {
    String path = URI.create(url.isEmpty() ? "x:/" : url).getPath();
    String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jpg") || lower.endsWith(".jpeg");
  }

  /**
   * The refusal of a reel's invalid parameters, as the Graph API refuses a value of the wrong type
   * (code 100, "Invalid parameter"): {@code share_to_feed} a boolean, {@code thumb_offset} an
   * integer of milliseconds; {@code cover_url} a JPEG (Reels cover photo specifications: JPEG,
   * 8 MB). The parameters are those of the IG User Media reference.
   */
  private Optional<FakeResponse> reelParams(String type, FakeRequest r) {
    if (!type.equals("REELS")) {
      return Optional.empty();
    }
    if (r.param("share_to_feed").filter(v -> !v.equals("true") && !v.equals("false")).isPresent()
        || r.param("thumb_offset").filter(v -> !v.matches("\\d{1,10}")).isPresent()) {
      return Optional.of(FakeGraph.error(400, 100, null, "(#100) Invalid parameter"));
    }
    if (r.param("cover_url").filter(v -> !isJpeg(v)).isPresent()) {
      return Optional.of(fake.fixture("instagram-error-image-format.json"));
    }
    return Optional.empty();
  }

  /**
   * The {@code ERROR} subcode for a video outside its kind's duration (reels 3 s–15 min, stories
   * 3–60 s), or null; a resumable video is taken to last {@link #DEFAULT_DURATION}.
   */
  private Integer durationError(String type, String url) {
    Duration d = durations.getOrDefault(url, DEFAULT_DURATION);
    Duration max =
        switch (type) {
          case "REELS" -> REEL_MAX;
          case "STORIES" -> STORY_MAX;
          default -> null;
        };
    if (max == null) {
      return null;
    }
    return d.compareTo(REEL_MIN) < 0 || d.compareTo(max) > 0 ? VIDEO_OUT_OF_SPEC : null;
  }

  FakeResponse limit(FakeRequest r) {
    String account = fake.authorize(r, r.pathParam("ig-user-id").orElse(""));
    int used;
    synchronized (lock) {
      used = publishedWithin24h(account, fake.clock().instant());
    }
    return FakeGraph.edit(
        fake.fixture("instagram-content-publishing-limit.json"),
        b -> {
          ObjectNode entry = (ObjectNode) b.path("data").path(0);
          entry.put("quota_usage", used);
          ((ObjectNode) entry.path("config")).put("quota_total", quotaTotal);
        });
  }

  private int publishedWithin24h(String account, Instant now) {
    Instant since = now.minus(FakeInstagramContainer.LIFETIME);
    return (int)
        media.values().stream()
            .filter(p -> p.account().equals(account) && p.at().isAfter(since))
            .count();
  }

  /**
   * 24/2207006, what Meta answers for a container it cannot find: "Possible permission error due
   * to missing permission or expired token. Generate a new container and use it to try again"
   * (Instagram Platform error codes reference,
   * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes).
   */
  private static FakeResponse mediaNotFound(String id) {
    return FakeGraph.error(400, 24, 2207006, "The media with id " + id + " cannot be found");
  }

  private FakeResponse builderExpired(String id) {
    return FakeGraph.replace(
        fake.fixture("instagram-error-builder-expired.json"), "17889455560051444", id);
  }

  private static FakeResponse ruploadError(String message) {
    ObjectNode body = Json.object();
    body.putObject("debug_info")
        .put("retriable", false)
        .put("type", "ProcessingFailedError")
        .put("message", message);
    return FakeResponse.json(400, new String(Json.write(body), StandardCharsets.UTF_8));
  }

  private static String version(FakeRequest r) {
    String path = r.path();
    int second = path.indexOf('/', 1);
    return second < 0 ? "v25.0" : path.substring(1, second);
  }
}
