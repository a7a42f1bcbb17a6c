package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.spi.RecoveredJob;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Periodic housekeeping: takes over jobs whose node died (expired leases) and completes them by
 * their type's recovery policy, applies retention, reports due jobs of types this node does not
 * know, and samples the due-work lag for health. Called periodically from one thread.
 */
final class Sweeper implements Runnable {
  private static final Logger log = Loggers.SCHEDULER;
  private static final int BATCH = 100;
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
  private static final Duration REPEAT_UNKNOWN_REPORT = Duration.ofMinutes(10);

  private final SchedulerConfig config;
  private final JobRunner runner;
  private final CompletionWriter writer;
  private final Listeners listeners;
  private final StoreErrors storeErrors;
  private final Set<String> types;
  private volatile Duration oldestDueLag = Duration.ZERO;
  private Instant lastPurge = Instant.MIN;
  private Map<String, Long> lastUnknown = Map.of();
  private Instant lastUnknownReport = Instant.MIN;

  Sweeper(SchedulerConfig config, JobRunner runner, CompletionWriter writer, Listeners listeners,
      StoreErrors storeErrors) {
    this.config = config;
    this.runner = runner;
    this.writer = writer;
    this.listeners = listeners;
    this.storeErrors = storeErrors;
    this.types = config.registrations().keySet();
  }

  @Override
  public void run() {
    try {
      recoverExpired();
      SchedulerStats stats = config.store().stats(0);
      oldestDueLag = stats.oldestDueLag();
      reportUnknownTypes(stats.dueByType());
      purgeIfDue();
      storeErrors.succeeded();
    } catch (RuntimeException e) {
      storeErrors.failed("sweep", e);
    }
  }

  /** The due-work lag seen by the last sweep. */
  Duration oldestDueLag() {
    return oldestDueLag;
  }

  /**
   * Takes over expired leases, but first waits (up to a sweep interval) for this node's own
   * completions to be written: after the store was unreachable for longer than a lease, the expired
   * leases include this node's own, whose outcomes it is still holding; taking those over would run
   * finished jobs again. If the completions cannot be written yet, recovery waits for a later
   * sweep.
   */
  private void recoverExpired() {
    try {
      if (!writer.awaitWritten(config.sweepInterval())) {
        log.debug("Not taking over expired leases yet: this node's completions are not written");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    List<RecoveredJob> recovered;
    do {
      recovered = config.store().claimExpired(config.nodeId(), types, BATCH, config.lease());
      for (RecoveredJob r : recovered) {
        log.warn("Job {} ({}) recovered: the lease of node {} expired at {}", r.claim().job().id(),
            r.claim().job().type(), r.previousOwner(), r.expiredAt());
        writer.submit(runner.recover(r));
      }
    } while (recovered.size() == BATCH);
  }

  private void reportUnknownTypes(Map<String, Long> dueByType) {
    Map<String, Long> unknown = new TreeMap<>(dueByType);
    unknown.keySet().removeAll(types);
    InstantSource clock = config.clock();
    Instant now = clock.instant();
    if (unknown.isEmpty()) {
      lastUnknown = Map.of();
      return;
    }
    if (unknown.keySet().equals(lastUnknown.keySet())
        && now.isBefore(lastUnknownReport.plus(REPEAT_UNKNOWN_REPORT))) {
      return;
    }
    log.warn("Due jobs of types no handler on node {} is registered for (left untouched for a node "
        + "that knows them): {}", config.nodeId(), unknown);
    listeners.onUnknownJobTypes(unknown);
    lastUnknown = unknown;
    lastUnknownReport = now;
  }

  private void purgeIfDue() {
    Instant now = config.clock().instant();
    if (now.isBefore(lastPurge.plus(PURGE_EVERY))) {
      return;
    }
    lastPurge = now;
    int purged = config.store().purge(config.store().now().minus(config.retention()));
    if (purged > 0) {
      log.debug("Purged {} finished jobs older than {}", purged, config.retention());
    }
  }
}
