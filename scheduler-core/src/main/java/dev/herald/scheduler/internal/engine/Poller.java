package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The claim loop: claims as many due jobs as there are free workers, hands them to the workers,
 * then sleeps until the next due time, the poll interval, or a wakeup, whichever comes first. Never
 * claims more than it can start at once, so no claim waits in a queue. Runs on its own thread.
 */
final class Poller implements Runnable {
  private static final Duration MIN_WAIT = Duration.ofMillis(20);

  private final SchedulerConfig config;
  private final JobStore store;
  private final Set<String> types;
  private final Semaphore freeWorkers;
  private final Executor workers;
  private final InFlight inFlight;
  private final Consumer<RunHandle> work;
  private final Wakeup wakeup;
  private final StoreErrors storeErrors;
  private final BooleanSupplier running;
  private final StoreBackoff backoff;
  private volatile Instant lastPollAt;

  Poller(SchedulerConfig config, Semaphore freeWorkers, Executor workers, InFlight inFlight,
      Consumer<RunHandle> work, Wakeup wakeup, StoreErrors storeErrors, BooleanSupplier running) {
    this.config = config;
    this.store = config.store();
    this.types = config.registrations().keySet();
    this.freeWorkers = freeWorkers;
    this.workers = workers;
    this.inFlight = inFlight;
    this.work = work;
    this.wakeup = wakeup;
    this.storeErrors = storeErrors;
    this.running = running;
    this.backoff = new StoreBackoff(config.maxStoreBackoff());
  }

  /** When the poller last asked the store for due work, or null. */
  Instant lastPollAt() {
    return lastPollAt;
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      try {
        wakeup.await(pollOnce());
      } catch (InterruptedException e) {
        if (!running.getAsBoolean()) {
          return;
        }
      }
    }
  }

  /** Claims and dispatches once; returns how long to wait before the next poll. */
  private Duration pollOnce() {
    int free = freeWorkers.availablePermits();
    if (free == 0) {
      return config.pollInterval(); // a finishing worker wakes us
    }
    try {
      List<ClaimedJob> claims = store.claimDue(config.nodeId(), types, free, config.lease());
      lastPollAt = config.clock().instant();
      for (ClaimedJob claim : claims) {
        freeWorkers.acquireUninterruptibly();
        RunHandle handle = new RunHandle(claim);
        inFlight.add(handle);
        workers.execute(() -> work.accept(handle));
      }
      if (claims.size() == free) {
        return Duration.ZERO; // there may be more due work
      }
      Optional<Instant> next = store.nextDueAt(types);
      storeErrors.succeeded();
      backoff.onSuccess();
      return next.map(this::untilDue).orElse(config.pollInterval());
    } catch (RuntimeException e) {
      storeErrors.failed("claim", e);
      return backoff.onFailure();
    }
  }

  private Duration untilDue(Instant due) {
    Duration wait = Duration.between(config.clock().instant(), due);
    if (wait.compareTo(MIN_WAIT) < 0) {
      return MIN_WAIT; // clocks of node and store may differ slightly
    }
    return wait.compareTo(config.pollInterval()) < 0 ? wait : config.pollInterval();
  }
}
