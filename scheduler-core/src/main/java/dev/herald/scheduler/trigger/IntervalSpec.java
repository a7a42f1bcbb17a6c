package dev.herald.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec of an {@link IntervalTrigger}: {@code <interval>}, {@code <interval>+<offset>} or {@code
 * <interval> from <ISO-8601 instant>}, optionally prefixed with {@code every:}.
 *
 * <p>A duration is written either in compact notation, one or more {@code <n><unit>} terms that add
 * up ({@code 90m}, {@code 1h30m}, {@code 1s500ms}) with the units {@code ms}, {@code s}, {@code m},
 * {@code h}, {@code d} (24 hours) and {@code w} (7 days), or in ISO-8601 ({@code PT1H30M}). {@link
 * #format(Duration)} writes a single term in the largest unit that divides the duration.
 */
final class IntervalSpec {
  static final String PREFIX = "every:";

  /** The accepted forms, for error messages. */
  static final String FORMS =
      "'<n>ms|s|m|h|d|w' (e.g. '5m', '1h+15m', '1h from 2026-11-23T09:15:00Z')";

  private static final String DURATION = "(?:\\d+(?:ms|[smhdw]))+|-?[Pp][-\\d.,DdTtHhMmSs]+";
  private static final Pattern SPEC =
      Pattern.compile(
          "(?<interval>"
              + DURATION
              + ")(?:\\s*\\+\\s*(?<offset>"
              + DURATION
              + ")|\\s+from\\s+(?<start>\\S+))?");
  private static final Pattern TERM = Pattern.compile("(\\d+)(ms|[smhdw])");

  private IntervalSpec() {}

  /** The units of the compact notation, largest first. */
  private enum Unit {
    WEEK("w", 604_800_000L),
    DAY("d", 86_400_000L),
    HOUR("h", 3_600_000L),
    MINUTE("m", 60_000L),
    SECOND("s", 1_000L),
    MILLISECOND("ms", 1L);

    final String symbol;
    final long millis;

    Unit(String symbol, long millis) {
      this.symbol = symbol;
      this.millis = millis;
    }

    static Unit of(String symbol) {
      return Arrays.stream(values()).filter(u -> u.symbol.equals(symbol)).findFirst().orElseThrow();
    }
  }

  /**
   * Parses {@code text} if it has the shape of an interval spec (without the {@code every:}
   * prefix).
   *
   * @param spec the whole spec, for error messages
   * @return the trigger, or empty if {@code text} is not shaped like an interval spec
   * @throws IllegalArgumentException if it is, but a value in it is invalid
   */
  static Optional<IntervalTrigger> parse(String text, String spec) {
    Matcher matcher = SPEC.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    IntervalTrigger trigger = new IntervalTrigger(duration(matcher.group("interval"), spec));
    if (matcher.group("offset") != null) {
      trigger = trigger.offset(duration(matcher.group("offset"), spec));
    }
    if (matcher.group("start") != null) {
      trigger = trigger.startingAt(start(matcher.group("start"), spec));
    }
    return Optional.of(trigger);
  }

  /**
   * Parses {@code body}, the part of {@code spec} after {@code every:}.
   *
   * @throws IllegalArgumentException if it is not a valid interval spec
   */
  static IntervalTrigger parseAfterPrefix(String body, String spec) {
    return parse(body.strip(), spec)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "malformed interval '"
                        + body
                        + "' in trigger spec '"
                        + spec
                        + "'; expected "
                        + FORMS));
  }

  /** {@code duration}, a positive whole number of milliseconds, in compact notation. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    Unit unit =
        Arrays.stream(Unit.values()).filter(u -> millis % u.millis == 0).findFirst().orElseThrow();
    return millis / unit.millis + unit.symbol;
  }

  private static Duration duration(String text, String spec) {
    if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "malformed ISO-8601 duration '" + text + "' in trigger spec '" + spec + "'", e);
      }
    }
    try {
      long millis = 0;
      Matcher term = TERM.matcher(text);
      while (term.find()) {
        long count = Long.parseLong(term.group(1));
        millis = Math.addExact(millis, Math.multiplyExact(count, Unit.of(term.group(2)).millis));
      }
      return Duration.ofMillis(millis);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "duration '" + text + "' in trigger spec '" + spec + "' is too long", e);
    }
  }

  private static Instant start(String text, String spec) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "malformed start '"
              + text
              + "' in trigger spec '"
              + spec
              + "'; expected an ISO-8601 instant, e.g. '1h from 2026-11-23T09:15:00Z'",
          e);
    }
  }
}
