package dev.herald.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TriggersParseTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant START = Instant.parse("2026-11-23T09:15:00Z");

  @ParameterizedTest(name = "{1}")
  @MethodSource
  void specRoundTrips(Trigger trigger, String spec) {
    assertThat(trigger.spec()).isEqualTo(spec);
    assertThat(trigger).hasToString(spec);
    Trigger parsed = Triggers.parse(spec);
    assertThat(parsed).isEqualTo(trigger).hasSameHashCodeAs(trigger);
    assertThat(parsed.spec()).isEqualTo(spec);
  }

  static Stream<Arguments> specRoundTrips() {
    return Stream.of(
        Arguments.of(Triggers.every(Duration.ofHours(1)), "1h"),
        Arguments.of(Triggers.every(Duration.ofMinutes(90)), "90m"),
        Arguments.of(Triggers.every(Duration.ofSeconds(3600)), "1h"),
        Arguments.of(Triggers.every(Duration.ofMillis(1500)), "1500ms"),
        Arguments.of(Triggers.every(Duration.ofMillis(1)), "1ms"),
        Arguments.of(Triggers.every(Duration.ofSeconds(45)), "45s"),
        Arguments.of(Triggers.every(Duration.ofHours(48)), "2d"),
        Arguments.of(Triggers.every(Duration.ofDays(14)), "2w"),
        Arguments.of(Triggers.every(Duration.ofDays(10)), "10d"),
        Arguments.of(Triggers.every(Duration.ofHours(1)).offset(Duration.ofMinutes(15)), "1h+15m"),
        Arguments.of(Triggers.every(Duration.ofDays(1)).offset(Duration.ofMinutes(570)), "1d+570m"),
        Arguments.of(Triggers.every(Duration.ofHours(1)).offset(Duration.ofMillis(1)), "1h+1ms"),
        Arguments.of(
            Triggers.every(Duration.ofHours(1)).startingAt(START), "1h from 2026-11-23T09:15:00Z"),
        Arguments.of(
            Triggers.every(Duration.ofDays(1)).startingAt(START.plusNanos(1000)),
            "1d from 2026-11-23T09:15:00.000001Z"),
        Arguments.of(
            Triggers.cron("0 9 * * MON-FRI", BERLIN), "cron:0 9 * * MON-FRI@Europe/Berlin"),
        Arguments.of(Triggers.cron("*/15 * * * *"), "cron:*/15 * * * *"),
        Arguments.of(Triggers.cron("0 0 * * 0", ZoneId.of("UTC")), "cron:0 0 * * 0"),
        Arguments.of(Triggers.cron("@daily", BERLIN), "cron:@daily@Europe/Berlin"),
        Arguments.of(Triggers.cron("@hourly"), "cron:@hourly"),
        Arguments.of(
            Triggers.cron("30 0 9 * * 1", ZoneOffset.ofHoursMinutes(5, 30)),
            "cron:30 0 9 * * 1@+05:30"),
        Arguments.of(Triggers.cron("0 0 L * ?", ZoneId.of("Etc/GMT-1")), "cron:0 0 L * ?@+01:00"),
        Arguments.of(
            Triggers.daily(LocalTime.of(9, 30), ZoneId.of("America/New_York")),
            "daily:09:30@America/New_York"),
        Arguments.of(Triggers.daily(LocalTime.of(9, 0, 30), ZoneOffset.UTC), "daily:09:00:30"),
        Arguments.of(
            Triggers.daily(LocalTime.of(9, 0, 0, 500_000_000), ZoneOffset.UTC),
            "daily:09:00:00.500"),
        Arguments.of(
            Triggers.once(Instant.parse("2026-11-23T09:00:00Z")), "once:2026-11-23T09:00:00Z"),
        Arguments.of(Triggers.once(Instant.EPOCH), "once:1970-01-01T00:00:00Z"),
        Arguments.of(
            Triggers.once(Instant.parse("+10000-01-01T00:00:00Z")), "once:+10000-01-01T00:00:00Z"));
  }

  @ParameterizedTest(name = "''{0}'' is ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "  5m \t                                       | 5m",
        "every:5m                                      | 5m",
        "every: 1h + 15m                               | 1h+15m",
        "1h30m                                         | 90m",
        "1s500ms                                       | 1500ms",
        "3600s                                         | 1h",
        "168h                                          | 1w",
        "60m+900s                                      | 1h+15m",
        "PT1H                                          | 1h",
        "pt90m                                         | 90m",
        "P1D                                           | 1d",
        "1h+PT15M                                      | 1h+15m",
        "every:PT1H                                    | 1h",
        "1h   from   2026-11-23T10:15:00+01:00         | 1h from 2026-11-23T09:15:00Z",
        "cron:  0   9 * *  MON-FRI  @ Europe/Berlin    | cron:0 9 * * MON-FRI@Europe/Berlin",
        "0 9 * * MON-FRI                               | cron:0 9 * * MON-FRI",
        "0 0 9 * * MON                                 | cron:0 0 9 * * MON",
        "0 9 * * *@Europe/Berlin                       | cron:0 9 * * *@Europe/Berlin",
        "@daily                                        | cron:@daily",
        "cron:0 9 * * *@UTC                            | cron:0 9 * * *",
        "cron:0 9 * * *@Etc/UTC                        | cron:0 9 * * *",
        "cron:0 9 * * *@Z                              | cron:0 9 * * *",
        "cron:0 9 * * *@Etc/GMT-1                      | cron:0 9 * * *@+01:00",
        "cron:@daily@Europe/Berlin                     | cron:@daily@Europe/Berlin",
        "daily:09:30:00                                | daily:09:30",
        "daily:09:30@UTC                               | daily:09:30",
        "daily:09:30 @ America/New_York                | daily:09:30@America/New_York",
        "once:2026-11-23T09:00:00.000Z                 | once:2026-11-23T09:00:00Z",
        "once:2026-11-23T10:00:00+01:00                | once:2026-11-23T09:00:00Z"
      })
  void parseAcceptsAliases(String spec, String canonical) {
    assertThat(Triggers.parse(spec).spec()).isEqualTo(canonical);
    assertThat(Triggers.parse(spec)).isEqualTo(Triggers.parse(canonical));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "every day",
        "hourly",
        "5 minutes",
        "1 h",
        "1H",
        "cron",
        "Poll",
        "0 9 * *",
        "at:9"
      })
  void unknownSpecsListTheAcceptedForms(String spec) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Triggers.parse(spec))
        .withMessage(
            "unknown trigger spec '%s'; expected one of: '<n>ms|s|m|h|d|w' (e.g. '5m', '1h+15m',"
                + " '1h from 2026-11-23T09:15:00Z'), 'cron:<5 or 6 fields>[@<zone>]' (e.g."
                + " 'cron:0 */4 * * *@Europe/Berlin'), 'daily:HH:mm[:ss][@<zone>]' (e.g."
                + " 'daily:09:30@America/New_York'), 'once:<ISO-8601 instant>' (e.g."
                + " 'once:2026-11-23T09:00:00Z')",
            spec);
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "0s                     => interval must be positive, was PT0S",
        "PT0S                   => interval must be positive, was PT0S",
        "PT-5M                  => interval must be positive, was PT-5M",
        "-PT5M                  => interval must be positive, was PT-5M",
        "PT0.0005S              => interval must be a whole number of milliseconds, was PT0.0005S",
        "1h+75m                 => offset must be less than the interval PT1H, was PT1H15M",
        "1h+PT-15M              => offset cannot be negative, was PT-15M",
        "PT1H1D                 => malformed ISO-8601 duration 'PT1H1D' in trigger spec 'PT1H1D'",
        "99999999999999999999d  => duration '99999999999999999999d' in trigger spec"
            + " '99999999999999999999d' is too long",
        "every:daily            => malformed interval 'daily' in trigger spec 'every:daily';"
            + " expected '<n>ms|s|m|h|d|w' (e.g. '5m', '1h+15m', '1h from 2026-11-23T09:15:00Z')",
        "1h from tomorrow       => malformed start 'tomorrow' in trigger spec '1h from tomorrow';"
            + " expected an ISO-8601 instant, e.g. '1h from 2026-11-23T09:15:00Z'",
        "cron:61 * * * *        => cron \"61 * * * *\": minute field \"61\": 61 is out of range:"
            + " expected 0 to 59",
        "61 * * * *             => cron \"61 * * * *\": minute field \"61\": 61 is out of range:"
            + " expected 0 to 59",
        "cron:0 9 * * *@Europe/Berln => unknown time zone 'Europe/Berln' in trigger spec"
            + " 'cron:0 9 * * *@Europe/Berln'",
        "daily:09:00@Mars/Olympus => unknown time zone 'Mars/Olympus' in trigger spec"
            + " 'daily:09:00@Mars/Olympus'",
        "daily:09:00@           => unknown time zone '' in trigger spec 'daily:09:00@'",
        "daily:25:00            => malformed time of day '25:00' in trigger spec 'daily:25:00';"
            + " expected HH:mm or HH:mm:ss, e.g. 'daily:09:30@America/New_York'",
        "once:tomorrow          => malformed instant 'tomorrow' in trigger spec 'once:tomorrow';"
            + " expected an ISO-8601 instant, e.g. 'once:2026-11-23T09:00:00Z'"
      })
  void invalidValuesAreNamed(String spec, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Triggers.parse(spec))
        .withMessage(message);
  }

  @Test
  void rejectsNullAndBlank() {
    assertThatNullPointerException()
        .isThrownBy(() -> Triggers.parse(null))
        .withMessage("trigger spec cannot be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Triggers.parse("  "))
        .withMessage("trigger spec cannot be blank, was '  '");
  }
}
