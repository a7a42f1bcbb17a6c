package dev.herald.platforms.mastodon;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The poll limits of a Mastodon instance, as {@code GET /api/v2/instance} reports them under
 * {@code configuration.polls} (mastodon/mastodon {@code app/serializers/rest/instance_serializer.rb}
 * fills them from {@code PollValidator}'s constants, app/validators/poll_validator.rb; forks and
 * {@code MAX_POLL_OPTIONS}-style patches change them).
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param maxOptions {@code max_options}: the most options of one poll
 * @param maxCharactersPerOption {@code max_characters_per_option}: the longest option, in grapheme
 *     clusters ({@code option.mb_chars.grapheme_length} in {@code PollValidator})
 * @param minExpiration {@code min_expiration}: the shortest {@code poll[expires_in]}
 * @param maxExpiration {@code max_expiration}: the longest {@code poll[expires_in]}
 */
public record MastodonPollLimits(
    int maxOptions, int maxCharactersPerOption, Duration minExpiration, Duration maxExpiration) {

  /**
   * Mastodon's own values ({@code PollValidator}: {@code MAX_OPTIONS = 4}, {@code MAX_OPTION_CHARS
   * = 50}, {@code MIN_EXPIRATION = 5.minutes}, {@code MAX_EXPIRATION = 1.month}, which the instance
   * reports as 300 and 2,629,746 seconds).
   */
  public static final MastodonPollLimits DEFAULTS =
      new MastodonPollLimits(4, 50, Duration.ofSeconds(300), Duration.ofSeconds(2_629_746));

  /**
   * Checks the components.
   *
   * @param maxOptions the most options
   * @param maxCharactersPerOption the longest option
   * @param minExpiration the shortest duration
   * @param maxExpiration the longest duration
   * @throws IllegalArgumentException if a count is negative or a duration negative or out of order
   */
  public MastodonPollLimits {
    atLeast(maxOptions, 0, "maxOptions");
    atLeast(maxCharactersPerOption, 0, "maxCharactersPerOption");
    notNull(minExpiration, "minExpiration");
    notNull(maxExpiration, "maxExpiration");
    if (minExpiration.isNegative() || maxExpiration.compareTo(minExpiration) < 0) {
      throw new IllegalArgumentException("poll expirations must satisfy 0 <= minExpiration <="
          + " maxExpiration, were " + minExpiration + " and " + maxExpiration);
    }
  }

  /** The limits in {@code configuration.polls}; {@link #DEFAULTS} for each value missing. */
  static MastodonPollLimits fromInstance(JsonNode polls) {
    return new MastodonPollLimits(
        polls.path("max_options").asInt(DEFAULTS.maxOptions),
        polls.path("max_characters_per_option").asInt(DEFAULTS.maxCharactersPerOption),
        Duration.ofSeconds(
            polls.path("min_expiration").asLong(DEFAULTS.minExpiration.toSeconds())),
        Duration.ofSeconds(
            polls.path("max_expiration").asLong(DEFAULTS.maxExpiration.toSeconds())));
  }
}
