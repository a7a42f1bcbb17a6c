package dev.herald.scheduler.internal.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits after consecutive store failures: 100 ms doubling up to a cap, with ±50% jitter so nodes
 * that lost the database together do not hammer it together when it returns. Not threadsafe: one
 * per thread.
 */
final class StoreBackoff {
  private static final Duration INITIAL = Duration.ofMillis(100);
  private final Duration max;
  private int failures;

  StoreBackoff(Duration max) {
    this.max = max;
  }

  /** Records a failure and returns how long to wait before trying again. */
  Duration onFailure() {
    failures = Math.min(failures + 1, 30);
    long base = Math.min(max.toMillis(), INITIAL.toMillis() << Math.min(failures - 1, 20));
    long jittered = (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
    return Duration.ofMillis(Math.max(1, Math.min(jittered, max.toMillis())));
  }

  /** Records a success. */
  void onSuccess() {
    failures = 0;
  }

  /** Failures in a row. */
  int failures() {
    return failures;
  }
}
