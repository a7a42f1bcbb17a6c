package dev.herald.platforms.tiktok;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.internal.http.Json;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.TextLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How a {@link Post} becomes a TikTok video or photo post, and the rules it must meet. This class
 * is threadsafe (stateless).
 */
final class TikTokPosts {

  static final TextLength LENGTH = TextLength.utf16Units();
  static final String DIRECT_POST = "DIRECT_POST";
  static final String MEDIA_UPLOAD = "MEDIA_UPLOAD";

  private static final List<String> BOOLEAN_OPTIONS =
      List.of(
          "disable_comment",
          "disable_duet",
          "disable_stitch",
          "brand_content_toggle",
          "brand_organic_toggle",
          "is_aigc",
          "auto_add_music");

  private TikTokPosts() {}

  /** The caption: the post's text, then its link (if any) after a blank line. */
  static String caption(Post post) {
    return post.link()
        .map(link -> post.text().isEmpty() ? link.toString() : post.text() + "\n\n" + link)
        .orElse(post.text());
  }

  static boolean isPhoto(Post post) {
    return !post.media().isEmpty() && post.media().get(0).kind() == MediaKind.IMAGE;
  }

  /** Whether the post goes to the creator's inbox as a draft ({@code post_mode=MEDIA_UPLOAD}). */
  static boolean isInbox(Post post) {
    return post.option("post_mode").map(MEDIA_UPLOAD::equals).orElse(false);
  }

  /** Every violation of TikTok's rules; no I/O. */
  static List<PostViolation> validate(Post post) {
    List<PostViolation> out = new ArrayList<>();
    List<Media> media = post.media();
    long videos = media.stream().filter(m -> m.kind() == MediaKind.VIDEO).count();
    long photos = media.size() - videos;
    if (media.isEmpty()) {
      out.add(
          violation(
              "media",
              "post has no media; tiktok has no text-only posts, it needs 1 video or 1 to %d"
                  + " photos",
              TikTokLimits.MAX_PHOTOS));
    } else if (videos > 0 && photos > 0) {
      out.add(
          violation(
              "media",
              "post has %d video(s) and %d photo(s); tiktok posts are 1 video or 1 to %d photos,"
                  + " not both",
              videos,
              photos,
              TikTokLimits.MAX_PHOTOS));
    } else if (videos > 1) {
      out.add(violation("media", "post has %d videos; tiktok allows 1 video per post", videos));
    } else if (photos > TikTokLimits.MAX_PHOTOS) {
      out.add(
          violation(
              "media",
              "post has %d photos; tiktok allows at most %d",
              photos,
              TikTokLimits.MAX_PHOTOS));
    }
    for (int i = 0; i < media.size(); i++) {
      checkMedia(media.get(i), "media[" + i + "]", out);
    }
    boolean photo = isPhoto(post);
    checkText(post, photo, out);
    checkOptions(post, photo, out);
    return out;
  }

  private static void checkMedia(Media m, String field, List<PostViolation> out) {
    String scheme = String.valueOf(m.source().getScheme()).toLowerCase(Locale.ROOT);
    if (m.kind() == MediaKind.IMAGE) {
      if (!TikTokLimits.PHOTO_TYPES.contains(m.mimeType())) {
        out.add(
            violation(
                field,
                "%s has type %s; tiktok photo posts accept %s (no PNG)",
                field,
                m.mimeType(),
                sorted(TikTokLimits.PHOTO_TYPES)));
      }
      if (!scheme.equals("https")) {
        out.add(
            violation(
                field,
                "%s is a %s: photo; tiktok pulls photos from https: URLs on a verified domain"
                    + " (PULL_FROM_URL only)",
                field,
                scheme));
      }
      return;
    }
    if (!TikTokLimits.VIDEO_TYPES.contains(m.mimeType())) {
      out.add(
          violation(
              field,
              "%s has type %s; tiktok accepts %s",
              field,
              m.mimeType(),
              sorted(TikTokLimits.VIDEO_TYPES)));
    }
    if (!scheme.equals("https") && !scheme.equals("file")) {
      out.add(
          violation(
              field,
              "%s is a %s: video; tiktok needs an https: URL (PULL_FROM_URL) or a file: URI"
                  + " (FILE_UPLOAD)",
              field,
              scheme));
    }
  }

  private static void checkText(Post post, boolean photo, List<PostViolation> out) {
    int caption = LENGTH.of(caption(post));
    if (photo) {
      int title = LENGTH.of(post.title().orElse(""));
      if (title > TikTokLimits.PHOTO_TITLE_MAX) {
        out.add(
            violation(
                "title",
                "title is %d UTF-16 units; tiktok allows at most %d in a photo title",
                title,
                TikTokLimits.PHOTO_TITLE_MAX));
      }
      if (caption > TikTokLimits.PHOTO_DESCRIPTION_MAX) {
        out.add(
            violation(
                "text",
                "text is %d UTF-16 units; tiktok allows at most %d in a photo description",
                caption,
                TikTokLimits.PHOTO_DESCRIPTION_MAX));
      }
      return;
    }
    if (post.title().isPresent()) {
      out.add(
          violation(
              "title",
              "title is set; tiktok video posts have no separate title, the caption (text) is"
                  + " the title"));
    }
    if (caption > TikTokLimits.VIDEO_TITLE_MAX) {
      out.add(
          violation(
              "text",
              "text is %d UTF-16 units; tiktok allows at most %d in a video title",
              caption,
              TikTokLimits.VIDEO_TITLE_MAX));
    }
    if (isInbox(post) && caption > 0) {
      out.add(
          violation(
              "text",
              "text is set; a tiktok video sent with post_mode MEDIA_UPLOAD carries no caption,"
                  + " the creator writes it in the TikTok app"));
    }
  }

