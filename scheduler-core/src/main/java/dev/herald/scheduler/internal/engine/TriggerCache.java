package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.trigger.Trigger;
import dev.herald.scheduler.trigger.Triggers;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed triggers by spec: parsing a cron expression for every run would be wasteful. Bounded:
 * cleared when full (specs are few in practice). Threadsafe.
 */
final class TriggerCache {
  private static final int MAX = 4096;
  private final ConcurrentHashMap<String, Trigger> bySpec = new ConcurrentHashMap<>();

  /**
   * The trigger for {@code spec}.
   *
   * @throws IllegalArgumentException if it does not parse
   */
  Trigger get(String spec) {
    Trigger cached = bySpec.get(spec);
    if (cached != null) {
      return cached;
    }
    Trigger parsed = Triggers.parse(spec);
    if (bySpec.size() >= MAX) {
      bySpec.clear();
    }
    bySpec.put(spec, parsed);
    return parsed;
  }
}
