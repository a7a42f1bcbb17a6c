package dev.herald.scheduler.trigger;

import static dev.herald.scheduler.trigger.FireTimes.instants;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Triggers#cron(String, ZoneId)} when clocks change; see {@link Triggers}. */
class CronTriggerDstTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Berlin springs forward on 2026-03-29: 02:00 CET (01:00Z) becomes 03:00 CEST. */
  @Nested
  class SpringForwardInBerlin {
    @Test
    void dailyJobInTheSkippedHourFiresLateByTheGap() {
      assertThat(FireTimes.of(Triggers.cron("30 2 * * *", BERLIN), "2026-03-27T12:00:00Z", 3))
          .containsExactlyElementsOf(
              instants(
                  "2026-03-28T01:30:00Z", // 02:30 CET
                  "2026-03-29T01:30:00Z", // 02:30 does not exist: 03:30 CEST
                  "2026-03-30T00:30:00Z")); // 02:30 CEST
    }

    @Test
    void hourlyJobFiresOnceForTheSkippedHour() {
      assertThat(FireTimes.of(Triggers.cron("0 * * * *", BERLIN), "2026-03-28T22:30:00Z", 4))
          .containsExactlyElementsOf(
              instants(
                  "2026-03-28T23:00:00Z", // 00:00 CET
                  "2026-03-29T00:00:00Z", // 01:00 CET
                  "2026-03-29T01:00:00Z", // 02:00 and 03:00 both resolve to 03:00 CEST
                  "2026-03-29T02:00:00Z")); // 04:00 CEST
    }

    @Test
    void nineOClockJobMovesWithTheOffset() {
      assertThat(FireTimes.of(Triggers.cron("0 9 * * *", BERLIN), "2026-03-27T12:00:00Z", 3))
          .containsExactlyElementsOf(
              instants("2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"));
    }

    @Test
    void matchesThatCoincideAfterTheShiftFireOnce() {
      assertThat(FireTimes.of(Triggers.cron("30 2,3 * * *", BERLIN), "2026-03-28T12:00:00Z", 3))
          .containsExactlyElementsOf(
              instants(
                  "2026-03-29T01:30:00Z", // 02:30 (shifted) and 03:30 CEST, once
                  "2026-03-30T00:30:00Z", // 02:30 CEST
                  "2026-03-30T01:30:00Z")); // 03:30 CEST
    }

    @Test
    void scheduledJustAfterTheGapStillFiresForTheShiftedTime() {
      // 03:10 CEST: the 02:30 match of this day resolves to 03:30 CEST, still ahead.
      assertThat(
              Triggers.cron("30 2 * * *", BERLIN)
                  .firstFireTime(Instant.parse("2026-03-29T01:10:00Z")))
          .contains(Instant.parse("2026-03-29T01:30:00Z"));
    }
  }

  /** Berlin falls back on 2026-10-25: 03:00 CEST (01:00Z) becomes 02:00 CET. */
  @Nested
  class FallBackInBerlin {
    @Test
    void dailyJobInTheRepeatedHourFiresAtItsFirstOccurrenceOnly() {
      assertThat(FireTimes.of(Triggers.cron("30 2 * * *", BERLIN), "2026-10-23T12:00:00Z", 3))
          .containsExactlyElementsOf(
              instants(
                  "2026-10-24T00:30:00Z", // 02:30 CEST
                  "2026-10-25T00:30:00Z", // the first 02:30, CEST; not 01:30Z (CET)
                  "2026-10-26T01:30:00Z")); // 02:30 CET
    }

    @Test
    void hourlyJobSkipsTheRepeatedHour() {
      assertThat(FireTimes.of(Triggers.cron("0 * * * *", BERLIN), "2026-10-24T22:30:00Z", 4))
          .containsExactlyElementsOf(
              instants(
                  "2026-10-24T23:00:00Z", // 01:00 CEST
                  "2026-10-25T00:00:00Z", // 02:00 CEST
                  "2026-10-25T02:00:00Z", // 03:00 CET; 02:00 CET (01:00Z) is skipped
                  "2026-10-25T03:00:00Z")); // 04:00 CET
    }

    @Test
    void quarterHourlyJobDoesNotFireDuringTheRepeatedHour() {
      assertThat(FireTimes.of(Triggers.cron("*/15 * * * *", BERLIN), "2026-10-25T00:30:00Z", 3))
          .containsExactlyElementsOf(
              instants("2026-10-25T00:45:00Z", "2026-10-25T02:00:00Z", "2026-10-25T02:15:00Z"));
    }

    @Test
    void nineOClockJobMovesWithTheOffset() {
      assertThat(FireTimes.of(Triggers.cron("0 9 * * *", BERLIN), "2026-10-23T12:00:00Z", 3))
          .containsExactlyElementsOf(
              instants("2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
      "*/15 * * * *, 2026-10-25T02:00:00Z",
      "0 * * * *, 2026-10-25T02:00:00Z",
      "30 2 * * *, 2026-10-26T01:30:00Z"
    })
    void scheduledDuringTheRepeatedHourWaitsForItsEnd(String expression, Instant expected) {
      // 01:20Z is the second 02:20, CET.
      assertThat(
              Triggers.cron(expression, BERLIN)
                  .firstFireTime(Instant.parse("2026-10-25T01:20:00Z")))
          .contains(expected);
    }
  }

  @Test
  void newYorkSpringsForwardOnMarch8() {
    assertThat(FireTimes.of(Triggers.cron("30 2 * * *", NEW_YORK), "2026-03-06T12:00:00Z", 3))
        .containsExactlyElementsOf(
            instants(
                "2026-03-07T07:30:00Z", // 02:30 EST
                "2026-03-08T07:30:00Z", // 02:30 does not exist: 03:30 EDT
                "2026-03-09T06:30:00Z")); // 02:30 EDT
  }

  @Test
  void newYorkFallsBackOnNovember1() {
    assertThat(FireTimes.of(Triggers.cron("30 1 * * *", NEW_YORK), "2026-10-30T12:00:00Z", 3))
        .containsExactlyElementsOf(
            instants(
                "2026-10-31T05:30:00Z", // 01:30 EDT
                "2026-11-01T05:30:00Z", // the first 01:30, EDT
                "2026-11-02T06:30:00Z")); // 01:30 EST
  }

  /**
   * Checks nextAfter against the definition, the earliest instant after the given one among {@code
   * ZonedDateTime.ofLocal(local, zone, null)} over the matching local date-times, from every five
   * minutes (and around every fire time) of the three days around a DST change.
   */
  @ParameterizedTest(name = "{0} in {2} around {3}")
  @MethodSource
  void nextAfterAgreesWithTheDefinitionAroundDstChanges(
      String expression, Predicate<LocalDateTime> matches, ZoneId zone, LocalDate day) {
    NavigableSet<Instant> fires = new TreeSet<>();
    LocalDateTime end = day.plusDays(2).atStartOfDay();
    for (LocalDateTime local = day.minusDays(1).atStartOfDay();
        local.isBefore(end);
        local = local.plusSeconds(10)) {
      if (matches.test(local)) {
        fires.add(ZonedDateTime.ofLocal(local, zone, null).toInstant());
      }
    }
    Trigger trigger = Triggers.cron(expression, zone);
    Instant last = day.plusDays(1).atStartOfDay(zone).toInstant();
    List<Instant> froms =
        Stream.concat(
                Stream.iterate(
                    day.minusDays(1).atTime(12, 0).atZone(zone).toInstant(),
                    t -> t.isBefore(last),
                    t -> t.plus(Duration.ofMinutes(5))),
                fires.stream().flatMap(f -> Stream.of(f.minusNanos(1), f, f.plusNanos(1))))
            .filter(t -> t.isBefore(last))
            .toList();
    for (Instant from : froms) {
      assertThat(trigger.nextAfter(from)).as("after %s", from).contains(fires.higher(from));
    }
  }

  static Stream<Arguments> nextAfterAgreesWithTheDefinitionAroundDstChanges() {
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe"); // moves by 30 minutes
    Stream.Builder<Arguments> cases = Stream.builder();
    for (ZoneId zone : List.of(BERLIN, NEW_YORK, lordHowe)) {
      for (LocalDate day : dstChanges(zone, 2026)) {
        cases.add(Arguments.of("*/15 * * * *", minutes(l -> l.getMinute() % 15 == 0), zone, day));
        cases.add(Arguments.of("0 * * * *", minutes(l -> l.getMinute() == 0), zone, day));
        cases.add(
            Arguments.of(
                "30 2 * * *", minutes(l -> l.getHour() == 2 && l.getMinute() == 30), zone, day));
        cases.add(
            Arguments.of(
                "0,30 1-3 * * *",
                minutes(l -> l.getHour() >= 1 && l.getHour() <= 3 && l.getMinute() % 30 == 0),
                zone,
                day));
        cases.add(
            Arguments.of(
                "*/20 * 1-3 * * *",
                (Predicate<LocalDateTime>)
                    l -> l.getSecond() % 20 == 0 && l.getHour() >= 1 && l.getHour() <= 3,
                zone,
                day));
      }
    }
    return cases.build();
  }

  private static Predicate<LocalDateTime> minutes(Predicate<LocalDateTime> matches) {
    return l -> l.getSecond() == 0 && matches.test(l);
  }

  private static List<LocalDate> dstChanges(ZoneId zone, int year) {
    Instant from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
    return Stream.iterate(
            zone.getRules().nextTransition(from),
            t -> t.getInstant().atZone(zone).getYear() == year,
            t -> zone.getRules().nextTransition(t.getInstant()))
        .map(t -> t.getDateTimeAfter().toLocalDate())
        .toList();
  }
}