  private static void checkOptions(Post post, boolean photo, List<PostViolation> out) {
    Optional<String> mode = post.option("post_mode");
    if (mode.isPresent() && !mode.get().equals(DIRECT_POST) && !mode.get().equals(MEDIA_UPLOAD)) {
      out.add(
          violation(
              "post_mode",
              "post_mode is '%s'; tiktok accepts %s or %s",
              mode.get(),
              DIRECT_POST,
              MEDIA_UPLOAD));
    }
    Optional<String> privacy = post.option("privacy_level");
    if (privacy.isEmpty() && !isInbox(post)) {
      out.add(
          violation(
              "privacy_level",
              "privacy_level is missing; a tiktok direct post needs one of %s, chosen by the"
                  + " creator among the options creator_info returns (no default)",
              sorted(TikTokLimits.PRIVACY_LEVELS)));
    } else if (privacy.isPresent() && !TikTokLimits.PRIVACY_LEVELS.contains(privacy.get())) {
      out.add(
          violation(
              "privacy_level",
              "privacy_level is '%s'; tiktok accepts %s",
              privacy.get(),
              sorted(TikTokLimits.PRIVACY_LEVELS)));
    }
    for (String name : BOOLEAN_OPTIONS) {
      post.option(name)
          .filter(v -> !v.equals("true") && !v.equals("false"))
          .ifPresent(
              v -> out.add(violation(name, "%s is '%s'; tiktok needs true or false", name, v)));
    }
    if (photo) {
      int max = post.media().size() - 1;
      post.option("photo_cover_index")
          .filter(v -> parseInt(v).filter(i -> i >= 0 && i <= max).isEmpty())
          .ifPresent(
              v ->
                  out.add(
                      violation(
                          "photo_cover_index",
                          "photo_cover_index is '%s'; tiktok needs an index from 0 to %d",
                          v,
                          max)));
    } else {
      post.option("video_cover_timestamp_ms")
          .filter(v -> parseInt(v).filter(i -> i >= 0).isEmpty())
          .ifPresent(
              v ->
                  out.add(
                      violation(
                          "video_cover_timestamp_ms",
                          "video_cover_timestamp_ms is '%s'; tiktok needs milliseconds from 0 to"
                              + " %d",
                          v,
                          Integer.MAX_VALUE)));
    }
  }

  /**
   * The {@code post_info} of a direct video post: the caption as title, the privacy level, and the
   * interaction switches, forced on where the creator turned the interaction off (creator_info).
   */
  static ObjectNode videoPostInfo(Post post, TikTokCreatorInfo creator) {
    ObjectNode info = Json.object();
    info.put("title", caption(post));
    info.put("privacy_level", post.option("privacy_level").orElseThrow());
    info.put("disable_duet", flag(post, "disable_duet") || creator.duetDisabled());
    info.put("disable_stitch", flag(post, "disable_stitch") || creator.stitchDisabled());
    info.put("disable_comment", flag(post, "disable_comment") || creator.commentDisabled());
    post.option("video_cover_timestamp_ms")
        .ifPresent(v -> info.put("video_cover_timestamp_ms", Integer.parseInt(v)));
    info.put("brand_content_toggle", flag(post, "brand_content_toggle"));
    info.put("brand_organic_toggle", flag(post, "brand_organic_toggle"));
    post.option("is_aigc").ifPresent(v -> info.put("is_aigc", Boolean.parseBoolean(v)));
    return info;
  }

  /**
   * The body of {@code POST /v2/post/publish/content/init/}; {@code creator} is null for {@code
   * MEDIA_UPLOAD}, where the direct-post fields are not sent.
   */
  static ObjectNode photoInit(Post post, TikTokCreatorInfo creator) {
    boolean inbox = isInbox(post);
    ObjectNode body = Json.object();
    body.put("media_type", "PHOTO");
    body.put("post_mode", inbox ? MEDIA_UPLOAD : DIRECT_POST);
    ObjectNode info = body.putObject("post_info");
    post.title().ifPresent(t -> info.put("title", t));
    info.put("description", caption(post));
    if (!inbox) {
      info.put("privacy_level", post.option("privacy_level").orElseThrow());
      info.put("disable_comment", flag(post, "disable_comment") || creator.commentDisabled());
      info.put("auto_add_music", flag(post, "auto_add_music"));
      info.put("brand_content_toggle", flag(post, "brand_content_toggle"));
      info.put("brand_organic_toggle", flag(post, "brand_organic_toggle"));
    }
    ObjectNode source = body.putObject("source_info");
    source.put("source", "PULL_FROM_URL");
    ArrayNode images = source.putArray("photo_images");
    post.media().forEach(m -> images.add(m.source().toString()));
    source.put(
        "photo_cover_index", post.option("photo_cover_index").map(Integer::parseInt).orElse(0));
    return body;
  }

  private static boolean flag(Post post, String option) {
    return post.option(option).map(Boolean::parseBoolean).orElse(false);
  }

  private static Optional<Integer> parseInt(String value) {
    try {
      return Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String sorted(java.util.Set<String> values) {
    return String.join(", ", new TreeSet<>(values));
  }

  private static PostViolation violation(String field, String format, Object... args) {
    return new PostViolation(TikTokPublisher.PLATFORM, field, String.format(format, args));
  }
}
