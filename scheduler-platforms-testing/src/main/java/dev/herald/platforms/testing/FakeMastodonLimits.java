package dev.herald.platforms.testing;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits a {@link FakeMastodon} advertises in its instance entity and enforces, and how it
 * counts a status, taken from mastodon/mastodon rather than from the adapter: {@code
 * StatusLengthValidator} (app/validators/status_length_validator.rb) counts the spoiler text and
 * the text in grapheme clusters after replacing every URL the text extractor finds with 23
 * characters ({@code URL_PLACEHOLDER}) and every remote mention {@code @user@domain} with {@code
 * @user}. Threadsafe (immutable).
 *
 * @param maxCharacters {@code statuses.max_characters}
 * @param maxMediaAttachments {@code statuses.max_media_attachments}
 * @param supportedMimeTypes {@code media_attachments.supported_mime_types}
 * @param descriptionLimit {@code media_attachments.description_limit}
 * @param polls the {@code polls} limits
 */
record FakeMastodonLimits(int maxCharacters, int maxMediaAttachments,
    Set<String> supportedMimeTypes, int descriptionLimit, Polls polls) {

  /** {@code StatusLengthValidator::URL_PLACEHOLDER_CHARS}. */
  static final int URL_PLACEHOLDER_CHARS = 23;

  /**
   * Mastodon's defaults, app/validators/poll_options_validator.rb and poll_expiration_validator.rb:
   * 4 options of 50 characters, expiring in 5 minutes ({@code 5.minutes}) to a month ({@code
   * 1.month}, 2,629,746 s in Rails).
   */
  static final Polls DEFAULT_POLLS =
      new Polls(4, 50, Duration.ofMinutes(5), Duration.ofSeconds(2_629_746));

  /** An http(s) URL with a dotted host, as twitter-text's extractor requires, less end punctuation. */
  private static final Pattern URL = Pattern.compile(
      "https?://[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+(?::\\d+)?"
          + "(?:/[^\\s]*[^\\s.,!?;:'\")\\]])?/?");

  /** A remote mention; {@code rewrite_entities} keeps {@code @user}. */
  private static final Pattern REMOTE_MENTION = Pattern.compile(
      "(?<![\\p{L}\\p{N}_/])(@[\\p{L}\\p{N}_]+)@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+");

  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  FakeMastodonLimits {
    supportedMimeTypes = Set.copyOf(supportedMimeTypes);
  }

  /** The length {@code StatusLengthValidator} gives a status. */
  int statusLength(String spoilerText, String text) {
    String countable = URL.matcher(text).replaceAll("x".repeat(URL_PLACEHOLDER_CHARS));
    countable = REMOTE_MENTION.matcher(countable).replaceAll("$1");
    return graphemes(spoilerText) + graphemes(countable);
  }

  /** Grapheme clusters, as Ruby's {@code String#grapheme_clusters} counts them. */
  static int graphemes(String text) {
    Matcher m = GRAPHEME.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  /**
   * The {@code configuration.polls} limits ({@code PollValidator}).
   *
   * @param maxOptions {@code max_options}
   * @param maxCharactersPerOption {@code max_characters_per_option}
   * @param minExpiration {@code min_expiration}
   * @param maxExpiration {@code max_expiration}
   */
  record Polls(int maxOptions, int maxCharactersPerOption, Duration minExpiration,
      Duration maxExpiration) {}
}
