package dev.herald.platforms.mastodon;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.TextLength;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The posting limits of a Mastodon instance, as {@code GET /api/v2/instance} reports them under
 * {@code configuration}: instances and forks change them (5,000-character instances are common), so
 * {@link MastodonPublisher} reads them rather than hard-coding.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param maxCharacters {@code statuses.max_characters}
 * @param maxMediaAttachments {@code statuses.max_media_attachments}
 * @param charactersReservedPerUrl {@code statuses.characters_reserved_per_url}: every URL counts
 *     this many characters, whatever its length
 * @param supportedMimeTypes {@code media_attachments.supported_mime_types}
 * @param descriptionLimit {@code media_attachments.description_limit}: the longest alt text
 * @param polls {@code polls}: the poll limits
 */
public record MastodonLimits(
    int maxCharacters,
    int maxMediaAttachments,
    int charactersReservedPerUrl,
    Set<String> supportedMimeTypes,
    int descriptionLimit,
    MastodonPollLimits polls) {

  /**
   * Mastodon's defaults, used until the instance has been asked and for servers older than 4.0,
   * whose instance entity has no {@code configuration}: 500 characters, 4 attachments, 23 per URL,
   * the image and video types of the documentation's example, 1,500 characters of alt text.
   */
  public static final MastodonLimits DEFAULTS =
      new MastodonLimits(
          500,
          4,
          23,
          Set.of(
              "image/jpeg",
              "image/png",
              "image/gif",
              "image/heic",
              "image/heif",
              "image/webp",
              "image/avif",
              "video/webm",
              "video/mp4",
              "video/quicktime",
              "video/ogg"),
          1500,
          MastodonPollLimits.DEFAULTS);

  /** A remote mention {@code @user@domain}: Mastodon counts only {@code @user}. */
  private static final Pattern REMOTE_MENTION =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}_/])(@[\\p{L}\\p{N}_]+)@[\\p{L}\\p{N}\\-]+(\\.[\\p{L}\\p{N}\\-]+)+");

  /**
   * An extended grapheme cluster. {@code java.text.BreakIterator} (and so {@code
   * TextLength.graphemes()}) splits emoji ZWJ sequences on Java 17; the regex engine does not.
   */
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  /**
   * Checks and copies the components.
   *
   * @param maxCharacters the longest status
   * @param maxMediaAttachments the most attachments on a status
   * @param charactersReservedPerUrl the length every URL counts for
   * @param supportedMimeTypes the MIME types the instance accepts
   * @param descriptionLimit the longest alt text
   * @param polls the poll limits
   * @throws IllegalArgumentException if a count is negative
   */
  public MastodonLimits {
    atLeast(maxCharacters, 0, "maxCharacters");
    atLeast(maxMediaAttachments, 0, "maxMediaAttachments");
    atLeast(charactersReservedPerUrl, 0, "charactersReservedPerUrl");
    atLeast(descriptionLimit, 0, "descriptionLimit");
    supportedMimeTypes = Set.copyOf(notNull(supportedMimeTypes, "supportedMimeTypes"));
    notNull(polls, "polls");
  }

  /**
   * Limits with Mastodon's default poll limits ({@link MastodonPollLimits#DEFAULTS}).
   *
   * @param maxCharacters the longest status
   * @param maxMediaAttachments the most attachments on a status
   * @param charactersReservedPerUrl the length every URL counts for
   * @param supportedMimeTypes the MIME types the instance accepts
   * @param descriptionLimit the longest alt text
   * @throws IllegalArgumentException if a count is negative
   */
  public MastodonLimits(
      int maxCharacters,
      int maxMediaAttachments,
      int charactersReservedPerUrl,
      Set<String> supportedMimeTypes,
      int descriptionLimit) {
    this(maxCharacters, maxMediaAttachments, charactersReservedPerUrl, supportedMimeTypes,
        descriptionLimit, MastodonPollLimits.DEFAULTS);
  }

  /**
   * How Mastodon counts a status: grapheme clusters, every {@code http(s)://} URL as {@link
   * #charactersReservedPerUrl()} characters, and a remote mention {@code @user@domain} as just
   * {@code @user}.
   *
   * @return the counting of a status' text
   */
  public TextLength textLength() {
    TextLength graphemes = MastodonLimits::graphemes;
    TextLength urls = graphemes.withUrlsCountedAs(charactersReservedPerUrl);
    return text -> urls.of(REMOTE_MENTION.matcher(text).replaceAll("$1"));
  }

  /**
   * How Mastodon counts an alt text against {@link #descriptionLimit()}: {@code validates
   * :description, length: { maximum: ... }} in app/models/media_attachment.rb, where Rails counts
   * characters (Unicode code points); URLs count in full.
   *
   * @param description an alt text
   * @return its length as Mastodon counts it
   */
  static int descriptionLength(String description) {
    return description.codePointCount(0, description.length());
  }

  static int graphemes(String text) {
    Matcher m = GRAPHEME.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  /**
   * Statuses one account may create in 3 hours: Mastodon's {@code RateLimiter} family {@code
   * statuses}, {@code limit: 300, period: 3.hours} (mastodon/mastodon {@code
   * app/lib/rate_limiter.rb}, read at commit 0486db9f4ebcd2289b211dd43412d356e6bdfa39), applied to
   * creating statuses and reblogs, past which {@code POST /api/v1/statuses} answers 429. The code
   * counts in 3-hour buckets aligned to the epoch; a moving 3-hour window of 300 keeps every bucket
   * within it. Not in the documentation, and not instance-configurable.
   */
  public static final int STATUSES_PER_3_HOURS = 300;

  /**
   * These limits as capabilities: text, media count, images and videos of the supported types, one
   * kind per post, Mastodon's one-hour idempotency window, and its {@value #STATUSES_PER_3_HOURS}
   * statuses per 3 hours per account.
   *
   * @return the capabilities of a status on this instance
   */
  public PlatformCapabilities capabilities() {
    return PlatformCapabilities.builder(MastodonPublisher.PLATFORM)
        .maxTextLength(maxCharacters, textLength())
        .media(0, maxMediaAttachments, MediaKind.IMAGE, MediaKind.VIDEO)
        .mimeTypes(supportedMimeTypes.toArray(String[]::new))
        .allowsMixedMedia(false)
        .idempotencyWindow(Duration.ofHours(1))
        .publishBudget(STATUSES_PER_3_HOURS, Duration.ofHours(3))
        .build();
  }

  /**
   * The limits in an Instance entity; {@link #DEFAULTS} for each value it lacks (all of them when
   * {@code configuration} is missing, as on servers before 4.0).
   */
  static MastodonLimits fromInstance(JsonNode instance) {
    JsonNode statuses = instance.path("configuration").path("statuses");
    JsonNode media = instance.path("configuration").path("media_attachments");
    Set<String> types = new LinkedHashSet<>();
    media.path("supported_mime_types").forEach(t -> types.add(t.asText()));
    return new MastodonLimits(
        statuses.path("max_characters").asInt(DEFAULTS.maxCharacters),
        statuses.path("max_media_attachments").asInt(DEFAULTS.maxMediaAttachments),
        statuses.path("characters_reserved_per_url").asInt(DEFAULTS.charactersReservedPerUrl),
        types.isEmpty() ? DEFAULTS.supportedMimeTypes : types,
        media.path("description_limit").asInt(DEFAULTS.descriptionLimit),
        MastodonPollLimits.fromInstance(instance.path("configuration").path("polls")));
  }
}
