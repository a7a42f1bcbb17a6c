package dev.herald.scheduler.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a cron expression field by field before cron-utils parses it, so that every mistake is
 * reported the way a user would name it: {@code cron "*}{@code /0 * * * *": minute field "*}{@code
 * /0": step must be at least 1}, where cron-utils says "Period 0 not in range [0, 59]", only
 * "Invalid chars", or fails with an {@code ArrayIndexOutOfBoundsException}.
 *
 * <p>It also writes month and day names as numbers for cron-utils, which reads {@code SUN} as 7 and
 * so rejects {@code SUN-SAT}.
 *
 * <p>The grammar, per field: {@code *}, {@code ?} (day of month or day of week, alone), or a
 * comma-separated list of items; an item is a value, a range {@code a-b}, either followed by a step
 * {@code /n}, or {@code *}{@code /n}; day of month also takes {@code L}, {@code L-n}, {@code nW}
 * and {@code LW}, day of week {@code dL} and {@code d#k}. Steps run from 1 to the field's maximum,
 * as cron-utils requires.
 */
final class CronSyntax {
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private CronSyntax() {}

  /** A cron field, named as a user names it. */
  private enum Field {
    SECOND("second", 0, 59),
    MINUTE("minute", 0, 59),
    HOUR("hour", 0, 23),
    DAY_OF_MONTH("day of month", 1, 31),
    MONTH("month", 1, 12),
    DAY_OF_WEEK("day of week", 0, 7);

    private final String label;
    private final int min;
    private final int max;

    Field(String label, int min, int max) {
      this.label = label;
      this.min = min;
      this.max = max;
    }

    private List<String> names() {
      return this == MONTH ? MONTHS : this == DAY_OF_WEEK ? DAYS : List.of();
    }

    private int firstNameValue() {
      return this == MONTH ? 1 : 0;
    }

    private String expected() {
      return switch (this) {
        case MONTH -> "expected 1 to 12 or JAN to DEC";
        case DAY_OF_WEEK -> "expected 0 to 7 (0 and 7 are Sunday) or SUN to SAT";
        default -> "expected " + min + " to " + max;
      };
    }
  }

  /** The fields of a five-field expression. */
  private static final List<Field> FIVE =
      List.of(Field.MINUTE, Field.HOUR, Field.DAY_OF_MONTH, Field.MONTH, Field.DAY_OF_WEEK);

  /** The fields of a six-field expression. */
  private static final List<Field> SIX =
      List.of(
          Field.SECOND,
          Field.MINUTE,
          Field.HOUR,
          Field.DAY_OF_MONTH,
          Field.MONTH,
          Field.DAY_OF_WEEK);

  /**
   * Checks every field of {@code fields} (5 or 6, single-space separated) and returns them as
   * cron-utils should read them: upper case, names as numbers.
   *
   * @param shown the expression as the user wrote it, for messages
   * @throws IllegalArgumentException naming the expression, the field and its value
   */
  static String check(String fields, String shown) {
    String[] parts = fields.split(" ");
    List<Field> layout = parts.length == 6 ? SIX : FIVE;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      Field field = layout.get(i);
      try {
        out.append(i == 0 ? "" : " ").append(field(field, parts[i]));
      } catch (Problem p) {
        throw new IllegalArgumentException(
            String.format(
                "cron \"%s\": %s field \"%s\": %s", shown, field.label, parts[i], p.getMessage()));
      }
    }
    if (parts[layout.indexOf(Field.DAY_OF_MONTH)].equals("?")
        && parts[layout.indexOf(Field.DAY_OF_WEEK)].equals("?")) {
      throw new IllegalArgumentException(
          String.format(
              "cron \"%s\": day of week field \"?\": ? cannot be both the day of month and the"
                  + " day of week; write * in one of them",
              shown));
    }
    return out.toString();
  }

  private static String field(Field field, String text) {
    if (text.equals("?")) {
      if (field != Field.DAY_OF_MONTH && field != Field.DAY_OF_WEEK) {
        throw new Problem("? is allowed only in day of month and day of week");
      }
      return text;
    }
    String[] items = text.split(",", -1);
    List<String> out = new ArrayList<>(items.length);
    for (int i = 0; i < items.length; i++) {
      if (items[i].isEmpty()) {
        throw new Problem(
            i == 0
                ? "the list starts with a comma"
                : i == items.length - 1
                    ? "the list ends with a comma"
                    : "empty value between commas");
      }
      out.add(item(field, items[i]));
    }
    return String.join(",", out);
  }

  private static String item(Field field, String item) {
    if (item.equals("?")) {
      throw new Problem("? must be the whole field, not part of a list");
    }
    if (item.contains("#")) {
      return hash(field, item);
    }
    String letters = upper(item);
    for (String name : field.names()) {
      letters = letters.replace(name, "");
    }
    if (letters.contains("W")) {
      return weekday(field, item);
    }
    if (letters.contains("L")) {
      return last(field, item);
    }
    return stepped(field, item);
  }

  /** {@code d#k}: the k-th such day of the month. */
  private static String hash(Field field, String item) {
    if (field != Field.DAY_OF_WEEK) {
      throw new Problem("# is allowed only in day of week, e.g. MON#1 for the first Monday");
    }
    int at = item.indexOf('#');
    String day = item.substring(0, at);
    String week = item.substring(at + 1);
    if (day.isEmpty()) {
      throw new Problem("# needs a day before it, e.g. MON#1 for the first Monday");
    }
    if (week.isEmpty()) {
      throw new Problem("# needs a week from 1 to 5 after it, e.g. MON#1 for the first Monday");
    }
    if (!week.matches("[1-5]")) {
      throw new Problem(
          "the week after # must be from 1 to 5, e.g. MON#1 for the first Monday; found \""
              + week
              + "\"");
    }
    return value(field, day) + "#" + week;
  }

  /** {@code nW} (the weekday nearest day n) and {@code LW} (the last weekday). */
  private static String weekday(Field field, String item) {
    if (field != Field.DAY_OF_MONTH) {
      throw new Problem(
          "W is allowed only in day of month, e.g. 15W for the weekday nearest the 15th");
    }
    String upper = upper(item);
    if (upper.equals("LW")) {
      return upper;
    }
    if (!upper.matches("[0-9]+W")) {
      throw new Problem(
          "W needs one day of month before it, e.g. 15W for the weekday nearest the 15th, or LW"
              + " for the last weekday");
    }
    return value(field, item.substring(0, item.length() - 1)) + "W";
  }

  /** {@code L} and {@code L-n} in day of month; {@code dL} in day of week. */
  private static String last(Field field, String item) {
    String upper = upper(item);
    if (field == Field.DAY_OF_MONTH) {
      if (upper.equals("L")) {
        return upper;
      }
      if (upper.matches("L-[0-9]{1,2}")) {
        int offset = Integer.parseInt(upper.substring(2));
        if (offset >= 1 && offset <= 30) {
          return upper;
        }
      }
      throw new Problem(
          "L is the last day of the month and L-n, n from 1 to 30, the n-th day before it, e.g."
              + " L-3");
    }
    if (field == Field.DAY_OF_WEEK) {
      if (upper.endsWith("L") && upper.length() > 1) {
        return value(field, item.substring(0, item.length() - 1)) + "L";
      }
      throw new Problem("L must follow a day, e.g. 5L or FRIL for the last Friday of the month");
    }
    throw new Problem("L is allowed only in day of month (L, L-3, LW) and day of week (FRIL)");
  }

  /** {@code base} or {@code base/step}, where base is {@code *}, a value or a range. */
  private static String stepped(Field field, String item) {
    int slash = item.indexOf('/');
    if (slash < 0) {
      return base(field, item);
    }
    if (item.indexOf('/', slash + 1) >= 0) {
      throw new Problem("more than one /");
    }
    String base = item.substring(0, slash);
    String step = item.substring(slash + 1);
    if (base.isEmpty()) {
      throw new Problem("a step needs a start before the /, e.g. */5 or 0/5");
    }
    if (step.isEmpty()) {
      throw new Problem("/ needs a step after it, e.g. */5");
    }
    if (!step.matches("[0-9]+")) {
      throw new Problem("step \"" + step + "\" is not a number");
    }
    int n = step.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(step);
    if (n < 1) {
      throw new Problem("step must be at least 1");
    }
    if (n > field.max) {
      throw new Problem("step must be at most " + field.max);
    }
    return base(field, base) + "/" + n;
  }

  /** {@code *}, a value or a range {@code a-b}. */
  private static String base(Field field, String base) {
    if (base.equals("*")) {
      return base;
    }
    if (base.indexOf('-') < 0) {
      return String.valueOf(value(field, base));
    }
    String[] ends = base.split("-", -1);
    if (ends.length > 2) {
      throw new Problem("range \"" + base + "\" has more than two ends");
    }
    if (ends[0].isEmpty() || ends[1].isEmpty()) {
      throw new Problem("range \"" + base + "\" needs a value on both sides of the -, e.g. 1-5");
    }
    int from = value(field, ends[0]);
    int to = value(field, ends[1]);
    if (from > to) {
      int last = field == Field.DAY_OF_WEEK ? 6 : field.max;
      throw new Problem(
          "range "
              + base
              + " is reversed: a range cannot wrap around; write the smaller value first, or list"
              + " the two parts, e.g. "
              + span(from, last)
              + ","
              + span(field.min, to));
    }
    return from + "-" + to;
  }

  private static String span(int from, int to) {
    return from == to ? String.valueOf(from) : from + "-" + to;
  }

  /** A number in the field's range, or a month or day name. */
  private static int value(Field field, String text) {
    if (text.matches("[0-9]+")) {
      int value = text.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(text);
      if (value < field.min || value > field.max) {
        throw new Problem(text + " is out of range: " + field.expected());
      }
      return value;
    }
    int name = field.names().indexOf(upper(text));
    if (name >= 0) {
      return name + field.firstNameValue();
    }
    if (text.matches("[A-Za-z]+") && !field.names().isEmpty()) {
      throw new Problem(
          String.format(
              "unknown %s \"%s\": %s",
              field == Field.MONTH ? "month" : "day", text, field.expected()));
    }
    throw new Problem("\"" + text + "\" is not a number: " + field.expected());
  }

  private static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  /** A mistake in one field; {@link #check} adds the expression and the field. */
  private static final class Problem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message);
    }
  }
}
