package dev.herald.scheduler.spi;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;

/** What {@link JobStore#takeBudget} did. All implementations are immutable records. */
public sealed interface BudgetResult {

  /** The use is recorded, at {@code at}. */
  record Taken(Instant at) implements BudgetResult {
    /**
     * Checks the component.
     *
     * @param at the store's time the use is recorded at
     * @throws NullPointerException if {@code at} is null
     */
    public Taken {
      Preconditions.notNull(at, "at");
    }
  }

  /**
   * The budget is used up: nothing was recorded. {@code until} is the earliest time a use could be
   * taken, when enough of the recorded uses have left the window.
   */
  record Full(Instant until) implements BudgetResult {
    /**
     * Checks the component.
     *
     * @param until when the budget has room again, on the store's clock
     * @throws NullPointerException if {@code until} is null
     */
    public Full {
      Preconditions.notNull(until, "until");
    }
  }

  /** The claim's lease was lost (the job is not RUNNING under its token): nothing changed. */
  record LeaseLost() implements BudgetResult {}
}
