package dev.herald.platforms.tiktok;

import java.util.Set;

/**
 * TikTok's documented limits for the Content Posting API. Text is counted in UTF-16 code units, as
 * TikTok does ({@link String#length()}).
 *
 * <p>Where the documentation says "MB" without saying which, the chunk bounds take the stricter
 * reading of each: at least 5 MiB (5,242,880 bytes, the larger of 5 MB and 5 MiB) and at most
 * 64,000,000 bytes (the smaller of 64 MB and 64 MiB), so a chunk plan is valid under both.
 *
 * <p>This class is threadsafe (constants only).
 */
public final class TikTokLimits {

  /** The longest video caption ({@code post_info.title}), in UTF-16 code units. */
  public static final int VIDEO_TITLE_MAX = 2_200;

  /** The longest photo title ({@code post_info.title}), in UTF-16 code units. */
  public static final int PHOTO_TITLE_MAX = 90;

  /** The longest photo description ({@code post_info.description}), in UTF-16 code units. */
  public static final int PHOTO_DESCRIPTION_MAX = 4_000;

  /** The most photos in one photo post; the fewest is 1. */
  public static final int MAX_PHOTOS = 35;

  /**
   * Direct posts one creator may make through the API in a day, as Herald assumes it. TikTok
   * documents the cap but not its size: the Direct Post reference
   * (developers.tiktok.com/doc/content-posting-api-reference-direct-post) lists {@code
   * spam_risk_too_many_posts}, "the daily post cap from the API is reached for the current user",
   * shared by every app the creator uses. Integrators report about 15 posts per creator per day
   * (2026), the figure used here, counted in a moving 24 hours (which also keeps a calendar day
   * within it). A host that learns a creator's real cap sets it with {@code
   * Publishing.Builder.budget}.
   */
  public static final int POSTS_PER_DAY = 15;

  /** The smallest chunk of a chunked upload except the last (and except single-chunk files). */
  public static final long MIN_CHUNK_SIZE = 5L * 1024 * 1024;

  /** The largest chunk of a chunked upload except the last. */
  public static final long MAX_CHUNK_SIZE = 64_000_000L;

  /** The most chunks in one upload. */
  public static final int MAX_CHUNKS = 1_000;

  /** The default chunk size, as in the Media Transfer Guide's example: 10,000,000 bytes. */
  public static final long DEFAULT_CHUNK_SIZE = 10_000_000L;

  /** The video MIME types TikTok accepts (MP4, QuickTime, WebM). */
  public static final Set<String> VIDEO_TYPES =
      Set.of("video/mp4", "video/quicktime", "video/webm");

  /** The photo MIME types TikTok accepts: JPEG and WebP, no PNG. */
  public static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/webp");

  /** The values of {@code post_info.privacy_level}; a post must use one the creator offers. */
  public static final Set<String> PRIVACY_LEVELS =
      Set.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY");

  private TikTokLimits() {}
}
