package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The claim loop: keeps a local queue of claimed jobs waiting for a worker, at most {@link
 * SchedulerConfig#maxQueued()} of them, and claims a batch to fill it whenever it falls below a
 * low-water mark (a quarter of the bound) while due work remains, so that one claim serves many
 * runs; then sleeps until the next due time, the poll interval, or a wakeup, whichever comes
 * first. A wakeup (work scheduled due now, or rescheduled) tops the queue up at once.
 *
 * <p>Queued jobs are in {@link InFlight} from their claim, so the lease keeper renews their leases
 * while they wait, and the engine hands back those still waiting when it stops. Runs on its own
 * thread; {@link #dequeued()} is called by the workers. Threadsafe.
 */
final class Poller implements Runnable {
  private static final Duration MIN_WAIT = Duration.ofMillis(20);

  private final SchedulerConfig config;
  private final JobStore store;
  private final Set<String> types;
  private final Executor workers;
  private final InFlight inFlight;
  private final Consumer<RunHandle> work;
  private final Wakeup wakeup;
  private final StoreErrors storeErrors;
  private final BooleanSupplier running;
  private final StoreBackoff backoff;
  private final int maxQueued;
  private final int lowWater;
  /** Claimed jobs handed to the workers that no worker has taken up yet. */
  private final AtomicInteger queued = new AtomicInteger();
  /** Whether the last claim filled the queue, so more work may be due. */
  private volatile boolean moreDue;
  private volatile Instant lastPollAt;

  Poller(SchedulerConfig config, Executor workers, InFlight inFlight, Consumer<RunHandle> work,
      Wakeup wakeup, StoreErrors storeErrors, BooleanSupplier running) {
    this.config = config;
    this.store = config.store();
    this.types = config.registrations().keySet();
    this.workers = workers;
    this.inFlight = inFlight;
    this.work = work;
    this.wakeup = wakeup;
    this.storeErrors = storeErrors;
    this.running = running;
    this.backoff = new StoreBackoff(config.maxStoreBackoff());
    this.maxQueued = config.maxQueued();
    // claims of three quarters of the bound or more: under load, claims are few and large
    this.lowWater = Math.max(1, maxQueued / 4);
  }

  /** When the poller last asked the store for due work, or null. */
  Instant lastPollAt() {
    return lastPollAt;
  }

  /** How many claimed jobs wait for a worker. */
  int queued() {
    return queued.get();
  }

  /**
   * A worker took up a queued claim (to run it, or to drop it because it was handed back or its
   * lease lost). Wakes the poller once the queue falls below the low-water mark while due work
   * remains.
   */
  void dequeued() {
    if (queued.decrementAndGet() == lowWater - 1 && moreDue) {
      wakeup.signal();
    }
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
    int room = maxQueued - queued.get();
    if (room <= 0) {
      return config.pollInterval(); // a worker wakes us at the low-water mark
    }
    try {
      List<ClaimedJob> claims = store.claimDue(config.nodeId(), types, room, config.lease());
      lastPollAt = config.clock().instant();
      boolean full = claims.size() == room;
      moreDue = full; // before the workers can take up these claims and reach the mark
      for (ClaimedJob claim : claims) {
        RunHandle handle = new RunHandle(claim);
        inFlight.add(handle);
        queued.incrementAndGet();
        workers.execute(() -> work.accept(handle));
      }
      if (full) {
        storeErrors.succeeded();
        backoff.onSuccess();
        // the workers may have drained the queue while the claim ran, past the mark
        return queued.get() < lowWater ? Duration.ZERO : config.pollInterval();
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
