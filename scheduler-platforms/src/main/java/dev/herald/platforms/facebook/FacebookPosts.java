package dev.herald.platforms.facebook;

import dev.herald.platforms.internal.Mp4Duration;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.TextLength;
import java.io.IOException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a {@link Post} becomes Facebook Page calls, and the
 * limits it must meet: text of at most 63,206 characters (not published by Meta; the commonly cited
 * figure), no media ({@code /feed}), one photo ({@code /photos}), 2–10 photos (unpublished photos
 * attached to a {@code /feed} post), or one video alone ({@code /videos}); photos JPG, PNG, GIF,
 * TIFF, HEIF or WebP under 4 MB; videos MP4 or MOV (a local one uploaded as {@value
 * #UPLOAD_VIDEO_TYPE}).
 *
 * <p>This class is threadsafe (stateless).
 */
final class FacebookPosts {

  static final int MAX_TEXT = 63_206;
  static final int MAX_PHOTOS = 10;
  static final long MAX_PHOTO_BYTES = 4L * 1024 * 1024;

  /**
   * The {@code file_type} of every local video's upload session. The Resumable Upload API accepts
   * only application/pdf, image/jpeg, image/jpg, image/png and video/mp4
   * (https://developers.facebook.com/docs/graph-api/guides/upload), so a QuickTime {@code .mov}
   * cannot be declared as {@code video/quicktime}; it is declared {@code video/mp4} (MOV and MP4
   * are both ISO base media files) under its own file name, and Facebook's video processing, which
   * lists mov and qt among its supported formats
   * (https://developers.facebook.com/docs/graph-api/video-uploads, "Supported Formats"), reads the
   * container from the bytes.
   */
  static final String UPLOAD_VIDEO_TYPE = "video/mp4";

  static final PlatformCapabilities CAPABILITIES =
      PlatformCapabilities.builder(FacebookPublisher.PLATFORM)
          .maxTextLength(MAX_TEXT, TextLength.codePoints())
          .media(0, MAX_PHOTOS, MediaKind.IMAGE, MediaKind.VIDEO)
          .mimeTypes(
              "image/jpeg",
              "image/png",
              "image/gif",
              "image/tiff",
              "image/heif",
              "image/heic",
              "image/webp",
              "video/mp4",
              "video/quicktime")
          .allowsMixedMedia(false)
          .build();

  /**
   * The post option that makes a one-video post a reel: {@code facebook.reel=true} publishes it
   * through the Reels Publishing API (https://developers.facebook.com/docs/video-api/guides/reels-publishing/)
   * instead of {@code /videos}.
   */
  static final String REEL_OPTION = "facebook.reel";

  /**
   * A reel's shortest and longest duration in seconds: "Duration: 3 to 90 seconds" in the Reels
   * Publishing API's video specifications
   * (https://developers.facebook.com/docs/video-api/guides/reels-publishing/). The same table
   * recommends a 9:16 aspect ratio at 1080 x 1920 (540 x 960 at least) and 24–60 fps, and gives no
   * file size limit; those are guidance Herald does not check (it reads only the duration of a
   * local MP4/MOV).
   */
  static final int REEL_MIN_SECONDS = 3;

  /** See {@link #REEL_MIN_SECONDS}. */
  static final int REEL_MAX_SECONDS = 90;

  private FacebookPosts() {}

  /** Whether the post asks to be a reel ({@value #REEL_OPTION}{@code =true}). */
  static boolean isReel(Post post) {
    return post.option(REEL_OPTION).filter("true"::equals).isPresent();
  }

  /** Whether the post is a video post (its one attachment is a video). */
  static boolean isVideo(Post post) {
    return post.media().stream().anyMatch(m -> m.kind() == MediaKind.VIDEO);
  }

  /**
   * The text Facebook shows: the post's text for a {@code /feed} post (the link goes in {@code
   * link}); for a photo or video post, which has no link parameter, the text then the link.
   */
  static String message(Post post) {
    if (post.media().isEmpty()) {
      return post.text();
    }
    return post.link()
        .map(link -> post.text().isEmpty() ? link.toString() : post.text() + "\n\n" + link)
        .orElse(post.text());
  }

  /** Whether the post asks Facebook not to show it now (scheduled, or {@code published=false}). */
  static boolean isDeferred(Post post) {
    return post.option("scheduled_publish_time").isPresent()
        || post.option("published").filter("false"::equals).isPresent();
  }

  /**
   * Every violation: the shared limits on the text Facebook shows, a video alone, photo size,
   * sources ({@code https:} URLs Facebook fetches, or local files it receives), local videos
   * needing the app id, and the {@code published} and {@code scheduled_publish_time} options.
   */
  static List<PostViolation> validate(Post post, boolean hasAppId) {
    Post counted = post.toBuilder().link(null).text(message(post)).build();
    List<PostViolation> out = new ArrayList<>(CAPABILITIES.validate(counted));
    List<Media> media = post.media();
    if (isVideo(post) && media.size() > 1) {
      out.add(
          violation(
              "media",
              "post has a video and %d other attachments; facebook publishes a video alone",
              media.size() - 1));
    }
    for (int i = 0; i < media.size(); i++) {
      Media m = media.get(i);
      String field = "media[" + i + "]";
      String scheme = String.valueOf(m.source().getScheme()).toLowerCase(Locale.ROOT);
      if (!m.isLocalFile() && !scheme.equals("https")) {
        out.add(
            violation(
                field,
                "%s is %s: media; facebook accepts public https: URLs or local files",
                field,
                scheme));
      }
      if (m.isLocalFile() && m.kind() == MediaKind.VIDEO && !hasAppId && !isReel(post)) {
        out.add(
            violation(
                field,
                "%s is a local video; uploading it needs the app id (FacebookPublisher.Builder"
                    + ".appId)",
                field));
      }
      long size = localSize(m);
      if (m.kind() == MediaKind.IMAGE && size > MAX_PHOTO_BYTES) {
        out.add(
            violation(
                field,
                "%s is %d bytes; facebook accepts photos up to %d bytes (4 MB)",
                field,
                size,
                MAX_PHOTO_BYTES));
      }
    }
    validateReel(post, out);
    post.option("published")
        .filter(v -> !v.equals("true") && !v.equals("false"))
        .ifPresent(v -> out.add(violation("published", "published is '%s'; use true or false", v)));
    post.option("scheduled_publish_time")
        .filter(v -> !isTime(v))
        .ifPresent(
            v ->
                out.add(
                    violation(
                        "scheduled_publish_time",
                        "scheduled_publish_time is '%s'; facebook needs Unix seconds or an ISO"
                            + " 8601 date-time 10 minutes to 30 days ahead",
                        v)));
    if (post.option("scheduled_publish_time").isPresent()
        && post.option("published").filter("true"::equals).isPresent()) {
      out.add(
          violation(
              "published",
              "published is 'true' with scheduled_publish_time; facebook needs false"));
    }
    return out;
  }

  /**
   * The reel rules: the option is {@code true} or {@code false}; a reel is one video, nothing else
   * (the Reels Publishing API publishes one video per reel); a local one is not empty and, when its
   * movie header can be read, lasts {@value #REEL_MIN_SECONDS} to {@value #REEL_MAX_SECONDS} s.
   */
  private static void validateReel(Post post, List<PostViolation> out) {
    Optional<String> option = post.option(REEL_OPTION);
    if (option.isEmpty()) {
      return;
    }
    if (!option.get().equals("true") && !option.get().equals("false")) {
      out.add(violation(REEL_OPTION, "%s is '%s'; use true or false", REEL_OPTION, option.get()));
      return;
    }
    if (!isReel(post)) {
      return;
    }
    List<Media> media = post.media();
    if (media.size() != 1 || media.get(0).kind() != MediaKind.VIDEO) {
      out.add(
          violation(
              "media",
              "a facebook reel is exactly one video; the post has %d attachment(s)%s",
              media.size(),
              media.stream().anyMatch(m -> m.kind() != MediaKind.VIDEO) ? " including photos" : ""));
      return;
    }
    Media video = media.get(0);
    if (!video.isLocalFile()) {
      return;
    }
    if (localSize(video) == 0) {
      out.add(violation("media[0]", "media[0] is an empty file; a reel needs a video"));
      return;
    }
    OptionalDouble seconds = Mp4Duration.seconds(Path.of(video.source()));
    if (seconds.isPresent()
        && (seconds.getAsDouble() < REEL_MIN_SECONDS || seconds.getAsDouble() > REEL_MAX_SECONDS)) {
      out.add(
          violation(
              "media[0]",
              "media[0] lasts %.1f s; a facebook reel lasts %d to %d s",
              seconds.getAsDouble(),
              REEL_MIN_SECONDS,
              REEL_MAX_SECONDS));
    }
  }

  /** {@code /feed} parameters: message, link, scheduling. */
  static FormBody.Builder feed(Post post) {
    FormBody.Builder form = FormBody.builder();
    if (!post.text().isEmpty()) {
      form.add("message", post.text());
    }
    post.link().ifPresent(link -> form.add("link", link.toString()));
    return scheduling(post, form);
  }

  /**
   * Whether the photos attached to {@code post} must be uploaded with {@code temporary=true}: the
   * Page Photos reference (https://developers.facebook.com/docs/graph-api/reference/page/photos/,
   * parameter {@code temporary}) requires it of the unpublished photos of a scheduled post.
   */
  static boolean needsTemporaryPhotos(Post post) {
    return post.option("scheduled_publish_time").isPresent();
  }

  /** The scheduling parameters of {@code post}, added to {@code form}. */
  static FormBody.Builder scheduling(Post post, FormBody.Builder form) {
    post.option("scheduled_publish_time")
        .ifPresentOrElse(
            t -> form.add("published", "false").add("scheduled_publish_time", t),
            () -> post.option("published").ifPresent(p -> form.add("published", p)));
    return form;
  }

  private static boolean isTime(String value) {
    if (value.matches("\\d{9,11}")) {
      return true;
    }
    try {
      OffsetDateTime.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The size of a local file; -1 for a remote or unreadable one. */
  static long localSize(Media media) {
    if (!media.isLocalFile()) {
      return -1;
    }
    try {
      return Files.size(Path.of(media.source()));
    } catch (IOException | IllegalArgumentException | FileSystemNotFoundException e) {
      return -1;
    }
  }

  private static PostViolation violation(String field, String format, Object... args) {
    return new PostViolation(FacebookPublisher.PLATFORM, field, String.format(format, args));
  }
}
