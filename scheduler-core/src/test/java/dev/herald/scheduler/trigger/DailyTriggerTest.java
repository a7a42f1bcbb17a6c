package dev.herald.scheduler.trigger;

import static dev.herald.scheduler.trigger.FireTimes.instants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DailyTriggerTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void springForwardInBerlinFiresLateByTheGap() {
    assertThat(FireTimes.of(Triggers.daily(LocalTime.of(2, 30), BERLIN), "2026-03-27T12:00:00Z", 3))
        .containsExactlyElementsOf(
            instants(
                "2026-03-28T01:30:00Z", // 02:30 CET
                "2026-03-29T01:30:00Z", // 03:30 CEST
                "2026-03-30T00:30:00Z")); // 02:30 CEST
  }

  @Test
  void fallBackInBerlinFiresOnceAtTheFirstOccurrence() {
    assertThat(FireTimes.of(Triggers.daily(LocalTime.of(2, 30), BERLIN), "2026-10-23T12:00:00Z", 3))
        .containsExactlyElementsOf(
            instants(
                "2026-10-24T00:30:00Z", // 02:30 CEST
                "2026-10-25T00:30:00Z", // the first 02:30, CEST
                "2026-10-26T01:30:00Z")); // 02:30 CET
  }

  @Test
  void nineOClockInNewYorkAcrossBothChanges() {
    Trigger nine = Triggers.daily(LocalTime.of(9, 0), NEW_YORK);
    assertThat(FireTimes.of(nine, "2026-03-07T00:00:00Z", 3))
        .containsExactlyElementsOf(
            instants("2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z", "2026-03-09T13:00:00Z"));
    assertThat(FireTimes.of(nine, "2026-10-31T00:00:00Z", 3))
        .containsExactlyElementsOf(
            instants("2026-10-31T13:00:00Z", "2026-11-01T14:00:00Z", "2026-11-02T14:00:00Z"));
  }

  @Test
  void newYorkFallBackFiresOnceAtTheFirstOccurrence() {
    assertThat(
            FireTimes.of(Triggers.daily(LocalTime.of(1, 30), NEW_YORK), "2026-10-31T00:00:00Z", 3))
        .containsExactlyElementsOf(
            instants("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
  }

  @ParameterizedTest
  @CsvSource({"02:30, 30 2 * * *", "09:00, 0 9 * * *", "00:00, 0 0 * * *", "03:00, 0 3 * * *"})
  void agreesWithTheEquivalentCron(LocalTime time, String expression) {
    Trigger daily = Triggers.daily(time, BERLIN);
    Trigger cron = Triggers.cron(expression, BERLIN);
    Stream.of("2026-03-28T00:00:00Z", "2026-10-24T00:00:00Z")
        .map(Instant::parse)
        .flatMap(
            from -> Stream.iterate(from, t -> t.plus(Duration.ofMinutes(10))).limit(3 * 24 * 6))
        .forEach(
            t -> assertThat(daily.nextAfter(t)).as("after %s", t).isEqualTo(cron.nextAfter(t)));
  }

  @Test
  void nextAfterIsStrictlyAfter() {
    Trigger nine = Triggers.daily(LocalTime.of(9, 0), ZoneOffset.UTC);
    assertThat(nine.nextAfter(Instant.parse("2026-05-17T09:00:00Z")))
        .contains(Instant.parse("2026-05-18T09:00:00Z"));
    assertThat(nine.nextAfter(Instant.parse("2026-05-17T08:59:59.999999999Z")))
        .contains(Instant.parse("2026-05-17T09:00:00Z"));
  }

  @Test
  void firesInTheYearsOneTo9999() {
    Trigger midnight = Triggers.daily(LocalTime.MIDNIGHT, ZoneOffset.UTC);
    assertThat(midnight.nextAfter(Instant.MIN)).contains(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(midnight.nextAfter(Instant.parse("9999-12-31T00:00:00Z"))).isEmpty();
    assertThat(midnight.nextAfter(Instant.MAX)).isEmpty();
  }

  @Test
  void valueSemantics() {
    Trigger trigger = Triggers.daily(LocalTime.of(9, 30), ZoneId.of("UTC"));
    assertThat(Triggers.daily(LocalTime.of(9, 30), ZoneOffset.UTC))
        .isEqualTo(trigger)
        .hasSameHashCodeAs(trigger)
        .hasToString("daily:09:30");
    assertThat(Triggers.daily(LocalTime.of(9, 30), BERLIN))
        .isNotEqualTo(trigger)
        .hasToString("daily:09:30@Europe/Berlin");
    assertThat(trigger.isRecurring()).isTrue();
  }

  @Test
  void rejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> Triggers.daily(null, BERLIN))
        .withMessage("time cannot be null");
    assertThatNullPointerException()
        .isThrownBy(() -> Triggers.daily(LocalTime.NOON, null))
        .withMessage("zone cannot be null");
    assertThatNullPointerException()
        .isThrownBy(() -> Triggers.daily(LocalTime.NOON, BERLIN).nextAfter(null))
        .withMessage("previous cannot be null");
  }
}
