package dev.herald.scheduler.trigger;

import static dev.herald.scheduler.trigger.FireTimes.instants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalTriggerTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration QUARTER = Duration.ofMinutes(15);
  private static final Instant START = Instant.parse("2026-11-23T09:15:00Z");

  @Nested
  class AlignedToTheEpoch {
    @Test
    void everyHourAtAQuarterPast() {
      IntervalTrigger trigger = Triggers.every(HOUR).offset(QUARTER);
      assertThat(FireTimes.of(trigger, "2026-05-17T10:42:13.500Z", 3))
          .containsExactlyElementsOf(
              instants("2026-05-17T11:15:00Z", "2026-05-17T12:15:00Z", "2026-05-17T13:15:00Z"));
      assertThat(FireTimes.of(trigger, "2026-05-17T10:14:59.999Z", 1))
          .containsExactlyElementsOf(instants("2026-05-17T10:15:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
      "PT1H,  PT0S,    2026-05-17T10:42:00Z, 2026-05-17T11:00:00Z",
      "PT90M, PT0S,    2026-05-17T00:10:00Z, 2026-05-17T01:30:00Z",
      "P1D,   PT9H,    2026-05-17T10:42:00Z, 2026-05-18T09:00:00Z",
      "P7D,   PT0S,    2026-05-17T10:42:00Z, 2026-05-21T00:00:00Z", // the epoch was a Thursday
      "PT1H,  PT15M,   1969-07-20T20:17:40Z, 1969-07-20T21:15:00Z",
      "PT0.25S, PT0S,  2026-05-17T10:42:00.300Z, 2026-05-17T10:42:00.500Z"
    })
    void firesOnTheGrid(Duration period, Duration offset, Instant now, Instant expected) {
      assertThat(Triggers.every(period).offset(offset).firstFireTime(now)).contains(expected);
    }

    @Test
    void nextAfterIsStrictlyAfter() {
      assertThat(Triggers.every(HOUR).nextAfter(Instant.parse("2026-05-17T10:00:00Z")))
          .contains(Instant.parse("2026-05-17T11:00:00Z"));
    }

    @Test
    void ignoresDaylightSavingTime() {
      // Berlin springs forward at 01:00Z on 2026-03-29 and falls back at 01:00Z on 2026-10-25.
      for (String now : new String[] {"2026-03-28T23:30:00Z", "2026-10-24T23:30:00Z"}) {
        assertThat(FireTimes.of(Triggers.every(HOUR), now, 4))
            .extracting(fire -> Duration.between(Instant.parse(now), fire))
            .containsExactly(
                Duration.ofMinutes(30),
                Duration.ofMinutes(90),
                Duration.ofMinutes(150),
                Duration.ofMinutes(210));
      }
    }

    @Test
    void extremes() {
      assertThat(Triggers.every(HOUR).nextAfter(Instant.MIN)).contains(Instant.MIN.plus(HOUR));
      assertThat(Triggers.every(HOUR).nextAfter(Instant.MAX)).isEmpty();
      Instant lastMillisecond = Instant.MAX.minusNanos(999_999);
      IntervalTrigger everyMillisecond = Triggers.every(Duration.ofMillis(1));
      assertThat(everyMillisecond.nextAfter(lastMillisecond.minusNanos(1)))
          .contains(lastMillisecond);
      assertThat(everyMillisecond.nextAfter(lastMillisecond)).isEmpty();
    }
  }

  @Nested
  class StartingAt {
    private final IntervalTrigger trigger = Triggers.every(HOUR).startingAt(START);

    @Test
    void firstFiresAtTheStartIfItIsAhead() {
      assertThat(trigger.firstFireTime(START.minus(Duration.ofDays(30)))).contains(START);
      assertThat(trigger.firstFireTime(START.minusNanos(1))).contains(START);
    }

    @Test
    void thenEveryIntervalAfterTheStart() {
      assertThat(FireTimes.of(trigger, "2026-11-23T09:15:00Z", 2))
          .containsExactlyElementsOf(instants("2026-11-23T10:15:00Z", "2026-11-23T11:15:00Z"));
      assertThat(trigger.firstFireTime(Instant.parse("2026-11-23T11:00:00Z")))
          .contains(Instant.parse("2026-11-23T11:15:00Z"));
    }

    @Test
    void keepsTheAlignmentOfAnyStart() {
      IntervalTrigger odd =
          Triggers.every(HOUR).startingAt(Instant.parse("2026-11-23T09:15:07.250Z"));
      assertThat(odd.firstFireTime(Instant.parse("2026-11-23T12:00:00Z")))
          .contains(Instant.parse("2026-11-23T12:15:07.250Z"));
      IntervalTrigger early =
          Triggers.every(HOUR).startingAt(Instant.parse("1960-01-01T00:00:30Z"));
      assertThat(early.firstFireTime(Instant.parse("2026-11-23T12:00:00Z")))
          .contains(Instant.parse("2026-11-23T12:00:30Z"));
    }

    @Test
    void aLaterStartReplacesAnEarlierOne() {
      assertThat(trigger.startingAt(START.plus(QUARTER)))
          .isEqualTo(Triggers.every(HOUR).startingAt(START.plus(QUARTER)));
    }
  }

  @Test
  void valueSemantics() {
    IntervalTrigger trigger = Triggers.every(HOUR).offset(QUARTER);
    assertThat(Triggers.every(Duration.ofMinutes(60)).offset(Duration.ofSeconds(900)))
        .isEqualTo(trigger)
        .hasSameHashCodeAs(trigger)
        .hasToString("1h+15m");
    assertThat(Triggers.every(HOUR).offset(Duration.ofMinutes(20)).offset(QUARTER))
        .isEqualTo(trigger);
    assertThat(Triggers.every(HOUR).offset(Duration.ZERO)).isEqualTo(Triggers.every(HOUR));
    assertThat(Triggers.every(HOUR)).isNotEqualTo(trigger);
    assertThat(Triggers.every(HOUR).startingAt(Instant.EPOCH)).isNotEqualTo(Triggers.every(HOUR));
    assertThat(trigger.isRecurring()).isTrue();
  }

  @Nested
  class Rejects {
    @Test
    void intervalsThatAreNotPositive() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.every(Duration.ZERO))
          .withMessage("interval must be positive, was PT0S");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.every(Duration.ofMinutes(-5)))
          .withMessage("interval must be positive, was PT-5M");
    }

    @Test
    void fractionsOfAMillisecond() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.every(Duration.ofNanos(1_500_000)))
          .withMessage("interval must be a whole number of milliseconds, was PT0.0015S");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.every(HOUR).offset(Duration.ofNanos(1)))
          .withMessage("offset must be a whole number of milliseconds, was PT0.000000001S");
    }

    @Test
    void intervalsTooLongForMilliseconds() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.every(Duration.ofSeconds(Long.MAX_VALUE)))
          .withMessage(
              "interval must be at most PT2562047788015H12M55.807S, was PT2562047788015215H30M7S");
    }

    @Test
    void negativeOffsets() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.every(HOUR).offset(Duration.ofMinutes(-15)))
          .withMessage("offset cannot be negative, was PT-15M");
    }

    @Test
    void offsetsOfAtLeastTheInterval() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.every(HOUR).offset(HOUR))
          .withMessage("offset must be less than the interval PT1H, was PT1H");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Triggers.every(HOUR).offset(Duration.ofMinutes(75)))
          .withMessage("offset must be less than the interval PT1H, was PT1H15M");
    }

    @Test
    void bothAnOffsetAndAStart() {
      assertThatIllegalStateException()
          .isThrownBy(() -> Triggers.every(HOUR).startingAt(START).offset(QUARTER))
          .withMessage(
              "an interval with a start cannot have an offset too: 1h from 2026-11-23T09:15:00Z");
      assertThatIllegalStateException()
          .isThrownBy(() -> Triggers.every(HOUR).offset(QUARTER).startingAt(START))
          .withMessage("an interval with an offset cannot have a start too: 1h+15m");
    }

    @Test
    void nulls() {
      assertThatNullPointerException()
          .isThrownBy(() -> Triggers.every(null))
          .withMessage("interval cannot be null");
      assertThatNullPointerException()
          .isThrownBy(() -> Triggers.every(HOUR).offset(null))
          .withMessage("offset cannot be null");
      assertThatNullPointerException()
          .isThrownBy(() -> Triggers.every(HOUR).startingAt(null))
          .withMessage("first cannot be null");
      assertThatNullPointerException()
          .isThrownBy(() -> Triggers.every(HOUR).nextAfter(null))
          .withMessage("previous cannot be null");
    }
  }
}
