package dev.herald.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** STUB: implemented by the trigger work package. */
public final class IntervalTrigger implements Trigger {
  IntervalTrigger() {}

  public IntervalTrigger offset(Duration offset) {
    throw new UnsupportedOperationException("TODO");
  }

  public IntervalTrigger startingAt(Instant first) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public Optional<Instant> nextAfter(Instant previous) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public boolean isRecurring() {
    return true;
  }

  @Override
  public String spec() {
    throw new UnsupportedOperationException("TODO");
  }
}
