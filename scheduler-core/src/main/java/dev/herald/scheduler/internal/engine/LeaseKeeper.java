package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.RenewResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Renews the leases of every claim in flight, tells a run to stop when its lease is gone, passes on
 * cancellation requests, and makes a run stop by itself when its lease has not been confirmed for
 * {@code lease − renewInterval}, before the lease can expire and another node take the job over.
 *
 * <p>{@link #run()} renews; {@link #watch()} enforces the self-stop and is called every quarter
 * renew interval on its own thread, independently of renewals: a renewal that hangs (a dead
 * connection waiting for its socket timeout) cannot delay it, and the stop comes at least three
 * quarters of a renew interval before the lease can expire, whatever the phase of the renewals.
 */
final class LeaseKeeper implements Runnable {
  private static final Logger log = Loggers.SCHEDULER;

  private final JobStore store;
  private final InFlight inFlight;
  private final Listeners listeners;
  private final StoreErrors storeErrors;
  private final Duration lease;
  private final long selfAbortNanos;

  LeaseKeeper(JobStore store, InFlight inFlight, Listeners listeners, StoreErrors storeErrors,
      Duration lease, Duration renewInterval) {
    this.store = store;
    this.inFlight = inFlight;
    this.listeners = listeners;
    this.storeErrors = storeErrors;
    this.lease = lease;
    this.selfAbortNanos = lease.minus(renewInterval).toNanos();
  }

  /** How often {@link #watch()} should run for {@code renewInterval}. */
  static Duration watchInterval(Duration renewInterval) {
    Duration quarter = renewInterval.dividedBy(4);
    return quarter.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : quarter;
  }

  @Override
  public void run() {
    List<RunHandle> handles = new ArrayList<>();
    for (RunHandle h : inFlight.all()) {
      if (!h.isLeaseLost()) {
        handles.add(h);
      }
    }
    if (handles.isEmpty()) {
      return;
    }
    long startedNanos = System.nanoTime();
    try {
      RenewResult result = store.renew(handles.stream().map(RunHandle::lease).toList(), lease);
      storeErrors.succeeded();
      for (RunHandle h : handles) {
        if (result.lost().contains(h.lease())) {
          if (h.isDone()) {
            // no run to stop; the completion writer reports whether its outcome was recorded (a
            // completion whose commit reported an error may have been)
            h.markLeaseLost();
          } else {
            lost(h, "the store no longer holds it");
          }
        } else {
          h.leaseConfirmed(startedNanos);
        }
      }
      for (Map.Entry<String, PendingAction> e : result.pendingActions().entrySet()) {
        if (e.getValue() == PendingAction.CANCEL) {
          handles.stream().filter(h -> h.lease().jobId().equals(e.getKey()))
              .forEach(RunHandle::markCancelRequested);
        }
      }
    } catch (RuntimeException e) {
      storeErrors.failed("renew leases", e); // watch() stops the runs if this goes on
    }
  }

  /**
   * Tells every run whose lease was not confirmed for {@code lease − renewInterval} to stop. Runs
   * that are over are left alone: there is nothing to stop, and their leases stay renewed until
   * their outcomes are durable.
   */
  void watch() {
    long now = System.nanoTime();
    for (RunHandle h : inFlight.all()) {
      if (!h.isLeaseLost() && !h.isDone() && now - h.leaseConfirmedNanos() > selfAbortNanos) {
        lost(
            h,
            "it could not be renewed for " + Duration.ofNanos(selfAbortNanos) + " and may expire");
      }
    }
  }

  private void lost(RunHandle handle, String why) {
    LeaseRef ref = handle.lease();
    log.warn("Job {} lost its lease (fencing token {}): {}; telling the run to stop", ref.jobId(),
        ref.fencingToken(), why);
    handle.markLeaseLost();
    listeners.onLeaseLost(ref.jobId(), ref.fencingToken());
  }
}
