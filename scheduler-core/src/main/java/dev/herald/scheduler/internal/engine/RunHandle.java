package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.LeaseRef;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One claimed job on this node, from claim to durable completion: what the lease keeper renews and
 * what it tells to stop. Flags are written by the engine's threads and read by the job's thread.
 * Threadsafe.
 */
final class RunHandle {
  private final ClaimedJob claim;
  private static final int NEW = 0;
  private static final int STARTED = 1;
  private static final int RELEASED = 2;

  private final AtomicInteger state = new AtomicInteger(NEW);
  private volatile Thread thread;
  private volatile boolean leaseLost;
  private volatile boolean cancelRequested;
  private volatile boolean shutdownInterrupted;
  private volatile boolean timedOut;
  private volatile boolean done;
  private volatile long leaseConfirmedNanos = System.nanoTime();

  RunHandle(ClaimedJob claim) {
    this.claim = claim;
  }

  ClaimedJob claim() {
    return claim;
  }

  LeaseRef lease() {
    return claim.lease();
  }

  /** Marks the run started on the current thread; false if it was released before starting. */
  synchronized boolean start() {
    if (!state.compareAndSet(NEW, STARTED)) {
      return false;
    }
    thread = Thread.currentThread();
    return true;
  }

  /** Releases a run that has not started; false if it already started. */
  boolean releaseIfNotStarted() {
    return state.compareAndSet(NEW, RELEASED);
  }

  /** Detaches the worker thread once the job's code has returned, so no late interrupt hits it. */
  synchronized void finish() {
    thread = null;
  }

  /** Interrupts the job's thread if it is still running the job's code. */
  synchronized void interrupt() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * The run is over (or was released unstarted) and its completion is being written: nothing is
   * left to stop, only the lease to keep until the outcome is durable.
   */
  void markDone() {
    done = true;
  }

  boolean isDone() {
    return done;
  }

  boolean isLeaseLost() {
    return leaseLost;
  }

  /** The lease is gone: stop the job. */
  void markLeaseLost() {
    leaseLost = true;
    interrupt();
  }

  boolean isCancelRequested() {
    return cancelRequested;
  }

  void markCancelRequested() {
    cancelRequested = true;
  }

  boolean isShutdownInterrupted() {
    return shutdownInterrupted;
  }

  /** The node is shutting down and the grace period is over. */
  void interruptForShutdown() {
    shutdownInterrupted = true;
    interrupt();
  }

  /** When the store last confirmed the lease, as {@link System#nanoTime()} at the renewal's start. */
  long leaseConfirmedNanos() {
    return leaseConfirmedNanos;
  }

  void leaseConfirmed(long nanos) {
    leaseConfirmedNanos = nanos;
  }

  boolean isTimedOut() {
    return timedOut;
  }

  /** The run exceeded its timeout. */
  void interruptForTimeout() {
    timedOut = true;
    interrupt();
  }
}
