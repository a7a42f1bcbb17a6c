package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to do with a job picked up at {@code now} whose pending fire time is {@code fireAt}: run it
 * (for which fire time), or skip it. Pure; see {@link MisfirePolicy} for the rules.
 *
 * @param run whether to run
 * @param scheduledAt the fire time the run is for (when running)
 * @param missed how many fire times were missed, {@code fireAt} included (at most {@link
 *     #COUNT_LIMIT}; more are reported as that)
 * @param lateness how late the oldest missed fire time is
 */
record MisfireDecision(boolean run, Instant scheduledAt, int missed, Duration lateness) {

  static final int COUNT_LIMIT = 10_000;
  private static final int SCAN_LIMIT = 100_000;
  private static final List<Duration> PROBES =
      List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(32),
          Duration.ofDays(400), Duration.ofDays(4000));

  static MisfireDecision evaluate(
      Trigger trigger, MisfirePolicy policy, Instant fireAt, Instant now) {
    if (!fireAt.isBefore(now)) {
      return new MisfireDecision(true, fireAt, 0, Duration.ZERO);
    }
    Duration lateness = Duration.between(fireAt, now);
    int missed = countMissed(trigger, fireAt, now);
    if (policy instanceof MisfirePolicy.FireAll) {
      return new MisfireDecision(true, fireAt, missed, lateness);
    }
    Instant latest = latestAtOrBefore(trigger, fireAt, now);
    if (policy instanceof MisfirePolicy.SkipIfLaterThan skip
        && Duration.between(latest, now).compareTo(skip.grace()) > 0) {
      return new MisfireDecision(false, latest, missed, lateness);
    }
    return new MisfireDecision(true, latest, missed, lateness);
  }

  private static int countMissed(Trigger trigger, Instant fireAt, Instant now) {
    int count = 1;
    Instant t = fireAt;
    while (count < COUNT_LIMIT) {
      Optional<Instant> next = trigger.nextAfter(t);
      if (next.isEmpty() || next.get().isAfter(now)) {
        break;
      }
      t = next.get();
      count++;
    }
    return count;
  }

  /** The last fire time in {@code [fireAt, now]}, found without walking millions of fire times. */
  static Instant latestAtOrBefore(Trigger trigger, Instant fireAt, Instant now) {
    Instant from = fireAt;
    for (Duration probe : PROBES) {
      Instant start = now.minus(probe);
      if (!start.isAfter(fireAt)) {
        break;
      }
      Optional<Instant> candidate = trigger.nextAfter(start);
      if (candidate.isPresent() && !candidate.get().isAfter(now)) {
        from = candidate.get();
        break;
      }
    }
    Instant t = from;
    for (int i = 0; i < SCAN_LIMIT; i++) {
      Optional<Instant> next = trigger.nextAfter(t);
      if (next.isEmpty() || next.get().isAfter(now)) {
        return t;
      }
      t = next.get();
    }
    return t;
  }
}
