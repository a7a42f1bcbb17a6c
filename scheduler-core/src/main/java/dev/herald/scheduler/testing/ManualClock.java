package dev.herald.scheduler.testing;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, for tests that must not sleep.
 *
 * <p>Pass it to {@code Scheduler.builder().clock(...)}, {@code JobStore.inMemory(...)} or {@code
 * Lock.inMemory(...)}, then {@link #advance(Duration)} or {@link #set(Instant)} it. This class is
 * threadsafe.
 */
public final class ManualClock implements InstantSource {
  private final AtomicReference<Instant> now;

  private ManualClock(Instant start) {
    this.now = new AtomicReference<>(Preconditions.notNull(start, "start"));
  }

  /**
   * A clock showing {@code start}.
   *
   * @param start the clock's first time
   * @return a new clock at {@code start}
   */
  public static ManualClock at(Instant start) {
    return new ManualClock(start);
  }

  /**
   * A clock showing {@code start}, parsed as an ISO-8601 instant such as {@code
   * 2026-03-29T00:00:00Z}.
   *
   * @param start the clock's first time, such as {@code 2026-03-29T00:00:00Z}
   * @return a new clock at {@code start}
   */
  public static ManualClock at(String start) {
    return new ManualClock(Instant.parse(start));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * The current time; same as {@link #instant()}.
   *
   * @return the clock's current time
   */
  public Instant now() {
    return now.get();
  }

  /**
   * Moves the clock forward by {@code amount}.
   *
   * @param amount how far to move the clock, zero or more
   * @return the new time
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public Instant advance(Duration amount) {
    Preconditions.notNegative(amount, "amount");
    return now.updateAndGet(t -> t.plus(amount));
  }

  /**
   * Sets the clock to {@code instant}; it may move backwards (to test clock jumps).
   *
   * @param instant the new time
   * @return the new time
   */
  public Instant set(Instant instant) {
    Preconditions.notNull(instant, "instant");
    now.set(instant);
    return instant;
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
