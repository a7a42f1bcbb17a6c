package dev.herald.scheduler.trigger;

import static dev.herald.scheduler.trigger.FireTimes.instants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every malformed cron expression is named by expression, field and value, as a user names them.
 */
class CronSyntaxTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      value = {
        // the cases that were reported without the field, or leaked another exception
        "*/0 * * * *          => minute field \"*/0\": step must be at least 1",
        "0,,5 * * * *         => minute field \"0,,5\": empty value between commas",
        "0 0 * * 1#           => day of week field \"1#\": # needs a week from 1 to 5 after it,"
            + " e.g. MON#1 for the first Monday",
        // out of range, in every field
        "60 0 0 * * *         => second field \"60\": 60 is out of range: expected 0 to 59",
        "61 * * * *           => minute field \"61\": 61 is out of range: expected 0 to 59",
        "0 24 * * *           => hour field \"24\": 24 is out of range: expected 0 to 23",
        "0 0 0 * *            => day of month field \"0\": 0 is out of range: expected 1 to 31",
        "0 0 32 * *           => day of month field \"32\": 32 is out of range: expected 1 to 31",
        "0 0 * 0 *            => month field \"0\": 0 is out of range: expected 1 to 12 or JAN to"
            + " DEC",
        "0 0 * 13 *           => month field \"13\": 13 is out of range: expected 1 to 12 or JAN"
            + " to DEC",
        "0 0 * * 8            => day of week field \"8\": 8 is out of range: expected 0 to 7 (0 and"
            + " 7 are Sunday) or SUN to SAT",
        "0 0 99999999999 * *  => day of month field \"99999999999\": 99999999999 is out of range:"
            + " expected 1 to 31",
        "1-60 * * * *         => minute field \"1-60\": 60 is out of range: expected 0 to 59",
        "0 0-24 * * *         => hour field \"0-24\": 24 is out of range: expected 0 to 23",
        // steps
        "0 */0 * * *          => hour field \"*/0\": step must be at least 1",
        "*/60 * * * *         => minute field \"*/60\": step must be at most 59",
        "0 0 */32 * *         => day of month field \"*/32\": step must be at most 31",
        "0 0 * */13 *         => month field \"*/13\": step must be at most 12",
        "0 0 * * */8          => day of week field \"*/8\": step must be at most 7",
        "*/x * * * *          => minute field \"*/x\": step \"x\" is not a number",
        "/5 * * * *           => minute field \"/5\": a step needs a start before the /, e.g. */5"
            + " or 0/5",
        "1/ * * * *           => minute field \"1/\": / needs a step after it, e.g. */5",
        "1//2 * * * *         => minute field \"1//2\": more than one /",
        // ranges
        "5-2 * * * *          => minute field \"5-2\": range 5-2 is reversed: a range cannot wrap"
            + " around; write the smaller value first, or list the two parts, e.g. 5-59,0-2",
        "0 0 * * FRI-MON      => day of week field \"FRI-MON\": range FRI-MON is reversed: a range"
            + " cannot wrap around; write the smaller value first, or list the two parts, e.g."
            + " 5-6,0-1",
        "0 0 * DEC-FEB *      => month field \"DEC-FEB\": range DEC-FEB is reversed: a range"
            + " cannot wrap around; write the smaller value first, or list the two parts, e.g."
            + " 12,1-2",
        "1-5-7 * * * *        => minute field \"1-5-7\": range \"1-5-7\" has more than two ends",
        "1- * * * *           => minute field \"1-\": range \"1-\" needs a value on both sides of"
            + " the -, e.g. 1-5",
        "-1 * * * *           => minute field \"-1\": range \"-1\" needs a value on both sides of"
            + " the -, e.g. 1-5",
        // names
        "0 0 * FOO *          => month field \"FOO\": unknown month \"FOO\": expected 1 to 12 or"
            + " JAN to DEC",
        "0 0 * MON *          => month field \"MON\": unknown month \"MON\": expected 1 to 12 or"
            + " JAN to DEC",
        "0 0 * * JAN          => day of week field \"JAN\": unknown day \"JAN\": expected 0 to 7 (0"
            + " and 7 are Sunday) or SUN to SAT",
        "0 0 * * Funday       => day of week field \"Funday\": unknown day \"Funday\": expected 0"
            + " to 7 (0 and 7 are Sunday) or SUN to SAT",
        "0 0 * * MON-FOO      => day of week field \"MON-FOO\": unknown day \"FOO\": expected 0 to"
            + " 7 (0 and 7 are Sunday) or SUN to SAT",
        "a * * * *            => minute field \"a\": \"a\" is not a number: expected 0 to 59",
        "0 MON * * *          => hour field \"MON\": \"MON\" is not a number: expected 0 to 23",
        "1.5 * * * *          => minute field \"1.5\": \"1.5\" is not a number: expected 0 to 59",
        "+5 * * * *           => minute field \"+5\": \"+5\" is not a number: expected 0 to 59",
        // lists
        "0, * * * *           => minute field \"0,\": the list ends with a comma",
        ",0 * * * *           => minute field \",0\": the list starts with a comma",
        "0 0 1,,15 * *        => day of month field \"1,,15\": empty value between commas",
        // #
        "0 0 * * 1#6          => day of week field \"1#6\": the week after # must be from 1 to 5,"
            + " e.g. MON#1 for the first Monday; found \"6\"",
        "0 0 * * 1#0          => day of week field \"1#0\": the week after # must be from 1 to 5,"
            + " e.g. MON#1 for the first Monday; found \"0\"",
        "0 0 * * #2           => day of week field \"#2\": # needs a day before it, e.g. MON#1 for"
            + " the first Monday",
        "0 0 * * FOO#2        => day of week field \"FOO#2\": unknown day \"FOO\": expected 0 to 7"
            + " (0 and 7 are Sunday) or SUN to SAT",
        "0 0 1#2 * *          => day of month field \"1#2\": # is allowed only in day of week, e.g."
            + " MON#1 for the first Monday",
        // L and W
        "L * * * *            => minute field \"L\": L is allowed only in day of month (L, L-3, LW)"
            + " and day of week (FRIL)",
        "0 0 * L *            => month field \"L\": L is allowed only in day of month (L, L-3, LW)"
            + " and day of week (FRIL)",
        "0 0 L-0 * *          => day of month field \"L-0\": L is the last day of the month and"
            + " L-n, n from 1 to 30, the n-th day before it, e.g. L-3",
        "0 0 L-31 * *         => day of month field \"L-31\": L is the last day of the month and"
            + " L-n, n from 1 to 30, the n-th day before it, e.g. L-3",
        "0 0 L/2 * *          => day of month field \"L/2\": L is the last day of the month and"
            + " L-n, n from 1 to 30, the n-th day before it, e.g. L-3",
        "0 0 * * L            => day of week field \"L\": L must follow a day, e.g. 5L or FRIL for"
            + " the last Friday of the month",
        "0 0 W * *            => day of month field \"W\": W needs one day of month before it, e.g."
            + " 15W for the weekday nearest the 15th, or LW for the last weekday",
        "0 0 1-5W * *         => day of month field \"1-5W\": W needs one day of month before it,"
            + " e.g. 15W for the weekday nearest the 15th, or LW for the last weekday",
        "0 0 32W * *          => day of month field \"32W\": 32 is out of range: expected 1 to 31",
        "0 0 * * 1W           => day of week field \"1W\": W is allowed only in day of month, e.g."
            + " 15W for the weekday nearest the 15th",
        // ?
        "0 ? * * *            => hour field \"?\": ? is allowed only in day of month and day of"
            + " week",
        "0 0 ?,1 * *          => day of month field \"?,1\": ? must be the whole field, not part of"
            + " a list",
        "0 0 ? * ?            => day of week field \"?\": ? cannot be both the day of month and the"
            + " day of week; write * in one of them",
      })
  void malformedFieldsAreNamed(String expression, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Triggers.cron(expression))
        .withMessage("cron \"%s\": %s", expression, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      value = {
        "* * * *              => expected 5 fields (minute, hour, day of month, month, day of week)"
            + " or 6 (second, then the same 5), found 4",
        "* * * * * * *        => expected 5 fields (minute, hour, day of month, month, day of week)"
            + " or 6 (second, then the same 5), found 7",
        "@reboot              => unknown macro; expected one of @yearly, @annually, @monthly,"
            + " @weekly, @daily, @midnight, @hourly",
      })
  void wrongShapesAreNamed(String expression, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Triggers.cron(expression))
        .withMessage("cron \"%s\": %s", expression, message);
  }

  @Test
  void aMistakeWrittenWithoutThePrefixIsNamedTheSameWay() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Triggers.parse("*/0 * * * *@Europe/Berlin"))
        .withMessage("cron \"*/0 * * * *\": minute field \"*/0\": step must be at least 1");
  }

  @Test
  void namesInAnyCaseAreTheirNumbers() {
    // cron-utils alone reads SUN as 7 and rejects SUN-SAT as a reversed range.
    assertThat(FireTimes.of(Triggers.cron("0 12 * * sun-sat"), "2026-03-27T00:00:00Z", 2))
        .containsExactlyElementsOf(instants("2026-03-27T12:00:00Z", "2026-03-28T12:00:00Z"));
    assertThat(FireTimes.of(Triggers.cron("0 0 1 jul-Dec/3 *"), "2026-03-27T00:00:00Z", 2))
        .containsExactlyElementsOf(instants("2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z"));
    assertThat(FireTimes.of(Triggers.cron("0 0 * * sun#2,wedL"), "2026-03-01T00:00:00Z", 3))
        .containsExactlyElementsOf(
            instants("2026-03-08T00:00:00Z", "2026-03-25T00:00:00Z", "2026-04-12T00:00:00Z"));
  }

  @Test
  void theSpecKeepsTheExpressionAsWritten() {
    assertThat(Triggers.cron("0 9 * * mon-fri").spec()).isEqualTo("cron:0 9 * * mon-fri");
  }

  /**
   * Random expressions, from well-formed fields mixed with random runs of cron's alphabet, either
   * parse or fail with an IllegalArgumentException naming the expression: no other exception
   * escapes, whatever cron-utils would have done with them.
   */
  @Test
  void noInputLeaksAnotherException() {
    String[][] wellFormed = { // per position: minute (or second), hour, day of month, ...
      {"*", "0", "*/5", "0/15", "0,30", "1-5"},
      {"*", "0", "9-17", "*/2", "23"},
      {"*", "*", "*", "?", "1", "L", "L-3", "15W", "LW", "1-31/2"},
      {"*", "JAN", "1-6", "*/3", "jul-dec"},
      {"*", "*", "*", "?", "MON-FRI", "5L", "MON#1", "sun", "7"},
    };
    String[] atoms = {
      "*", "?", "/", "-", ",", "#", "L", "W", "LW", "0", "1", "5", "7", "12", "15", "23", "31",
      "59", "60", "99", "MON", "sun", "FRI", "JAN", "dec", "X", "L-3", "*/", "/0", "#1", "#6"
    };
    SplittableRandom random = new SplittableRandom(20261123);
    List<String> failures = new ArrayList<>();
    int parsed = 0;
    for (int n = 0; n < 20_000; n++) {
      int count = random.nextInt(10) == 0 ? random.nextInt(1, 9) : random.nextInt(5, 7);
      StringBuilder expression = new StringBuilder();
      for (int f = 0; f < count; f++) {
        expression.append(f == 0 ? "" : " ");
        if (random.nextInt(10) < 8) {
          String[] pool = wellFormed[Math.max(0, Math.min(4, f - (count - 5)))];
          expression.append(pool[random.nextInt(pool.length)]);
        } else {
          for (int a = random.nextInt(1, 5); a > 0; a--) {
            expression.append(atoms[random.nextInt(atoms.length)]);
          }
        }
      }
      String text = expression.toString();
      try {
        Triggers.cron(text).nextAfter(Instant.parse("2026-11-23T09:00:00Z"));
        parsed++;
      } catch (IllegalArgumentException e) {
        if (!e.getMessage().startsWith("cron \"" + text + "\"")) {
          failures.add(text + " => " + e.getMessage());
        }
      } catch (RuntimeException e) {
        failures.add(text + " => " + e);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(parsed).as("some of the random expressions are valid").isGreaterThan(1000);
  }
}
