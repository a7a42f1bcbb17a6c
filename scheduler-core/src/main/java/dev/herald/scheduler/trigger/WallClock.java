package dev.herald.scheduler.trigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * Wall-clock time for the calendar triggers ({@link CronTrigger}, {@link DailyTrigger}): turns a
 * schedule of local date-times into instants in a zone, and reads and writes the {@code @<zone>}
 * suffix of their specs.
 *
 * <p>A scheduled local date-time becomes the instant {@code ZonedDateTime.ofLocal(local, zone,
 * null)}: a local time in a gap (clocks spring forward) moves later by the length of the gap, and
 * one in an overlap (clocks fall back) takes the earlier offset, so it fires at its first
 * occurrence only. Local times that resolve to the same instant fire once.
 *
 * <p>Fire times are computed in the years 1 to 9999; a calendar trigger never fires outside them.
 */
final class WallClock {
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private WallClock() {}

  /** A schedule of local date-times, such as a cron expression or a time of day. */
  @FunctionalInterface
  interface LocalSchedule {
    /** The first scheduled local date-time strictly after {@code local}, or empty if none. */
    Optional<LocalDateTime> nextAfter(LocalDateTime local);
  }

  /** A spec's text before its {@code @<zone>} suffix, and the zone (UTC if none). */
  record Zoned(String text, ZoneId zone) {

    /**
     * Splits {@code body} at its last {@code '@'} after the first character, so that a leading
     * {@code '@'} (as in the cron macro {@code @daily}) is not taken for the separator.
     *
     * @param spec the whole spec, for error messages
     * @throws IllegalArgumentException if the zone is unknown
     */
    static Zoned split(String body, String spec) {
      int at = body.lastIndexOf('@');
      if (at <= 0) {
        return new Zoned(body.strip(), ZoneOffset.UTC);
      }
      String id = body.substring(at + 1).strip();
      try {
        return new Zoned(body.substring(0, at).strip(), canonical(ZoneId.of(id)));
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "unknown time zone '" + id + "' in trigger spec '" + spec + "'", e);
      }
    }
  }

  /**
   * {@code zone} in the form the triggers store and compare: fixed-offset zones become their {@link
   * ZoneOffset}, so {@code UTC}, {@code Etc/UTC} and {@code Z} are all {@link ZoneOffset#UTC}.
   */
  static ZoneId canonical(ZoneId zone) {
    return zone.normalized();
  }

  /** The spec suffix for a {@linkplain #canonical canonical} zone: empty for UTC. */
  static String suffix(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) ? "" : "@" + zone.getId();
  }

  /**
   * The first instant strictly after {@code previous} at which {@code schedule} fires in {@code
   * zone}, or empty if none.
   */
  static Optional<Instant> nextAfter(Instant previous, ZoneId zone, LocalSchedule schedule) {
    if (!previous.isBefore(LAST)) {
      return Optional.empty();
    }
    Instant from = previous.isBefore(FIRST) ? FIRST.minusNanos(1) : previous;
    LocalDateTime local = searchStart(from, zone.getRules());
    for (; ; ) {
      Optional<LocalDateTime> candidate = schedule.nextAfter(local);
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      Instant fire = ZonedDateTime.ofLocal(candidate.get(), zone, null).toInstant();
      if (fire.isAfter(LAST)) {
        return Optional.empty();
      }
      if (fire.isAfter(previous)) {
        return Optional.of(fire);
      }
      local = candidate.get(); // shares an instant with an earlier local time: try the next
    }
  }

  /**
   * The local date-time after which to search for fire times after {@code instant}. Usually its
   * local time; but just after a gap, the skipped local times still resolve to instants after
   * {@code instant}, so the search starts at its local time in the offset before the gap. Just
   * after an overlap (in the repeated hour), the rest of that hour resolved to its first pass,
   * before {@code instant}, so the search skips it.
   */
  private static LocalDateTime searchStart(Instant instant, ZoneRules rules) {
    ZoneOffsetTransition last = rules.previousTransition(instant.plusNanos(1));
    if (last != null && instant.isBefore(last.getInstant().plus(last.getDuration().abs()))) {
      return last.isGap()
          ? LocalDateTime.ofInstant(instant, last.getOffsetBefore())
          : last.getDateTimeBefore().minusNanos(1);
    }
    return LocalDateTime.ofInstant(instant, rules.getOffset(instant));
  }
}
