package dev.herald.scheduler.trigger;

import static dev.herald.scheduler.trigger.FireTimes.instants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronTriggerTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Nested
  class Fields {
    @Test
    void sixFieldsStartWithTheSecond() {
      assertThat(FireTimes.of(Triggers.cron("*/20 * * * * *"), "2026-05-17T10:00:05.500Z", 3))
          .containsExactlyElementsOf(
              instants("2026-05-17T10:00:20Z", "2026-05-17T10:00:40Z", "2026-05-17T10:01:00Z"));
      assertThat(FireTimes.of(Triggers.cron("30 0 9 * * MON"), "2026-05-17T00:00:00Z", 2))
          .containsExactlyElementsOf(instants("2026-05-18T09:00:30Z", "2026-05-25T09:00:30Z"));
    }

    @Test
    void everySecondFiresOnWholeSeconds() {
      // cron-utils would answer 10:00:06.5 here.
      assertThat(FireTimes.of(Triggers.cron("* * * * * *"), "2026-05-17T10:00:05.500Z", 2))
          .containsExactlyElementsOf(instants("2026-05-17T10:00:06Z", "2026-05-17T10:00:07Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 12 * * 0", "0 12 * * 7", "0 12 * * SUN", "0 12 * * sun"})
    void dayOfWeekZeroAndSevenAreBothSunday(String expression) {
      assertThat(FireTimes.of(Triggers.cron(expression), "2026-03-25T00:00:00Z", 2))
          .containsExactlyElementsOf(instants("2026-03-29T12:00:00Z", "2026-04-05T12:00:00Z"));
    }

    @Test
    void namesOfDaysAndMonths() {
      // 2026-03-27 is a Friday.
      assertThat(FireTimes.of(Triggers.cron("0 9 * * MON-FRI"), "2026-03-27T10:00:00Z", 2))
          .containsExactlyElementsOf(instants("2026-03-30T09:00:00Z", "2026-03-31T09:00:00Z"));
      assertThat(FireTimes.of(Triggers.cron("0 0 1 JAN,JUL *"), "2026-03-27T10:00:00Z", 2))
          .containsExactlyElementsOf(instants("2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
      "0 0 L * *,     2026-02-28T00:00:00Z, 2026-03-31T00:00:00Z", // last day of the month
      "0 0 15W * *,   2026-02-16T00:00:00Z, 2026-03-16T00:00:00Z", // weekday nearest the 15th
      "0 0 * * 5L,    2026-02-27T00:00:00Z, 2026-03-27T00:00:00Z", // last Friday
      "0 0 * * MON#1, 2026-03-02T00:00:00Z, 2026-04-06T00:00:00Z", // first Monday
      "0 0 ? * MON,   2026-02-16T00:00:00Z, 2026-02-23T00:00:00Z",
      "0 0 */10 * *,  2026-02-11T00:00:00Z, 2026-02-21T00:00:00Z" // 1, 11, 21, 31
    })
    void quartzSpecialCharacters(String expression, Instant first, Instant second) {
      assertThat(FireTimes.of(Triggers.cron(expression), "2026-02-10T12:00:00Z", 2))
          .containsExactly(first, second);
    }

    @ParameterizedTest
    @CsvSource({
      "@yearly,   2027-01-01T00:00:00Z",
      "@annually, 2027-01-01T00:00:00Z",
      "@monthly,  2026-06-01T00:00:00Z",
      "@weekly,   2026-05-24T00:00:00Z", // Sunday
      "@daily,    2026-05-18T00:00:00Z",
      "@midnight, 2026-05-18T00:00:00Z",
      "@hourly,   2026-05-17T13:00:00Z"
    })
    void macros(String macro, Instant expected) {
      assertThat(Triggers.cron(macro).firstFireTime(Instant.parse("2026-05-17T12:30:00Z")))
          .contains(expected);
    }

    @Test
    void macroInAZone() {
      assertThat(
              Triggers.cron("@daily", BERLIN).firstFireTime(Instant.parse("2026-05-17T12:00:00Z")))
          .contains(Instant.parse("2026-05-17T22:00:00Z"));
    }
  }

  @Test
  void nextAfterIsStrictlyAfter() {
    Trigger hourly = Triggers.cron("0 * * * *");
    assertThat(hourly.nextAfter(Instant.parse("2026-05-17T10:00:00Z")))
        .contains(Instant.parse("2026-05-17T11:00:00Z"));
    assertThat(hourly.nextAfter(Instant.parse("2026-05-17T09:59:59.999999999Z")))
        .contains(Instant.parse("2026-05-17T10:00:00Z"));
    assertThat(hourly.firstFireTime(Instant.parse("2026-05-17T10:00:00Z")))
        .contains(Instant.parse("2026-05-17T11:00:00Z"));
  }

  @Test
  void firesInTheYearsOneTo9999() {
    Trigger newYear = Triggers.cron("0 0 1 1 *");
    assertThat(newYear.nextAfter(Instant.MIN)).contains(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(newYear.nextAfter(Instant.parse("9998-06-01T00:00:00Z")))
        .contains(Instant.parse("9999-01-01T00:00:00Z"));
    assertThat(newYear.nextAfter(Instant.parse("9999-06-01T00:00:00Z"))).isEmpty();
    assertThat(newYear.nextAfter(Instant.MAX)).isEmpty();
  }

  @Test
  void valueSemantics() {
    Trigger trigger = Triggers.cron("0 9 * * MON-FRI", BERLIN);
    assertThat(Triggers.cron("  0  9 * *\tMON-FRI ", BERLIN))
        .isEqualTo(trigger)
        .hasSameHashCodeAs(trigger)
        .hasToString("cron:0 9 * * MON-FRI@Europe/Berlin");
    assertThat(trigger.isRecurring()).isTrue();
    assertThat(Triggers.cron("0 9 * * 1-5", BERLIN)).isNotEqualTo(trigger);
    assertThat(Triggers.cron("0 9 * * MON-FRI", NEW_YORK)).isNotEqualTo(trigger);
    assertThat(Triggers.cron("0 9 * * *", ZoneId.of("UTC")))
        .isEqualTo(Triggers.cron("0 9 * * *", ZoneOffset.UTC))
        .isEqualTo(Triggers.cron("0 9 * * *", ZoneId.of("Etc/UTC")))
        .isEqualTo(Triggers.cron("0 9 * * *"))
        .hasToString("cron:0 9 * * *");
  }

  @Nested
  class Rejects {
    @Test
    void malformedExpressionsNameTheFieldAndTheValue() {
      // CronSyntaxTest has the whole table.
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.cron("61 * * * *"))
          .withMessage(
              "cron \"61 * * * *\": minute field \"61\": 61 is out of range: expected 0 to 59");
    }

    @Test
    void bothDayOfMonthAndDayOfWeek() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.cron("0 0 13 * FRI"))
          .withMessageStartingWith(
              "cron \"0 0 13 * FRI\" is ambiguous: it restricts both day of month and day of"
                  + " week")
          .withMessageContaining("MON#1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 30 2 *", "0 0 31 4,6 *", "0 0 30,31 FEB *"})
    void expressionsThatNeverFire(String expression) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.cron(expression))
          .withMessage("cron \"%s\" never fires: it matches no date", expression);
    }

    @Test
    void nullsAndBlanks() {
      assertThatNullPointerException()
          .isThrownBy(() -> Triggers.cron(null))
          .withMessage("cron expression cannot be null");
      assertThatNullPointerException()
          .isThrownBy(() -> Triggers.cron("0 * * * *", null))
          .withMessage("zone cannot be null");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.cron(" "))
          .withMessage("cron expression cannot be blank, was ' '");
      assertThatNullPointerException()
          .isThrownBy(() -> Triggers.cron("0 * * * *").nextAfter(null))
          .withMessage("previous cannot be null");
    }
  }

  @Test
  void neverFiresIsNotConfusedWithRarelyFires() {
    // February 29th that is a Monday: 2044, then 2072.
    assertThat(FireTimes.of(Triggers.cron("0 0 29 2 ?"), "2026-01-01T00:00:00Z", 1))
        .containsExactly(Instant.parse("2028-02-29T00:00:00Z"));
    assertThat(Triggers.cron("0 0 ? 2 MON#5").firstFireTime(Instant.parse("2026-01-01T00:00:00Z")))
        .isEqualTo(Optional.of(Instant.parse("2044-02-29T00:00:00Z")));
  }
}
