package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramPosts.violation;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kind of an Instagram post, chosen with the post option {@code media_type} (named, like every
 * option, as in the API: the {@code media_type} parameter of {@code POST /{ig-user-id}/media}),
 * and the limits each kind adds to {@link InstagramPosts#validate}:
 *
 * <ul>
 *   <li>{@link #FEED} (option absent): one image, one video (published as a reel, since Meta
 *       retired {@code VIDEO} on 2023-11-09), or a carousel of 2–10.
 *   <li>{@link #REELS}: exactly one video. Reel options: {@code share_to_feed} (true/false), {@code
 *       cover_url} (a public JPEG, or the video's {@link Media#thumbnail()}; when set, Instagram
 *       ignores {@code thumb_offset}, so both at once is refused), {@code thumb_offset} (ms), {@code audio_name}. They are refused on any other
 *       kind, where Instagram would drop them silently.
 *   <li>{@link #STORIES}: exactly one image or video; no caption (the IG User Media reference
 *       lists {@code caption} for images, reels and carousels, not stories: Instagram does not
 *       show it), so text and link are refused rather than dropped; no alt text; of the options
 *       only {@code user_tags} (supported on stories since 2025-07-09).
 * </ul>
 *
 * <p>Limits that depend on the file itself are Instagram's to enforce and reach Herald as a
 * container in {@code ERROR} (a permanent rejection): reel videos 3 s–15 min and at most 300 MB,
 * story videos 3–60 s and at most 100 MB, images (stories included) JPEG of at most 8 MB; aspect
 * ratio 0.01:1–10:1 accepted for reels and stories, 9:16 recommended so that nothing is cropped.
 * {@code Media} carries no duration or size, so they are not validated here. Source of every
 * limit: the IG User Media reference, "Reel specifications", "Story … specifications" and
 * parameter table,
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media
 * and the Content Publishing guide,
 * https://developers.facebook.com/docs/instagram-platform/content-publishing.
 *
 * <p>This type is threadsafe (an immutable enum).
 */
enum InstagramKind {
  /** An image, a video (as a reel) or a carousel: the kind when {@code media_type} is absent. */
  FEED,
  /** A reel: {@code media_type=REELS}. */
  REELS,
  /** A story: {@code media_type=STORIES}. */
  STORIES;

  /** The post option that selects the kind. */
  static final String OPTION = "media_type";

  /** Options that apply to reels only. */
  static final List<String> REEL_ONLY_OPTIONS =
      List.of("share_to_feed", "cover_url", "thumb_offset", "audio_name");

  /** Options passed through to a story container. */
  static final List<String> STORY_OPTIONS = List.of("user_tags");

  /** Options of feed posts that a story does not take. */
  private static final List<String> NOT_ON_STORIES =
      List.of("location_id", "collaborators", "product_tags");

  /**
   * The kind {@code post} asks for: {@code STORIES} or {@code REELS} from its option (case as
   * given is ignored), else {@code FEED}; an unknown value is {@code FEED} here and a violation in
   * {@link #validate}.
   */
  static InstagramKind of(Post post) {
    return post.option(OPTION)
        .map(v -> v.toUpperCase(Locale.ROOT))
        .map(v -> v.equals("STORIES") ? STORIES : v.equals("REELS") ? REELS : FEED)
        .orElse(FEED);
  }

  /** Whether {@code post} is published as a reel: asked for, or a feed post of one video. */
  static boolean isReel(Post post) {
    InstagramKind kind = of(post);
    return kind == REELS
        || (kind == FEED
            && post.media().size() == 1
            && post.media().get(0).kind() == MediaKind.VIDEO);
  }

  /** Adds to {@code out} every violation of the limits of {@code post}'s kind. */
  static void validate(Post post, List<PostViolation> out) {
    Optional<String> value = post.option(OPTION);
    if (value.isPresent()
        && !List.of("REELS", "STORIES").contains(value.get().toUpperCase(Locale.ROOT))) {
      out.add(
          violation(
              OPTION,
              "media_type is '%s'; use REELS or STORIES, or leave it out for a feed post",
              value.get()));
      return;
    }
    InstagramKind kind = of(post);
    List<Media> media = post.media();
    if (kind != FEED && media.size() > 1) {
      out.add(
          violation(
              "media",
              "post has %d media attachments; an instagram %s has exactly one",
              media.size(),
              kind == REELS ? "reel" : "story"));
    }
    if (kind == REELS && media.size() == 1 && media.get(0).kind() != MediaKind.VIDEO) {
      out.add(violation("media[0]", "media[0] is an image; an instagram reel is a video"));
    }
    if (isReel(post)) {
      validateReel(post, out);
    } else {
      String what = kind == STORIES ? "a story" : media.size() > 1 ? "a carousel" : "an image post";
      for (String name : REEL_ONLY_OPTIONS) {
        if (post.option(name).isPresent()) {
          out.add(violation(name, "%s applies to instagram reels only; this post is %s", name,
              what));
        }
      }
    }
    if (kind == STORIES) {
      validateStory(post, out);
    }
  }

  private static void validateReel(Post post, List<PostViolation> out) {
    Optional<URI> thumbnail = post.media().get(0).thumbnail();
    if (thumbnail.isPresent() && post.option("cover_url").isPresent()) {
      out.add(violation("cover_url", "media[0] has a thumbnail and option cover_url; set the"
          + " reel cover once"));
    }
    thumbnail.map(URI::toString).filter(v -> !isHttpsJpeg(v)).ifPresent(v -> out.add(violation(
        "media[0].thumbnail", "media[0].thumbnail is '%s'; instagram fetches the reel cover from"
            + " a public https: URL of a JPEG image", v)));
    if (thumbnail.isPresent() && post.option("thumb_offset").isPresent()) {
      out.add(violation("thumb_offset", "media[0] has a thumbnail (the cover) and thumb_offset;"
          + " instagram uses the cover and ignores thumb_offset, set one"));
    }
    post.option("cover_url")
        .filter(v -> !isHttpsJpeg(v))
        .ifPresent(
            v ->
                out.add(
                    violation(
                        "cover_url",
                        "cover_url is '%s'; instagram fetches the reel cover from a public https:"
                            + " URL of a JPEG image",
                        v)));
    if (post.option("cover_url").isPresent() && post.option("thumb_offset").isPresent()) {
      out.add(
          violation(
              "thumb_offset",
              "cover_url and thumb_offset are both set; instagram uses cover_url and ignores"
                  + " thumb_offset, set one"));
    }
    post.option("audio_name")
        .filter(String::isBlank)
        .ifPresent(v -> out.add(violation("audio_name", "audio_name is blank; leave it out")));
  }

  private static void validateStory(Post post, List<PostViolation> out) {
    String caption = InstagramPosts.caption(post);
    if (!caption.isEmpty()) {
      out.add(
          violation(
              "text",
              "text and link make a %d-character caption; instagram stories show no caption,"
                  + " leave text and link empty",
              caption.codePointCount(0, caption.length())));
    }
    List<Media> media = post.media();
    for (int i = 0; i < media.size(); i++) {
      if (!media.get(i).altText().isEmpty()) {
        out.add(
            violation(
                "media[" + i + "]",
                "media[%d] has alt text; instagram stories take no alt text",
                i));
      }
    }
    for (String name : NOT_ON_STORIES) {
      if (post.option(name).isPresent()) {
        out.add(violation(name, "%s is not supported on instagram stories", name));
      }
    }
  }

  private static boolean isHttpsJpeg(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    int query = lower.indexOf('?');
    String path = query < 0 ? lower : lower.substring(0, query);
    return lower.startsWith("https://") && (path.endsWith(".jpg") || path.endsWith(".jpeg"));
  }
}
