package dev.herald.scheduler.trigger;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Fires every day at a local time in a zone; see {@link Triggers#daily(LocalTime, ZoneId)}. A time
 * skipped by a DST gap fires late by the length of the gap, and a time repeated by an overlap fires
 * at its first occurrence (see {@link WallClock}).
 *
 * @param time the local time of day
 * @param zone the zone, in {@linkplain WallClock#canonical canonical} form
 */
record DailyTrigger(LocalTime time, ZoneId zone) implements Trigger {
  static final String PREFIX = "daily:";

  DailyTrigger {
    Preconditions.notNull(time, "time");
    zone = WallClock.canonical(Preconditions.notNull(zone, "zone"));
  }

  /** Parses {@code <time>[@<zone>]}, the part of {@code spec} after {@code daily:}. */
  static DailyTrigger parse(String body, String spec) {
    WallClock.Zoned zoned = WallClock.Zoned.split(body, spec);
    try {
      return new DailyTrigger(LocalTime.parse(zoned.text()), zoned.zone());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "malformed time of day '"
              + zoned.text()
              + "' in trigger spec '"
              + spec
              + "'; expected HH:mm or HH:mm:ss, e.g. 'daily:09:30@America/New_York'",
          e);
    }
  }

  @Override
  public Optional<Instant> nextAfter(Instant previous) {
    Preconditions.notNull(previous, "previous");
    return WallClock.nextAfter(previous, zone, this::nextLocalAfter);
  }

  private Optional<LocalDateTime> nextLocalAfter(LocalDateTime local) {
    LocalDate date = local.toLocalDate();
    return Optional.of((local.toLocalTime().isBefore(time) ? date : date.plusDays(1)).atTime(time));
  }

  @Override
  public boolean isRecurring() {
    return true;
  }

  @Override
  public String spec() {
    return PREFIX + time + WallClock.suffix(zone);
  }

  @Override
  public String toString() {
    return spec();
  }
}
