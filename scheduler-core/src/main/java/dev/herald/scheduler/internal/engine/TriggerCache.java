package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.trigger.Trigger;
import dev.herald.scheduler.trigger.Triggers;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed triggers by spec: parsing a cron expression for every run would be wasteful. Bounded:
 * cleared when full (specs are few in practice). One-time specs are not cached, since each job has
 * its own and they would only evict the others; their canonical form is read without {@link
 * Instant#parse}, the costliest part of running a one-time job. Threadsafe.
 */
final class TriggerCache {
  private static final int MAX = 4096;
  private static final String ONCE = "once:";
  private static final int[] SCALE = {1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
      1_000, 100, 10, 1};

  private final ConcurrentHashMap<String, Trigger> bySpec = new ConcurrentHashMap<>();

  /**
   * The trigger for {@code spec}.
   *
   * @throws IllegalArgumentException if it does not parse
   */
  Trigger get(String spec) {
    if (spec.startsWith(ONCE)) {
      Instant at = canonicalInstant(spec, ONCE.length());
      return at != null ? Triggers.once(at) : Triggers.parse(spec);
    }
    Trigger cached = bySpec.get(spec);
    if (cached != null) {
      return cached;
    }
    Trigger parsed = Triggers.parse(spec);
    if (bySpec.size() >= MAX) {
      bySpec.clear();
    }
    bySpec.put(spec, parsed);
    return parsed;
  }

  /**
   * The instant written from {@code from} to the end of {@code text} if it has the form {@link
   * Instant#toString()} gives years 0000 to 9999 ({@code yyyy-MM-ddTHH:mm:ss}, an optional
   * fraction of 1 to 9 digits, {@code Z}) and is a valid date and time; null otherwise, leaving
   * anything else (and every error message) to {@link Instant#parse}.
   */
  static Instant canonicalInstant(String text, int from) {
    int length = text.length() - from;
    if (length < 20 || length > 30 || length == 21 || text.charAt(text.length() - 1) != 'Z'
        || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-'
        || text.charAt(from + 10) != 'T' || text.charAt(from + 13) != ':'
        || text.charAt(from + 16) != ':' || (length > 20 && text.charAt(from + 19) != '.')) {
      return null;
    }
    int year = digits(text, from, 4);
    int month = digits(text, from + 5, 2);
    int day = digits(text, from + 8, 2);
    int hour = digits(text, from + 11, 2);
    int minute = digits(text, from + 14, 2);
    int second = digits(text, from + 17, 2);
    int fractionDigits = length > 20 ? length - 21 : 0;
    int fraction = fractionDigits > 0 ? digits(text, from + 20, fractionDigits) : 0;
    if ((year | month | day | hour | minute | second | fraction) < 0) {
      return null;
    }
    try {
      long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second)
          .toEpochSecond(ZoneOffset.UTC);
      return Instant.ofEpochSecond(epochSecond, (long) fraction * SCALE[fractionDigits]);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number of {@code count} digits at {@code at}, or -1 if one is not a digit. */
  private static int digits(String text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
