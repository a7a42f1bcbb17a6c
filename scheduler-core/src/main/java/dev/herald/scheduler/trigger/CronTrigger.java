package dev.herald.scheduler.trigger;

import static com.cronutils.model.definition.CronDefinitionBuilder.defineCron;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.QuestionMark;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression matched against the wall clock of a zone; see {@link Triggers#cron(String,
 * ZoneId)} for the syntax and {@link Triggers} for what happens when clocks change.
 *
 * <p>cron-utils parses the expression and finds the next matching local date-time, evaluated in UTC
 * so that it never sees a DST change (it mishandles them: jmrozanec/cron-utils#61, #446). {@link
 * WallClock} turns local date-times into instants. {@link CronSyntax} checks each field first, so
 * that a mistake is named by field and value. Four cron-utils behaviours are worked around:
 *
 * <ul>
 *   <li>Its errors do not name the field, and some inputs make it throw other exceptions ({@code
 *       1#} an index error); {@link CronSyntax} rejects them first. It reads {@code SUN} as 7, which
 *       makes {@code SUN-SAT} a reversed range, so names are given to it as numbers.
 *   <li>It matches a day when day-of-month AND day-of-week match, where crontab fires when either
 *       does. An expression that restricts both is rejected rather than silently read one way.
 *   <li>Its next execution keeps the sub-second part of the reference time when the seconds field
 *       matches every second ({@code * * * * * *} from 00:00:05.5 gives 00:00:06.5), so searches
 *       start from a whole second.
 *   <li>An expression that matches no date (February 30th) parses; it is rejected here.
 * </ul>
 *
 * <p>Two triggers are equal when their expressions are equal up to whitespace and their zones have
 * the same {@linkplain WallClock#canonical canonical} form: {@code 0 9 * * MON} and {@code 0 9 * *
 * 1} are different triggers that fire at the same times.
 */
final class CronTrigger implements Trigger {
  static final String PREFIX = "cron:";

  /** The macros and their five-field equivalents. */
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private static final String MACRO_NAMES =
      "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";
  private static final CronParser FIVE_FIELDS = new CronParser(definition(false));
  private static final CronParser SIX_FIELDS = new CronParser(definition(true));

  /** Where to look for a first match, to reject expressions that never match. */
  private static final ZonedDateTime REFERENCE = Instant.EPOCH.atZone(ZoneOffset.UTC);

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime executionTime;

  /**
   * Creates a cron trigger.
   *
   * @throws IllegalArgumentException if {@code expression} is malformed or never matches
   */
  CronTrigger(String expression, ZoneId zone) {
    Preconditions.notBlank(expression, "cron expression");
    this.zone = WallClock.canonical(Preconditions.notNull(zone, "zone"));
    this.expression = String.join(" ", expression.strip().split("\\s+"));
    this.executionTime = ExecutionTime.forCron(parse(this.expression));
    Preconditions.checkArgument(
        executionTime.nextExecution(REFERENCE).isPresent(),
        "cron \"" + this.expression + "\" never fires: it matches no date");
  }

  /** Parses {@code <expression>[@<zone>]}, the part of {@code spec} after {@code cron:}. */
  static CronTrigger parse(String body, String spec) {
    WallClock.Zoned zoned = WallClock.Zoned.split(body, spec);
    return new CronTrigger(zoned.text(), zoned.zone());
  }

  /**
   * Whether {@code text} looks like a cron expression written without the {@code cron:} prefix: a
   * macro or five or six fields, optionally followed by {@code @<zone>}.
   */
  static boolean looksLikeCron(String text) {
    int at = text.lastIndexOf('@');
    String expression = (at > 0 ? text.substring(0, at) : text).strip();
    int fields = expression.split("\\s+").length;
    return MACROS.containsKey(expression) || fields == 5 || fields == 6;
  }

  @Override
  public Optional<Instant> nextAfter(Instant previous) {
    Preconditions.notNull(previous, "previous");
    return WallClock.nextAfter(previous, zone, this::nextLocalAfter);
  }

  private Optional<LocalDateTime> nextLocalAfter(LocalDateTime local) {
    ZonedDateTime from = local.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
    return executionTime.nextExecution(from).map(ZonedDateTime::toLocalDateTime);
  }

  @Override
  public boolean isRecurring() {
    return true;
  }

  @Override
  public String spec() {
    return PREFIX + expression + WallClock.suffix(zone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronTrigger that
        && expression.equals(that.expression)
        && zone.equals(that.zone);
  }

  @Override
  public int hashCode() {
    return 31 * expression.hashCode() + zone.hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }

  private static Cron parse(String expression) {
    String fields = MACROS.getOrDefault(expression, expression);
    if (fields.startsWith("@")) {
      throw new IllegalArgumentException(
          "cron \"" + expression + "\": unknown macro; expected one of " + MACRO_NAMES);
    }
    int count = fields.split(" ").length;
    if (count != 5 && count != 6) {
      throw new IllegalArgumentException(
          "cron \""
              + expression
              + "\": expected 5 fields (minute, hour, day of month, month, day of week) or 6"
              + " (second, then the same 5), found "
              + count);
    }
    String checked = CronSyntax.check(fields, expression);
    Cron cron;
    try {
      cron = (count == 5 ? FIVE_FIELDS : SIX_FIELDS).parse(checked).validate();
    } catch (RuntimeException e) { // CronSyntax should have caught it: keep the cause
      throw new IllegalArgumentException(
          "cron \"" + expression + "\": cron-utils cannot parse it: " + e.getMessage(), e);
    }
    if (isRestricted(cron, CronFieldName.DAY_OF_MONTH)
        && isRestricted(cron, CronFieldName.DAY_OF_WEEK)) {
      throw new IllegalArgumentException(
          "cron \""
              + expression
              + "\" is ambiguous: it restricts both day of month and day of week, and crontab"
              + " fires when either matches but other cron dialects only when both do; write * in"
              + " one of them (for the first Monday of a month, write MON#1 as the day of week)");
    }
    return cron;
  }

  private static boolean isRestricted(Cron cron, CronFieldName field) {
    FieldExpression value = cron.retrieve(field).getExpression();
    return !(value instanceof Always || value instanceof QuestionMark);
  }

  /**
   * Crontab's fields, with seconds first if {@code withSeconds}: day-of-week 0-7 with 0 and 7
   * Sunday, names JAN-DEC and SUN-SAT, and Quartz's {@code L}, {@code W}, {@code #} and {@code ?}.
   */
  private static CronDefinition definition(boolean withSeconds) {
    CronDefinitionBuilder builder = defineCron();
    if (withSeconds) {
      builder = builder.withSeconds().withStrictRange().and();
    }
    return builder
        .withMinutes()
        .withStrictRange()
        .and()
        .withHours()
        .withStrictRange()
        .and()
        .withDayOfMonth()
        .supportsL()
        .supportsW()
        .supportsLW()
        .supportsQuestionMark()
        .withStrictRange()
        .and()
        .withMonth()
        .withStrictRange()
        .and()
        .withDayOfWeek()
        .withValidRange(0, 7)
        .withMondayDoWValue(1)
        .withIntMapping(7, 0)
        .supportsHash()
        .supportsL()
        .supportsQuestionMark()
        .withStrictRange()
        .and()
        .instance();
  }
}
