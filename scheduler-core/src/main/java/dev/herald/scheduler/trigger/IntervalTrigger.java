package dev.herald.scheduler.trigger;

import dev.herald.scheduler.internal.Preconditions;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires at a fixed interval, created by {@link Triggers#every(Duration)}.
 *
 * <p>The interval is an absolute duration: a day is 24 hours and a week 7 days, whatever the time
 * zone or daylight saving time, so {@code every(Duration.ofHours(1))} fires every hour of UTC
 * across DST changes. Fire times are aligned in one of two ways:
 *
 * <ul>
 *   <li>To the epoch, shifted by an {@linkplain #offset(Duration) offset} (zero by default): the
 *       trigger fires at {@code 1970-01-01T00:00:00Z + offset + k * interval} for every integer
 *       {@code k}. So {@code every(1h)} fires on the hour (UTC), {@code every(1h).offset(15m)} at a
 *       quarter past every hour and {@code every(1d).offset(9h)} at 09:00 UTC, wherever the
 *       schedule starts.
 *   <li>To a {@linkplain #startingAt(Instant) start}: the trigger fires at {@code first + k *
 *       interval} for every {@code k >= 0}, and never before {@code first}.
 * </ul>
 *
 * <p>The interval and the offset are whole numbers of milliseconds, so that the {@linkplain #spec()
 * spec} ({@code 5m}, {@code 1h+15m}, {@code 1h from 2026-11-23T09:15:00Z}) is exact.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class IntervalTrigger implements Trigger {
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  private static final BigInteger MAX_SECOND = BigInteger.valueOf(Instant.MAX.getEpochSecond());
  private static final Duration MAX_MILLIS = Duration.ofMillis(Long.MAX_VALUE);

  private final Duration period;
  private final Duration offset;
  private final Instant start; // null when aligned to the epoch

  IntervalTrigger(Duration period) {
    this(checkMillis(Preconditions.positive(period, "interval"), "interval"), Duration.ZERO, null);
  }

  private IntervalTrigger(Duration period, Duration offset, Instant start) {
    this.period = period;
    this.offset = offset;
    this.start = start;
  }

  /**
   * This interval aligned to the epoch shifted by {@code offset}: it fires at {@code
   * 1970-01-01T00:00:00Z + offset + k * interval}. Replaces any earlier offset.
   *
   * @param offset at least zero and less than the interval, in whole milliseconds
   * @return a trigger with the same interval and the given offset
   * @throws IllegalArgumentException if {@code offset} is negative, not less than the interval (an
   *     offset of 75 minutes on an hourly interval is rejected, not read as 15 minutes), or not a
   *     whole number of milliseconds
   * @throws IllegalStateException if this trigger has a {@linkplain #startingAt(Instant) start},
   *     which already fixes the alignment
   */
  public IntervalTrigger offset(Duration offset) {
    Preconditions.notNull(offset, "offset");
    Preconditions.checkState(
        start == null, "an interval with a start cannot have an offset too: " + spec());
    checkMillis(Preconditions.notNegative(offset, "offset"), "offset");
    Preconditions.checkArgument(
        offset.compareTo(period) < 0,
        "offset must be less than the interval " + period + ", was " + offset);
    return new IntervalTrigger(period, offset, null);
  }

  /**
   * This interval aligned to {@code first}: it fires at {@code first + k * interval} for every
   * {@code k >= 0}. Its first fire time when scheduled at {@code now} is {@code first} if that is
   * after {@code now}, else the first of those points after {@code now}. Replaces any earlier
   * start.
   *
   * @param first the first fire time
   * @return a trigger with the same interval and the given start
   * @throws IllegalStateException if this trigger has a non-zero {@linkplain #offset(Duration)
   *     offset}, since the start already fixes the alignment
   */
  public IntervalTrigger startingAt(Instant first) {
    Preconditions.notNull(first, "first");
    Preconditions.checkState(
        offset.isZero(), "an interval with an offset cannot have a start too: " + spec());
    return new IntervalTrigger(period, Duration.ZERO, first.truncatedTo(ChronoUnit.MICROS));
  }

  /**
   * The first aligned point strictly after {@code previous}, or {@link #startingAt(Instant) the
   * start} if {@code previous} is before it. Empty only past {@link Instant#MAX}.
   */
  @Override
  public Optional<Instant> nextAfter(Instant previous) {
    Preconditions.notNull(previous, "previous");
    if (start != null && previous.isBefore(start)) {
      return Optional.of(start);
    }
    BigInteger anchor = nanos(start != null ? start : Instant.EPOCH.plus(offset));
    BigInteger after = nanos(previous);
    BigInteger interval = nanos(period);
    BigInteger next = after.subtract(after.subtract(anchor).mod(interval)).add(interval);
    BigInteger nano = next.mod(NANOS_PER_SECOND);
    BigInteger second = next.subtract(nano).divide(NANOS_PER_SECOND);
    return second.compareTo(MAX_SECOND) > 0
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(second.longValueExact(), nano.longValueExact()));
  }

  /** Returns {@code true}. */
  @Override
  public boolean isRecurring() {
    return true;
  }

  /**
   * The interval in compact notation, then {@code +<offset>} for a non-zero offset or {@code " from
   * <first>"} for a start: {@code 90m}, {@code 1h+15m}, {@code 1d from 2026-11-23T09:15:00Z}.
   */
  @Override
  public String spec() {
    String spec = IntervalSpec.format(period);
    if (start != null) {
      return spec + " from " + start;
    }
    return offset.isZero() ? spec : spec + "+" + IntervalSpec.format(offset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntervalTrigger that
        && period.equals(that.period)
        && offset.equals(that.offset)
        && Objects.equals(start, that.start);
  }

  @Override
  public int hashCode() {
    return Objects.hash(period, offset, start);
  }

  /** Returns the {@linkplain #spec() spec}. */
  @Override
  public String toString() {
    return spec();
  }

  private static Duration checkMillis(Duration value, String name) {
    Preconditions.checkArgument(
        value.getNano() % 1_000_000 == 0,
        name + " must be a whole number of milliseconds, was " + value);
    Preconditions.checkArgument(
        value.compareTo(MAX_MILLIS) <= 0,
        name + " must be at most " + MAX_MILLIS + ", was " + value);
    return value;
  }

  private static BigInteger nanos(Instant instant) {
    return BigInteger.valueOf(instant.getEpochSecond())
        .multiply(NANOS_PER_SECOND)
        .add(BigInteger.valueOf(instant.getNano()));
  }

  private static BigInteger nanos(Duration duration) {
    return BigInteger.valueOf(duration.getSeconds())
        .multiply(NANOS_PER_SECOND)
        .add(BigInteger.valueOf(duration.getNano()));
  }
}
