package dev.herald.scheduler.trigger;

import java.time.Instant;
import java.util.Optional;

/**
 * When a job fires: a pure function from the previous fire time to the next one.
 *
 * <p>A trigger is persisted as its {@link #spec()} and rebuilt with {@link Triggers#parse(String)},
 * so a scheduler on another node, or after a restart, computes the same fire times. Implementations
 * must therefore be immutable, and {@code Triggers.parse(t.spec())} must return a trigger equal to
 * {@code t}. The scheduler rejects a trigger whose spec does not parse back.
 *
 * <p>Implementations must be threadsafe (immutability gives that for free).
 */
public interface Trigger {

  /**
   * The first fire time of a job scheduled at {@code now}.
   *
   * <p>For recurring triggers this is the first fire time strictly after {@code now}. A one-time
   * trigger returns its instant even when that lies in the past, so an overdue one-time job runs
   * at once (and its misfire policy decides what "late" means).
   *
   * @param now the time the job is scheduled
   * @return the first fire time, or empty if the trigger never fires
   */
  default Optional<Instant> firstFireTime(Instant now) {
    return nextAfter(now);
  }

  /**
   * The next fire time strictly after {@code previous}.
   *
   * @param previous the previous fire time (or any instant to search from)
   * @return the next fire time, or empty if the trigger never fires again
   */
  Optional<Instant> nextAfter(Instant previous);

  /**
   * Whether this trigger can fire more than once. One-time jobs end COMPLETED after their run;
   * recurring jobs are rescheduled.
   *
   * @return true for a recurring trigger; false for a one-time one
   */
  boolean isRecurring();

  /**
   * A stable text form that {@link Triggers#parse(String)} turns back into an equal trigger, for
   * example {@code "1h+15m"}, {@code "cron:0 9 * * MON-FRI@Europe/Berlin"}, {@code
   * "daily:09:00@Europe/Berlin"} or {@code "once:2026-11-23T09:00:00Z"}.
   *
   * @return the trigger's spec, never blank
   */
  String spec();
}
