package dev.herald.platforms.mastodon;

import dev.herald.platforms.internal.http.FormBody;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A poll on a status, from the post options named as the {@code POST /api/v1/statuses} form
 * fields:
 *
 * <ul>
 *   <li>{@value #OPTIONS}: the choices, <b>one per line</b> (a form array cannot be one option
 *       value); each line is stripped and blank lines dropped, as {@code Poll#prepare_options}
 *       does (mastodon/mastodon app/models/poll.rb);
 *   <li>{@value #EXPIRES_IN}: the duration in whole seconds, required with a poll;
 *   <li>{@value #MULTIPLE} and {@value #HIDE_TOTALS}: {@code true} or {@code false} (default
 *       false).
 * </ul>
 *
 * <p>The rules are {@code PollValidator}'s (app/validators/poll_validator.rb, split into
 * poll_options_validator.rb and poll_expiration_validator.rb in later versions) with the limits
 * the instance reports: more than one option, at most {@code max_options}, each at most {@code
 * max_characters_per_option} grapheme clusters, no duplicates, and an expiry within [{@code
 * min_expiration}, {@code max_expiration}]; and a poll excludes media ({@code validate_media!} in
 * app/services/post_status_service.rb refuses {@code media_ids} with a {@code poll}). Documented at
 * https://docs.joinmastodon.org/methods/statuses/#create.
 *
 * <p>Instances are immutable and threadsafe.
 */
record MastodonPoll(List<String> options, long expiresIn, boolean multiple, boolean hideTotals) {

  static final String OPTIONS = "poll[options][]";
  static final String EXPIRES_IN = "poll[expires_in]";
  static final String MULTIPLE = "poll[multiple]";
  static final String HIDE_TOTALS = "poll[hide_totals]";

  private static final Set<String> BOOLEANS = Set.of("true", "false");

  /** The poll of {@code post}, if it has {@value #OPTIONS}; call after {@link #validate}. */
  static Optional<MastodonPoll> of(Post post) {
    return post.option(OPTIONS)
        .map(
            o ->
                new MastodonPoll(
                    lines(o),
                    Long.parseLong(post.option(EXPIRES_IN).orElseThrow().trim()),
                    post.option(MULTIPLE).map("true"::equals).orElse(false),
                    post.option(HIDE_TOTALS).map("true"::equals).orElse(false)));
  }

  /** Adds the poll's form fields. */
  void addTo(FormBody.Builder form) {
    form.addAll(OPTIONS, options);
    form.add(EXPIRES_IN, Long.toString(expiresIn));
    form.add(MULTIPLE, Boolean.toString(multiple));
    form.add(HIDE_TOTALS, Boolean.toString(hideTotals));
  }

  /** Every violation of the poll options against {@code limits}; none for a post without poll. */
  static void validate(Post post, MastodonPollLimits limits, Consumer<PostViolation> out) {
    Map<String, String> options = post.options();
    Optional<String> choices = post.option(OPTIONS);
    for (String field : List.of(MULTIPLE, HIDE_TOTALS)) {
      post.option(field)
          .filter(v -> !BOOLEANS.contains(v))
          .ifPresent(v -> out.accept(violation(field, "%s is '%s'; use true or false", field, v)));
    }
    if (choices.isEmpty()) {
      for (String field : List.of(EXPIRES_IN, MULTIPLE, HIDE_TOTALS)) {
        if (options.containsKey(field)) {
          out.accept(violation(field, "%s is set but %s is not; a poll needs its options",
              field, OPTIONS));
        }
      }
      return;
    }
    List<String> lines = lines(choices.get());
    if (lines.size() < 2) {
      out.accept(violation(OPTIONS, "poll has %d options; mastodon needs at least 2, one per"
          + " line", lines.size()));
    }
    if (lines.size() > limits.maxOptions()) {
      out.accept(violation(OPTIONS, "poll has %d options; this instance allows at most %d",
          lines.size(), limits.maxOptions()));
    }
    for (String line : lines) {
      int length = MastodonLimits.graphemes(line);
      if (length > limits.maxCharactersPerOption()) {
        out.accept(violation(OPTIONS, "poll option '%s' is %d characters; this instance allows"
            + " at most %d", line, length, limits.maxCharactersPerOption()));
      }
    }
    if (new HashSet<>(lines).size() != lines.size()) {
      out.accept(violation(OPTIONS, "poll options %s contain duplicates", lines));
    }
    if (!post.media().isEmpty()) {
      out.accept(violation(OPTIONS, "post has a poll and %d attachments; mastodon allows a poll"
          + " only on a status without media", post.media().size()));
    }
    validateExpiry(post.option(EXPIRES_IN), limits, out);
  }

  private static void validateExpiry(
      Optional<String> value, MastodonPollLimits limits, Consumer<PostViolation> out) {
    if (value.isEmpty()) {
      out.accept(violation(EXPIRES_IN, "%s is missing; a poll needs its duration in seconds",
          EXPIRES_IN));
      return;
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.get().trim());
    } catch (NumberFormatException e) {
      out.accept(violation(EXPIRES_IN, "%s is '%s'; use a whole number of seconds", EXPIRES_IN,
          value.get()));
      return;
    }
    Duration expiresIn = Duration.ofSeconds(seconds);
    if (expiresIn.compareTo(limits.minExpiration()) < 0
        || expiresIn.compareTo(limits.maxExpiration()) > 0) {
      out.accept(violation(EXPIRES_IN, "%s is %d seconds; this instance allows %d to %d",
          EXPIRES_IN, seconds, limits.minExpiration().toSeconds(),
          limits.maxExpiration().toSeconds()));
    }
  }

  /** The options, one per line, stripped, blank lines dropped. */
  private static List<String> lines(String value) {
    return Arrays.stream(value.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static PostViolation violation(String field, String format, Object... args) {
    return new PostViolation(MastodonPublisher.PLATFORM, field, String.format(format, args));
  }
}
