package dev.herald.scheduler.internal.store;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.spi.BudgetResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The rolling budgets of the {@link InMemoryJobStore}: per budget, its uses by id, each with the
 * job it belongs to and its time. Uses that left the window are dropped when the budget is next
 * taken, so a budget holds about {@code limit} uses. Not threadsafe: the store calls it under its
 * lock.
 */
final class BudgetLedger {
  private record Use(String jobId, Instant at) {}

  private final Map<String, Map<String, Use>> budgets = new HashMap<>();

  /** Checks the arguments of {@code takeBudget}, naming the bad one. */
  static void checkTake(String budget, String use, int limit, Duration window) {
    checkName(budget, "budget");
    checkName(use, "use");
    Preconditions.atLeast(limit, 1, "limit");
    Preconditions.positive(window, "window");
  }

  /** Checks a budget or use name: 1 to 191 characters, not blank. */
  static void checkName(String name, String what) {
    Preconditions.notBlank(name, what);
    Preconditions.checkArgument(name.length() <= 191,
        what + " must be at most 191 characters, was " + name.length() + ": '" + name + "'");
  }

  BudgetResult take(String jobId, String budget, String use, int limit, Duration window,
      Instant now) {
    Map<String, Use> uses = budgets.computeIfAbsent(budget, b -> new HashMap<>());
    Instant cutoff = now.minus(window);
    uses.values().removeIf(u -> !u.at().isAfter(cutoff));
    if (uses.containsKey(use) || uses.size() < limit) {
      uses.put(use, new Use(jobId, now));
      return new BudgetResult.Taken(now);
    }
    Instant[] times = uses.values().stream().map(Use::at).sorted().toArray(Instant[]::new);
    return new BudgetResult.Full(times[times.length - limit].plus(window));
  }

  void release(String jobId, String budget, String use) {
    Map<String, Use> uses = budgets.get(budget);
    if (uses == null) {
      return;
    }
    Use recorded = uses.get(use);
    if (recorded != null && recorded.jobId().equals(jobId)) {
      uses.remove(use);
      if (uses.isEmpty()) {
        budgets.remove(budget);
      }
    }
  }
}
