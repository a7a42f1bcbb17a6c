package dev.herald.scheduler.trigger;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Fires once, at an instant; see {@link Triggers#once(Instant)}.
 *
 * @param at the fire time
 */
record OnceTrigger(Instant at) implements Trigger {
  static final String PREFIX = "once:";

  OnceTrigger {
    Preconditions.notNull(at, "at");
    at = at.truncatedTo(ChronoUnit.MICROS); // what databases keep
  }

  /** Parses the ISO-8601 instant in {@code body}, the part of {@code spec} after {@code once:}. */
  static OnceTrigger parse(String body, String spec) {
    try {
      return new OnceTrigger(Instant.parse(body.strip()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "malformed instant '"
              + body.strip()
              + "' in trigger spec '"
              + spec
              + "'; expected an ISO-8601 instant, e.g. 'once:2026-11-23T09:00:00Z'",
          e);
    }
  }

  /** Returns {@link #at()}, even if it is not after {@code now}: an overdue job runs at once. */
  @Override
  public Optional<Instant> firstFireTime(Instant now) {
    Preconditions.notNull(now, "now");
    return Optional.of(at);
  }

  @Override
  public Optional<Instant> nextAfter(Instant previous) {
    Preconditions.notNull(previous, "previous");
    return at.isAfter(previous) ? Optional.of(at) : Optional.empty();
  }

  @Override
  public boolean isRecurring() {
    return false;
  }

  @Override
  public String spec() {
    return PREFIX + at;
  }

  @Override
  public String toString() {
    return spec();
  }
}
