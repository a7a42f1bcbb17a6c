package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The publishing routes of a {@link FakeFacebook}: feed posts, photos, videos, the Resumable Upload
 * API, a node's fields, post updates and the recent feed. State is guarded by {@link #lock}.
 */
final class FakeFacebookPosts {

  private static final Set<String> PHOTO_TYPES =
      Set.of(
          "image/jpeg",
          "image/png",
          "image/gif",
          "image/tiff",
          "image/heif",
          "image/heic",
          "image/webp");
  private static final Set<String> PHOTO_EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "gif", "tif", "tiff", "heif", "heic", "webp");
  private static final long MAX_PHOTO = 4L * 1024 * 1024;

  /**
   * The {@code file_type}s an upload session accepts. Source: Meta's Resumable Upload API guide,
   * https://developers.facebook.com/docs/graph-api/guides/upload ("Valid values are:
   * application/pdf, image/jpeg, image/jpg, image/png, and video/mp4"); anything else is error 100
   * (Invalid parameter), the code the Application Uploads reference lists.
   */
  static final Set<String> UPLOAD_FILE_TYPES =
      Set.of("application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4");

  /** A post on a Page's feed (text, link, photo or video). */
  record FeedPost(String id, String page, String message, Instant createdAt, boolean scheduled) {}

  /**
   * An uploaded photo; {@code temporary} when sent with {@code temporary=true}, which the Page
   * Photos reference (https://developers.facebook.com/docs/graph-api/reference/page/photos/,
   * parameter {@code temporary}) requires of photos attached to a scheduled post.
   */
  private record Photo(String id, String page, boolean published, boolean temporary) {}

  private record Session(String id, String user, long length, String type) {}

  private final FakeFacebook fake;
  private final int videoPolls;
  final Object lock = new Object();
  private final Map<String, FeedPost> posts = new LinkedHashMap<>();
  private final Map<String, Photo> photos = new HashMap<>();
  private final Set<String> attached = new HashSet<>();
  private final Map<String, Integer> videos = new HashMap<>();
  private final Map<String, Session> sessions = new HashMap<>();
  private final Map<String, Session> handles = new HashMap<>();
  private final Map<String, String> lastMessage = new HashMap<>();
  private long seq = 987_654_321_098_765L;

  FakeFacebookPosts(FakeFacebook fake, int videoPolls) {
    this.fake = fake;
    this.videoPolls = videoPolls;
  }

  FakeResponse feed(FakeRequest r) {
    String page = r.pathParam("page-id").orElse("");
    fake.pageAuth(r, page);
    String message = r.param("message").orElse("");
    List<String> media = new ArrayList<>();
    for (int i = 0; r.param("attached_media[" + i + "]").isPresent(); i++) {
      JsonNode item =
          Json.parse(r.param("attached_media[" + i + "]").get().getBytes(StandardCharsets.UTF_8));
      media.add(item.path("media_fbid").asText(""));
    }
    if (message.isEmpty() && r.param("link").isEmpty() && media.isEmpty()) {
      return FakeGraph.error(400, 100, null, "(#100) A post needs a message, a link or media");
    }
    Optional<FakeResponse> schedule = checkSchedule(r);
    if (schedule.isPresent()) {
      return schedule.get();
    }
    synchronized (lock) {
      if (!message.isEmpty() && message.equals(lastMessage.get(page))) {
        return fake.fixture("facebook-error-duplicate.json");
      }
      boolean scheduled = r.param("scheduled_publish_time").isPresent();
      for (String id : media) {
        Photo photo = photos.get(id);
        if (photo == null
            || !photo.page().equals(page)
            || photo.published()
            || attached.contains(id)) {
          return FakeGraph.error(400, 100, null, "(#100) Invalid media_fbid " + id);
        }
        if (scheduled && !photo.temporary()) {
          // Page Photos reference, parameter temporary: photos of a scheduled post must be
          // uploaded with temporary=true. The wording of Meta's refusal is not documented.
          return FakeGraph.error(
              400,
              100,
              null,
              "(#100) Photo "
                  + id
                  + " must be uploaded with temporary=true to be attached to a scheduled post");
        }
      }
      attached.addAll(media);
      String id = page + "_" + (seq++);
      FeedPost post = record(page, id, message, r, media, null);
      if (!message.isEmpty()) {
        lastMessage.put(page, message);
      }
      return fake.withUsage(
          page,
          FakeGraph.edit(
              fake.fixture("facebook-feed-post-created.json"), b -> b.put("id", post.id())));
    }
  }

  FakeResponse photos(FakeRequest r) {
    String page = r.pathParam("page-id").orElse("");
    fake.pageAuth(r, page);
    Optional<String> url = r.param("url");
    Optional<UploadedFile> file = r.file("source");
    if (url.isEmpty() && file.isEmpty()) {
      return FakeGraph.error(400, 324, null, "(#324) Requires upload file");
    }
    boolean valid =
        url.map(u -> PHOTO_EXTENSIONS.contains(extension(u)))
            .orElseGet(
                () ->
                    PHOTO_TYPES.contains(file.get().contentType())
                        && file.get().size() <= MAX_PHOTO);
    if (!valid) {
      return fake.fixture("facebook-error-photo-invalid.json");
    }
    Optional<FakeResponse> schedule = checkSchedule(r);
    if (schedule.isPresent()) {
      return schedule.get();
    }
    boolean unpublished =
        r.param("published").filter("false"::equals).isPresent()
            && r.param("scheduled_publish_time").isEmpty();
    synchronized (lock) {
      String photoId = Long.toString(seq++);
      boolean temporary = r.param("temporary").filter("true"::equals).isPresent();
      photos.put(photoId, new Photo(photoId, page, !unpublished, temporary));
      if (unpublished) {
        return fake.withUsage(
            page,
            FakeGraph.edit(
                fake.fixture("facebook-photo-unpublished.json"), b -> b.put("id", photoId)));
      }
      String postId = page + "_" + (seq++);
      record(page, postId, r.param("caption").orElse(""), r, List.of(photoId), null);
      return fake.withUsage(
          page,
          FakeGraph.edit(
              fake.fixture("facebook-photo-created.json"),
              b -> b.put("id", photoId).put("post_id", postId)));
    }
  }

  FakeResponse videos(FakeRequest r) {
    String page = r.pathParam("page-id").orElse("");
    fake.pageAuth(r, page);
    Optional<String> handle = r.param("fbuploader_video_file_chunk");
    if (r.param("file_url").isEmpty() && handle.isEmpty() && r.file("source").isEmpty()) {
      return FakeGraph.error(400, 100, null, "(#100) Needs file_url, source or a file handle");
    }
    Optional<FakeResponse> schedule = checkSchedule(r);
    if (schedule.isPresent()) {
      return schedule.get();
    }
    synchronized (lock) {
      if (handle.isPresent()) {
        Session session = handles.remove(handle.get());
        if (session == null
            || !fake.manages(session.user(), page)
            || !session.type().equals("video/mp4")) {
          return FakeGraph.error(400, 100, null, "(#100) Invalid fbuploader_video_file_chunk");
        }
      }
      String videoId = Long.toString(seq++);
      videos.put(videoId, videoPolls);
      URI url = URI.create("https://www.facebook.com/" + page + "/videos/" + videoId + "/");
      record(page, videoId, r.param("description").orElse(""), r, List.of(), url);
      return fake.withUsage(
          page,
          FakeGraph.edit(fake.fixture("facebook-video-created.json"), b -> b.put("id", videoId)));
    }
  }

  FakeResponse uploadSession(FakeRequest r) {
    String user = fake.userAuth(r);
    if (!fake.isApp(r.pathParam("app-id").orElse(""))) {
      return FakeGraph.error(400, 100, null, "(#100) Unknown app id");
    }
    long length =
        Long.parseLong(r.param("file_length").filter(l -> l.matches("\\d{1,12}")).orElse("0"));
    String type = r.param("file_type").orElse("");
    if (length <= 0) {
      return FakeGraph.error(400, 100, null, "(#100) Invalid parameter: file_length");
    }
    if (!UPLOAD_FILE_TYPES.contains(type)) {
      return FakeGraph.error(400, 100, null, "(#100) Invalid parameter: file_type " + type);
    }
    synchronized (lock) {
      String id =
          "upload:"
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(
                      ("session-" + (seq++) + "?file_length=" + length)
                          .getBytes(StandardCharsets.UTF_8));
      sessions.put(id, new Session(id, user, length, type));
      return FakeGraph.edit(fake.fixture("facebook-upload-session.json"), b -> b.put("id", id));
    }
  }

  FakeResponse uploadBytes(FakeRequest r) {
    String user = fake.userAuth(r);
    synchronized (lock) {
      Session session = sessions.get("upload:" + r.pathParam("session").orElse(""));
      if (session == null || !session.user().equals(user)) {
        return FakeGraph.error(400, 100, null, "(#100) Unknown upload session");
      }
      if (!r.header("file_offset").orElse("").equals("0") || r.body().length != session.length()) {
        return FakeGraph.error(
            400, 100, null, "(#100) file_offset must be 0 and the body complete");
      }
      sessions.remove(session.id());
      String handle =
          "2:"
              + Base64.getEncoder()
                  .encodeToString(("handle-" + (seq++)).getBytes(StandardCharsets.UTF_8));
      handles.put(handle, session);
      return FakeGraph.edit(fake.fixture("facebook-upload-handle.json"), b -> b.put("h", handle));
    }
  }

  /** {@code GET /{id}}: a video's status or a post's fields (pages are answered by the fake). */
  Optional<FakeResponse> node(FakeRequest r, String id) {
    synchronized (lock) {
      FeedPost post = posts.get(id);
      if (post == null) {
        return Optional.empty();
      }
      fake.pageAuth(r, post.page());
      ObjectNode body = Json.object().put("id", id);
      Integer polls = videos.get(id);
      if (polls != null && r.param("fields").orElse("").contains("status")) {
        videos.put(id, Math.max(0, polls - 1));
        // The phases of the Graph API's Video Status reference
        // (https://developers.facebook.com/docs/graph-api/reference/video-status/): a /videos
        // video has all its bytes once its id is answered, then is processed and published.
        ObjectNode status = body.putObject("status");
        status.put("video_status", polls > 0 ? "processing" : "ready");
        status.putObject("uploading_phase").put("status", "complete");
        status.putObject("processing_phase").put("status", polls > 0 ? "in_progress" : "complete");
        ObjectNode publishing = status.putObject("publishing_phase");
        publishing.put("status", polls > 0 ? "not_started" : "complete");
        if (polls == 0) {
          publishing.put("publish_status", post.scheduled() ? "scheduled" : "published");
        }
      } else {
        body.put("message", post.message()).put("created_time", FakeGraph.time(post.createdAt()));
      }
      return Optional.of(
          FakeResponse.json(200, new String(Json.write(body), StandardCharsets.UTF_8)));
    }
  }

  /** {@code POST /{page_post_id}}: edits the message of a post this app created. */
  FakeResponse update(FakeRequest r) {
    String id = r.pathParam("id").orElse("");
    synchronized (lock) {
      FeedPost post = posts.get(id);
      if (post == null) {
        return FakeGraph.error(
            400, 100, 33, "Unsupported post request. Object '" + id + "' does not exist");
      }
      fake.pageAuth(r, post.page());
      posts.put(
          id,
          new FeedPost(
              id,
              post.page(),
              r.param("message").orElse(post.message()),
              post.createdAt(),
              post.scheduled()));
      return fake.fixture("facebook-post-update-success.json");
    }
  }

  /** {@code GET /{page-id}/feed}: the Page's posts, newest first. */
  FakeResponse recent(FakeRequest r) {
    String page = r.pathParam("page-id").orElse("");
    fake.pageAuth(r, page);
    int limit = Integer.parseInt(r.param("limit").filter(l -> l.matches("\\d{1,3}")).orElse("25"));
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    synchronized (lock) {
      List<FeedPost> mine =
          new ArrayList<>(posts.values().stream().filter(p -> p.page().equals(page)).toList());
      Collections.reverse(mine);
      mine.stream()
          .limit(limit)
          .forEach(
              p ->
                  data.addObject()
                      .put("id", p.id())
                      .put("message", p.message())
                      .put("created_time", FakeGraph.time(p.createdAt())));
    }
    return fake.withUsage(
        page, FakeResponse.json(200, new String(Json.write(body), StandardCharsets.UTF_8)));
  }

  private FeedPost record(
      String page, String id, String message, FakeRequest r, List<String> media, URI url) {
    Instant now = fake.clock().instant();
    boolean scheduled =
        r.param("scheduled_publish_time").isPresent()
            || r.param("published").filter("false"::equals).isPresent();
    FeedPost post = new FeedPost(id, page, message, now, scheduled);
    posts.put(id, post);
    URI shown = url != null ? url : URI.create("https://www.facebook.com/" + id);
    fake.ledger()
        .record(
            new LedgerEntry(
                fake.platform(),
                page,
                id,
                scheduled ? Optional.empty() : Optional.of(shown),
                message,
                media,
                Optional.empty(),
                now));
    return post;
  }

  /**
   * The scheduled-time error when {@code scheduled_publish_time} is not 10 min to 30 days ahead.
   */
  private Optional<FakeResponse> checkSchedule(FakeRequest r) {
    Optional<String> value = r.param("scheduled_publish_time");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Instant now = fake.clock().instant();
    Optional<Instant> at = parseTime(value.get());
    boolean ok =
        r.param("published").filter("false"::equals).isPresent()
            && at.isPresent()
            && !at.get().isBefore(now.plus(Duration.ofMinutes(10)))
            && !at.get().isAfter(now.plus(Duration.ofDays(30)));
    return ok ? Optional.empty() : Optional.of(fake.fixture("facebook-error-scheduled-time.json"));
  }

  private static Optional<Instant> parseTime(String value) {
    if (value.matches("\\d{9,11}")) {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
    }
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String extension(String url) {
    String path = Optional.ofNullable(URI.create(url).getPath()).orElse("");
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
