package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.RenewResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the leases of every claim in flight, tells a run to stop when its lease is gone, passes on
 * cancellation requests, and makes a run stop by itself when renewals keep failing for {@code lease
 * − renewInterval}, before its lease can expire and another node take the job over. Called
 * periodically from one thread.
 */
final class LeaseKeeper implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

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
          if (!h.isCompleting()) { // else the completion writer reports a refused completion
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
      storeErrors.failed("renew leases", e);
      for (RunHandle h : handles) {
        if (System.nanoTime() - h.leaseConfirmedNanos() > selfAbortNanos) {
          lost(h, "it could not be renewed for " + Duration.ofNanos(selfAbortNanos)
              + " and may expire");
        }
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
