package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Writes completions in batches, retrying through store failures until they are durable: a
 * completion is never dropped while this node lives, and the claim stays in {@link InFlight} (its
 * lease renewed) until then. The writer takes everything submitted while it wrote the previous
 * batch and writes it with one {@link JobStore#complete} call (at most {@value #MAX_BATCH} a
 * call); when idle it waits, and the next submission wakes it at once, so batching adds no delay.
 * Runs on its own thread. Threadsafe.
 */
final class CompletionWriter implements Runnable {
  private static final Logger log = Loggers.SCHEDULER;
  private static final int MAX_BATCH = 256;
  private static final long IDLE_CHECK_MS = 50;

  private final JobStore store;
  private final InFlight inFlight;
  private final Listeners listeners;
  private final StoreErrors storeErrors;
  private final Wakeup wakeup;
  private final StoreBackoff backoff;
  private volatile boolean closing;
  private volatile long giveUpAtNanos = Long.MAX_VALUE;
  // all guarded by this
  private List<Completion> pending = new ArrayList<>();
  private boolean writerWaiting;
  private int inProgress;
  private int awaiting;
  private long submitted;
  private long written; // every completion up to this count is written or abandoned

  CompletionWriter(JobStore store, InFlight inFlight, Listeners listeners, StoreErrors storeErrors,
      Wakeup wakeup, Duration maxBackoff) {
    this.store = store;
    this.inFlight = inFlight;
    this.listeners = listeners;
    this.storeErrors = storeErrors;
    this.wakeup = wakeup;
    this.backoff = new StoreBackoff(maxBackoff);
  }

  /** Queues {@code completion} for writing; wakes the writer if it is idle. */
  synchronized void submit(Completion completion) {
    pending.add(completion);
    submitted++;
    if (writerWaiting) {
      notifyAll();
    }
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
    awaiting++;
    try {
      while (written < target) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        wait(Math.max(1, remaining / 1_000_000));
      }
      return true;
    } finally {
      awaiting--;
    }
  }

  /** Everything submitted so far, in submission order, once there is some; null when closing. */
  private synchronized List<Completion> take() throws InterruptedException {
    while (pending.isEmpty()) {
      if (closing) {
        return null;
      }
      writerWaiting = true;
      try {
        wait(IDLE_CHECK_MS);
      } finally {
        writerWaiting = false;
      }
    }
    List<Completion> batch = pending;
    pending = new ArrayList<>(Math.min(batch.size() * 2, MAX_BATCH));
    inProgress = batch.size();
    return batch;
  }

  private synchronized void written(int count) {
    written += count;
    inProgress = 0;
    if (awaiting > 0) {
      notifyAll();
    }
  }

  /** Whether nothing is queued or being written. */
  synchronized boolean isIdle() {
    return pending.isEmpty() && inProgress == 0;
  }

  /**
   * Asks the writer to finish: it writes what is queued, then exits; store failures are retried
   * until {@code deadlineNanos} ({@link System#nanoTime()}), after which the rest is abandoned (those
   * leases expire and another node recovers the jobs).
   */
  void close(long deadlineNanos) {
    giveUpAtNanos = deadlineNanos;
    closing = true;
    synchronized (this) {
      notifyAll();
    }
  }

  @Override
  public void run() {
    while (true) {
      List<Completion> taken;
      try {
        taken = take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (taken == null) {
        return;
      }
      int done = 0;
      try {
        for (int from = 0; from < taken.size(); from += MAX_BATCH) {
          List<Completion> batch = taken.subList(from, Math.min(taken.size(), from + MAX_BATCH));
          boolean durable = write(batch);
          done += batch.size();
          if (!durable) {
            abandon(taken.subList(done, taken.size()));
            return;
          }
        }
      } finally {
        written(taken.size());
      }
    }
  }

  /** Gives up on completions not yet tried at a failed close: their leases will expire. */
  private void abandon(List<Completion> rest) {
    if (!rest.isEmpty()) {
      log.error("Abandoning {} more completions at shutdown: {}", rest.size(),
          rest.stream().map(c -> c.lease().jobId()).toList());
      rest.forEach(c -> inFlight.remove(c.lease()));
    }
  }

  /** Writes {@code completions} until durable; false if abandoned at the close deadline. */
  private boolean write(List<Completion> completions) {
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
