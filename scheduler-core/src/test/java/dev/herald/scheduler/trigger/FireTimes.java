package dev.herald.scheduler.trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Collects fire times the way the scheduler does: the first, then each next after the last. */
final class FireTimes {
  private FireTimes() {}

  /** The first {@code count} fire times of {@code trigger} scheduled at {@code now}. */
  static List<Instant> of(Trigger trigger, String now, int count) {
    List<Instant> fires = new ArrayList<>();
    Optional<Instant> next = trigger.firstFireTime(Instant.parse(now));
    while (next.isPresent() && fires.size() < count) {
      fires.add(next.get());
      next = trigger.nextAfter(next.get());
    }
    return fires;
  }

  /** {@code texts} parsed as instants. */
  static List<Instant> instants(String... texts) {
    return Arrays.stream(texts).map(Instant::parse).toList();
  }
}
