package dev.herald.platforms.pixelfed;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.TextLength;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The posting limits of a Pixelfed instance, as {@code GET /api/v2/instance} (else {@code GET
 * /api/v1/instance}) reports them under {@code configuration}: admins change the caption length ({@code
 * MAX_CAPTION_LENGTH}), the album size ({@code MAX_ALBUM_LENGTH}) and the accepted types ({@code
 * MEDIA_TYPES}, commonly adding {@code image/webp} or {@code video/mp4}), so {@link
 * PixelfedPublisher} reads them rather than hard-coding.
 *
 * <p>Two limits are not in the instance entity and are fixed by Pixelfed's code: the content
 * warning ({@code spoiler_text}, {@value #SPOILER_LIMIT}) and the alt text ({@code
 * PF_MEDIA_MAX_ALTTEXT_LENGTH}, {@value #DESCRIPTION_LIMIT}). Pixelfed documents no hashtag or
 * mention cap, so none is enforced.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param maxCharacters {@code statuses.max_characters}: the longest caption
 * @param maxMediaAttachments {@code statuses.max_media_attachments}: the largest album
 * @param supportedMimeTypes {@code media_attachments.supported_mime_types}
 * @param imageSizeLimit {@code media_attachments.image_size_limit}, bytes (also the video limit)
 */
public record PixelfedLimits(
    int maxCharacters,
    int maxMediaAttachments,
    Set<String> supportedMimeTypes,
    long imageSizeLimit) {

  /** The longest {@code spoiler_text} Pixelfed's validation accepts. */
  public static final int SPOILER_LIMIT = 140;

  /** The longest media description (alt text), {@code PF_MEDIA_MAX_ALTTEXT_LENGTH}'s default. */
  public static final int DESCRIPTION_LIMIT = 1000;

  /**
   * Pixelfed's defaults ({@code config/pixelfed.php}), used until the instance has been asked: 500
   * characters, 4 attachments, JPEG/PNG/GIF, 15,000 KB.
   */
  public static final PixelfedLimits DEFAULTS =
      new PixelfedLimits(500, 4, Set.of("image/jpeg", "image/png", "image/gif"), 15_360_000L);

  /**
   * Checks and copies the components.
   *
   * @param maxCharacters the longest caption
   * @param maxMediaAttachments the largest album
   * @param supportedMimeTypes the MIME types the instance accepts
   * @param imageSizeLimit the largest media file, in bytes
   * @throws IllegalArgumentException if a count is negative
   */
  public PixelfedLimits {
    atLeast(maxCharacters, 0, "maxCharacters");
    atLeast(maxMediaAttachments, 0, "maxMediaAttachments");
    if (imageSizeLimit < 0) {
      throw new IllegalArgumentException(
          "imageSizeLimit cannot be negative, was " + imageSizeLimit);
    }
    supportedMimeTypes = Set.copyOf(notNull(supportedMimeTypes, "supportedMimeTypes"));
  }

  /**
   * How Pixelfed counts a caption: Unicode code points, URLs at their full length. The caption is
   * checked by Laravel's {@code max:<n>} string rule, which measures {@code mb_strlen}; the {@code
   * characters_reserved_per_url} the instance reports is a Mastodon-compatibility field the
   * validator does not apply. (Counting this way never undercounts what Mastodon-style counting
   * would give, so a post that passes here passes there.)
   *
   * @return the counting of a caption
   */
  public TextLength textLength() {
    return TextLength.codePoints();
  }

  /**
   * The media kinds the supported MIME types allow: images, and videos if a video type is in.
   *
   * @return the accepted media kinds
   */
  public Set<MediaKind> mediaKinds() {
    Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
    for (String type : supportedMimeTypes) {
      String lower = type.toLowerCase(Locale.ROOT);
      if (lower.startsWith("image/")) {
        kinds.add(MediaKind.IMAGE);
      } else if (lower.startsWith("video/")) {
        kinds.add(MediaKind.VIDEO);
      }
    }
    return kinds;
  }

  /**
   * Statuses one profile may create in 24 hours: pixelfed/pixelfed's status creation
   * ({@code app/Http/Controllers/Api/ApiV1Controller.php}, 2024-03) aborts with 429 once the
   * profile has created 1,000 statuses in the last 24 hours (the count is cached for 15 minutes).
   * Not in the documentation.
   */
  public static final int POSTS_PER_24_HOURS = 1_000;

  /**
   * These limits as capabilities for an ordinary post: the caption, one to {@link
   * #maxMediaAttachments()} attachments of the supported types (a Pixelfed post must carry media
   * unless it is a reply; see {@link #capabilities(boolean)}), mixed albums allowed, an
   * idempotency window of {@link Duration#ZERO}, and {@value #POSTS_PER_24_HOURS} posts per 24
   * hours per profile.
   *
   * <p>The window is zero because Pixelfed does not deduplicate: a repeated {@code Idempotency-Key}
   * is answered with HTTP 400 "Duplicate idempotency key.", never with the status the first request
   * created, and the key is stored before the post is attempted, so even a failed first request
   * consumes it. A scheduler must therefore not rely on resending with the same key to
   * recover a lost response, which is what a non-zero window would promise.
   *
   * @return the capabilities of a post that is not a reply
   */
  public PlatformCapabilities capabilities() {
    return capabilities(false);
  }

  /**
   * The capabilities of a post that is ({@code reply} true) or is not a reply: replies may be
   * text-only, other posts need at least one attachment.
   *
   * @param reply whether the post replies to another
   * @return the capabilities of such a post
   */
  public PlatformCapabilities capabilities(boolean reply) {
    return PlatformCapabilities.builder(PixelfedPublisher.PLATFORM)
        .maxTextLength(maxCharacters, textLength())
        .media(reply ? 0 : 1, maxMediaAttachments, mediaKinds().toArray(MediaKind[]::new))
        .mimeTypes(supportedMimeTypes.toArray(String[]::new))
        .allowsMixedMedia(true)
        .idempotencyWindow(Duration.ZERO)
        .publishBudget(POSTS_PER_24_HOURS, Duration.ofHours(24))
        .build();
  }

  /** The limits in an Instance entity; {@link #DEFAULTS} for each value it lacks. */
  static PixelfedLimits fromInstance(JsonNode instance) {
    JsonNode statuses = instance.path("configuration").path("statuses");
    JsonNode media = instance.path("configuration").path("media_attachments");
    Set<String> types = new LinkedHashSet<>();
    media.path("supported_mime_types").forEach(t -> types.add(t.asText()));
    return new PixelfedLimits(
        Math.max(0, statuses.path("max_characters").asInt(DEFAULTS.maxCharacters)),
        Math.max(0, statuses.path("max_media_attachments").asInt(DEFAULTS.maxMediaAttachments)),
        types.isEmpty() ? DEFAULTS.supportedMimeTypes : types,
        Math.max(0, media.path("image_size_limit").asLong(DEFAULTS.imageSizeLimit)));
  }
}
