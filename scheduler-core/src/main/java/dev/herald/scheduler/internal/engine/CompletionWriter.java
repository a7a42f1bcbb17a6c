package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Writes completions in batches (one store call per batch), retrying through store failures until
 * they are durable: a completion is never dropped while this node lives, and the claim stays in
 * {@link InFlight} (its lease renewed) until then. Runs on its own thread. Threadsafe.
 */
final class CompletionWriter implements Runnable {
  private static final Logger log = Loggers.SCHEDULER;
  private static final int MAX_BATCH = 256;

  /** A completion and its place in submission order. */
  private record Pending(Completion completion, long seq) {}

  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final JobStore store;
  private final InFlight inFlight;
  private final Listeners listeners;
  private final StoreErrors storeErrors;
  private final Wakeup wakeup;
  private final StoreBackoff backoff;
  private volatile boolean closing;
  private volatile long giveUpAtNanos = Long.MAX_VALUE;
  private volatile int inProgress;
  private long submitted; // guarded by this
  private long written; // guarded by this: every completion up to this seq is written or abandoned

  CompletionWriter(JobStore store, InFlight inFlight, Listeners listeners, StoreErrors storeErrors,
      Wakeup wakeup, Duration maxBackoff) {
    this.store = store;
    this.inFlight = inFlight;
    this.listeners = listeners;
    this.storeErrors = storeErrors;
    this.wakeup = wakeup;
    this.backoff = new StoreBackoff(maxBackoff);
  }

  /** Queues {@code completion} for writing. */
  synchronized void submit(Completion completion) {
    queue.add(new Pending(completion, ++submitted)); // under the lock: queue order = seq order
  }

  /**
   * Waits until every completion submitted before this call has been written (or abandoned at
   * close), for at most {@code timeout}.
   *
   * @return whether they were
   * @throws InterruptedException if interrupted while waiting
   */
  synchronized boolean awaitWritten(Duration timeout) throws InterruptedException {
    long target = submitted;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (written < target) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      wait(Math.max(1, remaining / 1_000_000));
    }
    return true;
  }

  private synchronized void written(List<Pending> batch) {
    written = Math.max(written, batch.get(batch.size() - 1).seq());
    notifyAll();
  }

  /** Whether nothing is queued or being written. */
  boolean isIdle() {
    return queue.isEmpty() && inProgress == 0;
  }

  /**
   * Asks the writer to finish: it writes what is queued, then exits; store failures are retried
   * until {@code deadlineNanos} ({@link System#nanoTime()}), after which the rest is abandoned (those
   * leases expire and another node recovers the jobs).
   */
  void close(long deadlineNanos) {
    giveUpAtNanos = deadlineNanos;
    closing = true;
  }

  @Override
  public void run() {
    while (true) {
      Pending first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (first == null) {
        if (closing) {
          return;
        }
        continue;
      }
      List<Pending> batch = new ArrayList<>();
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      inProgress = batch.size();
      try {
        if (!write(batch)) {
          return;
        }
      } finally {
        inProgress = 0;
        written(batch);
      }
    }
  }

  /** Writes {@code batch} until durable; false if abandoned at the close deadline. */
  private boolean write(List<Pending> batch) {
    List<Completion> completions = batch.stream().map(Pending::completion).toList();
    while (true) {
      try {
        List<Boolean> applied = store.complete(completions);
        storeErrors.succeeded();
        backoff.onSuccess();
        report(completions, applied);
        return true;
      } catch (RuntimeException e) {
        storeErrors.failed("complete", e);
        if (closing && System.nanoTime() > giveUpAtNanos) {
          log.error("Abandoning {} completions at shutdown because the job store keeps failing; "
              + "their leases will expire and another node will recover the jobs: {}",
              completions.size(), completions.stream().map(c -> c.lease().jobId()).toList());
          completions.forEach(c -> inFlight.remove(c.lease()));
          return false;
        }
        try {
          Thread.sleep(backoff.onFailure().toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  private void report(List<Completion> completions, List<Boolean> applied) {
    boolean rescheduled = false;
    for (int i = 0; i < completions.size(); i++) {
      Completion c = completions.get(i);
      inFlight.remove(c.lease());
      if (applied.get(i)) {
        c.history().ifPresent(row -> listeners.onJobFinished(row, c.status()));
        rescheduled |= c.status() == JobStatus.SCHEDULED;
      } else {
        log.warn("Job {} lost its lease (fencing token {}) before its outcome was recorded; the "
            + "outcome was discarded and another node may run the job", c.lease().jobId(),
            c.lease().fencingToken());
        listeners.onLeaseLost(c.lease().jobId(), c.lease().fencingToken());
      }
    }
    if (rescheduled) {
      wakeup.signal(); // the poller re-reads the next due time
    }
  }
}
