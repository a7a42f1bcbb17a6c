package dev.herald.scheduler.trigger;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The built-in triggers, and {@link #parse(String)} to rebuild any of them from its {@link
 * Trigger#spec()}.
 *
 * <p>Every trigger made here is immutable, threadsafe and equal to any trigger with the same spec;
 * its {@code toString()} is its spec.
 *
 * <h2>Calendar triggers and daylight saving time</h2>
 *
 * <p>{@linkplain #cron(String, ZoneId) Cron} and {@linkplain #daily(LocalTime, ZoneId) daily}
 * triggers match local date-times on the wall clock of their zone. Each match becomes the instant
 * {@code ZonedDateTime.ofLocal(local, zone, null)}, and a trigger fires at most once per instant.
 * In Europe/Berlin in 2026:
 *
 * <ul>
 *   <li>Clocks spring forward on March 29 (02:00 CET becomes 03:00 CEST). A local time in the
 *       skipped hour fires late by the length of the gap: {@code 30 2 * * *} fires at 03:30 CEST
 *       (01:30Z) that day, and {@code 0 * * * *} at 01:00 CET (00:00Z) then 03:00 CEST (01:00Z).
 *       Matches that land on the same instant fire once: {@code 30 2,3 * * *} fires once that day,
 *       at 03:30 CEST.
 *   <li>Clocks fall back on October 25 (03:00 CEST becomes 02:00 CET). A local time in the repeated
 *       hour fires at its first occurrence only: {@code 30 2 * * *} fires at 02:30 CEST (00:30Z)
 *       and not at 02:30 CET; {@code 0 * * * *} fires at 02:00 CEST (00:00Z) then 03:00 CET
 *       (02:00Z), and {@code *}{@code /15 * * * *} does not fire during the repeated hour.
 * </ul>
 *
 * <p>{@linkplain #every(Duration) Intervals} are absolute durations and ignore zones and DST.
 * Calendar triggers compute fire times in the years 1 to 9999 and never fire outside them.
 *
 * <h2>Specs</h2>
 *
 * <p>{@link #parse(String)} accepts these forms, ignoring surrounding whitespace; each trigger's
 * {@link Trigger#spec()} is the canonical form shown first:
 *
 * <ul>
 *   <li>Interval: {@code 5m}, {@code 1h+15m} (with an {@linkplain IntervalTrigger#offset offset}),
 *       {@code 1h from 2026-11-23T09:15:00Z} (with a {@linkplain IntervalTrigger#startingAt
 *       start}). A duration is one or more {@code <n><unit>} terms with the units {@code ms},
 *       {@code s}, {@code m}, {@code h}, {@code d} (24 hours) and {@code w} (7 days); the canonical
 *       form is one term in the largest unit that divides it exactly ({@code 90m}, {@code 1h},
 *       {@code 1500ms}). Also accepted: several terms ({@code 1h30m} for {@code 90m}), ISO-8601
 *       durations ({@code PT1H30M}, {@code 1h+PT15M}) and an {@code every:} prefix ({@code
 *       every:5m}).
 *   <li>Cron: {@code cron:<expression>} in UTC, {@code cron:<expression>@<zone>} otherwise, with
 *       the fields separated by single spaces, e.g. {@code cron:0 9 * * MON-FRI@Europe/Berlin}. The
 *       zone follows the last {@code '@'} after the first character, so {@code
 *       cron:@daily@Europe/Berlin} works. Also accepted: an expression without the {@code cron:}
 *       prefix ({@code 0 9 * * MON-FRI}), any whitespace between fields, and a zone of
 *       {@code @UTC}.
 *   <li>Daily: {@code daily:HH:mm}, or {@code daily:HH:mm:ss} if the seconds are not zero (with a
 *       fraction if there is one, as {@link LocalTime#toString()} writes it), followed by
 *       {@code @<zone>} unless the zone is UTC, e.g. {@code daily:09:30@America/New_York}.
 *   <li>Once: {@code once:<ISO-8601 instant>} as {@link Instant#toString()} writes it, e.g. {@code
 *       once:2026-11-23T09:00:00Z}.
 * </ul>
 *
 * <p>A zone is any {@link ZoneId}. Zones with a fixed offset are stored as that {@link ZoneOffset},
 * so {@code UTC}, {@code Etc/UTC}, {@code GMT} and {@code Z} all mean UTC, and {@code Etc/GMT-1} is
 * written {@code +01:00}.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Triggers {
  private static final String FORMS =
      IntervalSpec.FORMS
          + ", 'cron:<5 or 6 fields>[@<zone>]' (e.g. 'cron:0 */4 * * *@Europe/Berlin')"
          + ", 'daily:HH:mm[:ss][@<zone>]' (e.g. 'daily:09:30@America/New_York')"
          + ", 'once:<ISO-8601 instant>' (e.g. 'once:2026-11-23T09:00:00Z')";

  private Triggers() {}

  /**
   * Fires at the local date-times matching a cron {@code expression} in {@code zone}.
   *
   * <p>Five fields are minute, hour, day-of-month, month and day-of-week; six fields add the second
   * in front. Each field is {@code *}, a value, a range {@code a-b}, a step {@code *}{@code /n} or
   * {@code a-b/n}, or a comma-separated list of those; a step is 1 to the field's maximum, and a
   * range cannot wrap around. Months are 1-12 or {@code JAN}-{@code DEC}; days of week are 0-7 (0
   * and 7 are Sunday) or {@code SUN}-{@code SAT}, names in any case. As in Quartz,
   * day-of-month also accepts {@code L} (last day), {@code L-n}, {@code nW} (nearest weekday) and
   * {@code LW}; day-of-week accepts {@code nL} (last such day of the month, e.g. {@code 5L}) and
   * {@code n#k} (the k-th such day, e.g. {@code MON#1}); both accept {@code ?} for {@code *}. The
   * macros {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily},
   * {@code @midnight} and {@code @hourly} stand for their usual five-field expressions.
   *
   * <p>An expression that restricts both day-of-month and day-of-week ({@code 0 0 13 * FRI}) is
   * rejected: crontab fires when either matches, other cron dialects when both do. See the class
   * documentation for DST.
   *
   * @param expression the cron expression; whitespace between fields is normalised to one space
   * @param zone the zone whose wall clock the expression is matched against
   * @return a recurring trigger with spec {@code cron:<expression>[@<zone>]}
   * @throws IllegalArgumentException if {@code expression} is blank, malformed, ambiguous as above,
   *     or matches no date (such as February 30); the message names the expression, and for a
   *     malformed one the field and its value: {@code cron "*}{@code /0 * * * *": minute field
   *     "*}{@code /0": step must be at least 1}
   */
  public static Trigger cron(String expression, ZoneId zone) {
    return new CronTrigger(expression, zone);
  }

  /**
   * Fires at the date-times matching a cron {@code expression} in UTC; see {@link #cron(String,
   * ZoneId)}.
   *
   * @param expression the cron expression
   * @return a recurring trigger with spec {@code cron:<expression>}
   * @throws IllegalArgumentException if {@code expression} is blank, malformed, ambiguous or
   *     matches no date
   */
  public static Trigger cron(String expression) {
    return cron(expression, ZoneOffset.UTC);
  }

  /**
   * Fires every {@code period}, on the points of the epoch-aligned grid: {@code every(1h)} fires on
   * the hour, UTC. Shift the grid with {@link IntervalTrigger#offset(Duration)} or start it at an
   * instant with {@link IntervalTrigger#startingAt(Instant)}.
   *
   * @param period a positive whole number of milliseconds; a day is always 24 hours
   * @return a recurring trigger
   * @throws IllegalArgumentException if {@code period} is zero, negative or not a whole number of
   *     milliseconds
   */
  public static IntervalTrigger every(Duration period) {
    return new IntervalTrigger(period);
  }

  /**
   * Fires once, at {@code at}. Its {@link Trigger#firstFireTime(Instant) first fire time} is {@code
   * at} even if that has passed, so an overdue one-time job runs at once (its misfire policy
   * decides whether it is too late); {@link Trigger#nextAfter(Instant) nextAfter(p)} is {@code at}
   * if after {@code p}, else empty.
   *
   * @param at the fire time, kept to the microsecond (the precision databases store)
   * @return a one-time trigger with spec {@code once:<at>}
   */
  public static Trigger once(Instant at) {
    return new OnceTrigger(at);
  }

  /**
   * Fires every day at {@code time} on the wall clock of {@code zone}. See the class documentation
   * for DST: a time in a spring-forward gap fires late by the gap, a time in a fall-back overlap
   * fires at its first occurrence.
   *
   * @param time the local time of day
   * @param zone the zone
   * @return a recurring trigger with spec {@code daily:<time>[@<zone>]}
   */
  public static Trigger daily(LocalTime time, ZoneId zone) {
    return new DailyTrigger(time, zone);
  }

  /**
   * Rebuilds a trigger from its {@link Trigger#spec()}, or reads one of the other forms listed in
   * the class documentation.
   *
   * @param spec the spec
   * @return a trigger whose spec is the canonical form of {@code spec}
   * @throws IllegalArgumentException if {@code spec} is blank or not one of the accepted forms (the
   *     message lists them), or if a value in it is invalid
   */
  public static Trigger parse(String spec) {
    String text = Preconditions.notBlank(spec, "trigger spec").strip();
    if (text.startsWith(CronTrigger.PREFIX)) {
      return CronTrigger.parse(text.substring(CronTrigger.PREFIX.length()), spec);
    }
    if (text.startsWith(DailyTrigger.PREFIX)) {
      return DailyTrigger.parse(text.substring(DailyTrigger.PREFIX.length()), spec);
    }
    if (text.startsWith(OnceTrigger.PREFIX)) {
      return OnceTrigger.parse(text.substring(OnceTrigger.PREFIX.length()), spec);
    }
    if (text.startsWith(IntervalSpec.PREFIX)) {
      return IntervalSpec.parseAfterPrefix(text.substring(IntervalSpec.PREFIX.length()), spec);
    }
    Optional<IntervalTrigger> interval = IntervalSpec.parse(text, spec);
    if (interval.isPresent()) {
      return interval.get();
    }
    if (CronTrigger.looksLikeCron(text)) {
      return CronTrigger.parse(text, spec);
    }
    throw new IllegalArgumentException(
        "unknown trigger spec '" + spec + "'; expected one of: " + FORMS);
  }
}
