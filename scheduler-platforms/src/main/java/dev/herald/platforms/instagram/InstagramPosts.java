package dev.herald.platforms.instagram;

import dev.herald.platforms.internal.http.FormBody;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.TextLength;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a {@link Post} becomes Instagram containers, and the
 * limits it must meet: a caption of at most 2,200 characters with at most 30 hashtags
 * and 20 @-mentions, one image or video, or a carousel of 2–10, JPEG images, MP4/MOV videos, alt
 * text of at most 1,000 characters. Instagram has no text-only posts. The post's kind (feed post,
 * reel or story, its {@code media_type} option) adds its own limits: {@link InstagramKind}.
 *
 * <p>This class is threadsafe (stateless).
 */
final class InstagramPosts {

  static final int MAX_CAPTION = 2200;
  static final int MAX_HASHTAGS = 30;
  static final int MAX_MENTIONS = 20;
  static final int MAX_CAROUSEL = 10;
  static final int MAX_ALT_TEXT = 1000;

  /**
   * API-published posts per account in a moving 24 hours (a carousel counts once), enforced by
   * {@code media_publish} with error 9/2207042. Meta's pages disagree: the IG User Media Publish
   * reference (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/
   * ig-user/media_publish, updated 2025-01-21) says "can only publish 50 posts within a 24 hour
   * moving period", as does the {@code content_publishing_limit} example at v24 ({@code
   * quota_total: 50, quota_duration: 86400}); the reference examples up to v17 and the guide
   * until about 2023 said 25; the rate-limit section of the current Content Publishing guide says
   * 100. Herald defaults to 50; set an account's real {@code quota_total} with {@code
   * Publishing.Builder.budget}.
   */
  static final int POSTS_PER_24_HOURS = 50;

  /** Options passed through to a single image container. */
  static final List<String> IMAGE_OPTIONS =
      List.of("location_id", "user_tags", "collaborators", "product_tags");

  /** Options passed through to a reel container. */
  static final List<String> REEL_OPTIONS =
      List.of(
          "share_to_feed",
          "cover_url",
          "thumb_offset",
          "audio_name",
          "location_id",
          "user_tags",
          "collaborators");

  /** Options passed through to a carousel parent (none are allowed on children). */
  static final List<String> CAROUSEL_OPTIONS = List.of("location_id", "collaborators");

  static final PlatformCapabilities CAPABILITIES =
      PlatformCapabilities.builder(InstagramPublisher.PLATFORM)
          .maxTextLength(MAX_CAPTION, TextLength.codePoints())
          .maxHashtags(MAX_HASHTAGS)
          .maxMentions(MAX_MENTIONS)
          .media(1, MAX_CAROUSEL, MediaKind.IMAGE, MediaKind.VIDEO)
          .mimeTypes("image/jpeg", "video/mp4", "video/quicktime")
          .allowsMixedMedia(true)
          .publishBudget(POSTS_PER_24_HOURS, Duration.ofHours(24))
          .build();

  /**
   * What to send to create one container: its parameters, and the local file to upload to the
   * resumable session when the container is a local video.
   */
  record Spec(FormBody params, Optional<Path> upload) {}

  private InstagramPosts() {}

  /** The caption: the post's text, then its link (if any) after a blank line. */
  static String caption(Post post) {
    return post.link()
        .map(link -> post.text().isEmpty() ? link.toString() : post.text() + "\n\n" + link)
        .orElse(post.text());
  }

