package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.internal.Loggers;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Counts store failures for health, tells listeners, and logs without flooding: the first failure
 * of a streak at WARN with its stack trace, then one line every 20 failures, then one INFO line when
 * the store answers again. Threadsafe.
 */
final class StoreErrors {
  private static final Logger log = Loggers.STORE;

  private final Listeners listeners;
  private final AtomicInteger consecutive = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();

  StoreErrors(Listeners listeners) {
    this.listeners = listeners;
  }

  void failed(String operation, RuntimeException error) {
    int n = consecutive.incrementAndGet();
    total.incrementAndGet();
    if (n == 1) {
      log.warn("Job store failed during {}; backing off and retrying", operation, error);
    } else if (n % 20 == 0) {
      log.warn("Job store still failing ({} failures in a row), last during {}: {}", n, operation,
          error.toString());
    }
    listeners.onStoreError(operation, error);
  }

  void succeeded() {
    int before = consecutive.getAndSet(0);
    if (before > 0) {
      log.info("Job store answers again after {} failed calls", before);
    }
  }

  int consecutive() {
    return consecutive.get();
  }

  int total() {
    return total.get();
  }
}
