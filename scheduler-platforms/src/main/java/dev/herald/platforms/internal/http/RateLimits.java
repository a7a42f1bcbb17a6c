package dev.herald.platforms.internal.http;

import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rate-limit headers of a response: {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining},
 * {@code X-RateLimit-Reset} and {@code Retry-After}, parsed defensively (a malformed value is
 * treated as absent).
 *
 * <p>{@code X-RateLimit-Reset} is an ISO-8601 timestamp on Mastodon ({@code
 * 2026-11-20T12:35:00.000000Z}, microseconds) and Unix epoch seconds elsewhere (GoToSocial); both
 * are accepted. A bare number below 10<sup>9</sup> (before September 2001 as an epoch) is read as
 * seconds from now, the convention of servers that send a delta. {@code Retry-After} is either
 * delta-seconds or an HTTP-date (RFC 9110).
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param limit requests allowed in the window
 * @param remaining requests left in the window
 * @param reset when the window resets
 * @param retryAfter when the server asks the client to retry
 */
public record RateLimits(
    OptionalLong limit,
    OptionalLong remaining,
    Optional<Instant> reset,
    Optional<Instant> retryAfter) {

  private static final long SMALLEST_EPOCH = 1_000_000_000L;

  /** The rate-limit headers of {@code headers}, relative times resolved against {@code now}. */
  public static RateLimits of(HttpHeaders headers, Instant now) {
    return new RateLimits(
        headers.firstValue("X-RateLimit-Limit").flatMap(RateLimits::parseLong).stream()
            .mapToLong(Long::longValue)
            .findFirst(),
        headers.firstValue("X-RateLimit-Remaining").flatMap(RateLimits::parseLong).stream()
            .mapToLong(Long::longValue)
            .findFirst(),
        headers.firstValue("X-RateLimit-Reset").flatMap(v -> parseReset(v, now)),
        headers.firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, now)));
  }

  /**
   * When the client may call again: the later of {@code Retry-After} and {@code X-RateLimit-Reset},
   * or empty when the response carries neither.
   */
  public Optional<Instant> until() {
    if (reset.isPresent() && retryAfter.isPresent()) {
      return Optional.of(reset.get().isAfter(retryAfter.get()) ? reset.get() : retryAfter.get());
    }
    return reset.isPresent() ? reset : retryAfter;
  }

  /** An {@code X-RateLimit-Reset} value: ISO-8601 instant or offset date-time, or epoch seconds. */
  public static Optional<Instant> parseReset(String value, Instant now) {
    String v = value.trim();
    Optional<BigDecimal> number = parseNumber(v);
    if (number.isPresent()) {
      long seconds = number.get().longValue();
      long nanos = number.get().remainder(BigDecimal.ONE).movePointRight(9).longValue();
      return Optional.of(
          seconds < SMALLEST_EPOCH
              ? now.plusSeconds(seconds).plusNanos(nanos)
              : Instant.ofEpochSecond(seconds, nanos));
    }
    try {
      return Optional.of(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** A {@code Retry-After} value: non-negative delta-seconds or an HTTP-date. */
  public static Optional<Instant> parseRetryAfter(String value, Instant now) {
    String v = value.trim();
    Optional<Long> seconds = parseLong(v);
    if (seconds.isPresent()) {
      return seconds.get() < 0 ? Optional.empty() : Optional.of(now.plusSeconds(seconds.get()));
    }
    try {
      return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> parseLong(String v) {
    try {
      return Optional.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<BigDecimal> parseNumber(String v) {
    if (!v.matches("\\d+(\\.\\d+)?")) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(v));
  }
}