  /**
   * Every violation of Instagram's limits: the shared ones on the caption (link included), the
   * media count, kinds and types; then media sources (public {@code https:} URLs, or local videos
   * with Facebook Login), alt text length and option values; then the limits of the post's {@link
   * InstagramKind kind} (its {@code media_type} option).
   */
  static List<PostViolation> validate(Post post, InstagramFlavour flavour) {
    Post counted = post.toBuilder().link(null).text(caption(post)).build();
    List<PostViolation> out = new ArrayList<>(CAPABILITIES.validate(counted));
    List<Media> media = post.media();
    for (int i = 0; i < media.size(); i++) {
      Media m = media.get(i);
      String field = "media[" + i + "]";
      String scheme = String.valueOf(m.source().getScheme()).toLowerCase(Locale.ROOT);
      boolean localVideo = m.isLocalFile() && m.kind() == MediaKind.VIDEO;
      if (localVideo && !flavour.supportsResumableUpload()) {
        out.add(
            violation(
                field,
                "%s is a local video; instagram uploads local videos only with Facebook Login"
                    + " (resumable upload), use an https: URL",
                field));
      } else if (!localVideo && !scheme.equals("https")) {
        out.add(
            violation(
                field,
                "%s is %s: media; instagram fetches %ss from a public https: URL",
                field,
                scheme,
                m.kind().name().toLowerCase(Locale.ROOT)));
      }
      int alt = m.altText().codePointCount(0, m.altText().length());
      if (m.kind() == MediaKind.IMAGE && alt > MAX_ALT_TEXT) {
        out.add(
            violation(
                field,
                "%s alt text is %d characters; instagram allows at most %d",
                field,
                alt,
                MAX_ALT_TEXT));
      }
    }
    post.option("share_to_feed")
        .filter(v -> !v.equals("true") && !v.equals("false"))
        .ifPresent(
            v ->
                out.add(violation("share_to_feed", "share_to_feed is '%s'; use true or false", v)));
    post.option("thumb_offset")
        .filter(v -> !v.matches("\\d{1,9}"))
        .ifPresent(
            v ->
                out.add(
                    violation(
                        "thumb_offset",
                        "thumb_offset is '%s'; instagram needs milliseconds as a whole number",
                        v)));
    InstagramKind.validate(post, out);
    return out;
  }

  /**
   * The one container of a single image, reel or story: a video is a reel unless the post is a
   * story; a story carries no caption, alt text or reel options (see {@link InstagramKind}).
   */
  static Spec single(Post post) {
    Media media = post.media().get(0);
    InstagramKind kind = InstagramKind.of(post);
    FormBody.Builder form = FormBody.builder();
    if (kind == InstagramKind.STORIES) {
      // IG User Media reference: a story container is media_type=STORIES with image_url or
      // video_url (or upload_type=resumable); the reference lists no caption for stories.
      form.add("media_type", "STORIES");
      Optional<Path> upload = source(media, null, form);
      options(post, InstagramKind.STORY_OPTIONS, form);
      return new Spec(form.build(), upload);
    }
    Optional<Path> upload = source(media, "REELS", form);
    if (media.kind() == MediaKind.IMAGE && !media.altText().isEmpty()) {
      form.add("alt_text", media.altText());
    }
    addCaption(post, form);
    options(post, media.kind() == MediaKind.IMAGE ? IMAGE_OPTIONS : REEL_OPTIONS, form);
    media.thumbnail().ifPresent(cover -> form.add("cover_url", cover.toString()));
    return new Spec(form.build(), upload);
  }

  /** The child container of carousel item {@code media}: no caption, no options. */
  static Spec child(Media media) {
    FormBody.Builder form = FormBody.builder();
    Optional<Path> upload = source(media, "VIDEO", form);
    form.add("is_carousel_item", "true");
    if (media.kind() == MediaKind.IMAGE && !media.altText().isEmpty()) {
      form.add("alt_text", media.altText());
    }
    return new Spec(form.build(), upload);
  }

  /** The carousel parent over {@code childIds}, with the caption. */
  static Spec carousel(Post post, List<String> childIds) {
    FormBody.Builder form =
        FormBody.builder()
            .add("media_type", "CAROUSEL")
            .add("children", String.join(",", childIds));
    addCaption(post, form);
    options(post, CAROUSEL_OPTIONS, form);
    return new Spec(form.build(), Optional.empty());
  }

  /**
   * Adds the media source: {@code image_url}, {@code video_url}, or a resumable upload; and {@code
   * media_type=videoType} for a video, unless {@code videoType} is null (already set).
   */
  private static Optional<Path> source(Media media, String videoType, FormBody.Builder form) {
    if (media.kind() == MediaKind.IMAGE) {
      form.add("image_url", media.source().toString());
      return Optional.empty();
    }
    if (videoType != null) {
      form.add("media_type", videoType);
    }
    if (media.isLocalFile()) {
      form.add("upload_type", "resumable");
      return Optional.of(Path.of(media.source()));
    }
    form.add("video_url", media.source().toString());
    return Optional.empty();
  }

  private static void addCaption(Post post, FormBody.Builder form) {
    String caption = caption(post);
    if (!caption.isEmpty()) {
      form.add("caption", caption);
    }
  }

  private static void options(Post post, List<String> names, FormBody.Builder form) {
    for (String name : names) {
      post.option(name).ifPresent(v -> form.add(name, v));
    }
  }

  static PostViolation violation(String field, String format, Object... args) {
    return new PostViolation(InstagramPublisher.PLATFORM, field, String.format(format, args));
  }
}
