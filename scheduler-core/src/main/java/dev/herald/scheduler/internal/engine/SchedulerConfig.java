package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.PayloadCodec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * A scheduler's effective configuration, as built by {@code SchedulerBuilder}. Immutable.
 *
 * @param store the job store
 * @param clock the clock for local deadlines and history timestamps
 * @param codec the payload codec
 * @param nodeId this node's id
 * @param threads worker threads
 * @param maxQueuedPerThread claimed jobs that may wait for a worker, per worker thread
 * @param pollInterval the longest the poller sleeps between claims
 * @param lease lease duration
 * @param renewInterval how often leases are renewed
 * @param sweepInterval how often expired leases are looked for (and retention applied)
 * @param shutdownGrace how long close() lets running jobs finish before interrupting them
 * @param retention how long finished jobs and history rows are kept
 * @param maxStoreBackoff the longest wait after store errors
 * @param registrations job types by name, in registration order
 * @param startupJobs jobs ensured at start
 * @param listeners listeners, in registration order
 */
public record SchedulerConfig(
    JobStore store,
    InstantSource clock,
    PayloadCodec codec,
    String nodeId,
    int threads,
    int maxQueuedPerThread,
    Duration pollInterval,
    Duration lease,
    Duration renewInterval,
    Duration sweepInterval,
    Duration shutdownGrace,
    Duration retention,
    Duration maxStoreBackoff,
    Map<String, JobRegistration> registrations,
    List<JobRequest> startupJobs,
    List<SchedulerListener> listeners) {

  public SchedulerConfig {
    registrations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(registrations));
    startupJobs = List.copyOf(startupJobs);
    listeners = List.copyOf(listeners);
  }

  /** The most claimed jobs that may wait for a worker on this node. */
  int maxQueued() {
    return (int) Math.min(Integer.MAX_VALUE, (long) threads * maxQueuedPerThread);
  }

  /** The one INFO line describing this configuration. */
  String describe() {
    return "node=" + nodeId + ", threads=" + threads + ", maxQueuedPerThread="
        + maxQueuedPerThread + ", pollInterval=" + pollInterval
        + ", lease=" + lease + " (renewed every " + renewInterval + "), sweepInterval="
        + sweepInterval + ", shutdownGrace=" + shutdownGrace + ", retention=" + retention
        + ", store=" + store + ", codec=" + codec.name() + ", jobTypes=" + registrations.keySet();
  }
}
