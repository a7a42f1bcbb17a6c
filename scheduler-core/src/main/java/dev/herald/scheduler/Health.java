package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a scheduler (or a client's store) is working, for a health endpoint.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param status UP, DEGRADED (working but the store is failing or work is lagging) or DOWN
 * @param nodeId the node, or {@code "client"} for a client without an engine
 * @param running whether the engine is started and not closed
 * @param lastPollAt when the engine last asked the store for due work; empty before the first poll
 *     and for a client without an engine
 * @param consecutiveStoreErrors store calls that failed in a row (0 when the store answers)
 * @param busyWorkers worker threads running a job now
 * @param threads worker threads in all
 * @param oldestDueLag how long the longest-waiting due job has waited
 * @param detail a short explanation of the status
 */
public record Health(
    Status status,
    String nodeId,
    boolean running,
    Optional<Instant> lastPollAt,
    int consecutiveStoreErrors,
    int busyWorkers,
    int threads,
    Duration oldestDueLag,
    String detail) {

  /** The overall verdict. */
  public enum Status {
    /** Working normally. */
    UP,
    /** Working, but the store is failing intermittently or due work is lagging. */
    DEGRADED,
    /** Not working: stopped, or the store cannot be reached. */
    DOWN
  }

  /**
   * Checks the components.
   *
   * @param status the verdict
   * @param nodeId the node, or {@code "client"}
   * @param running whether the engine is started and not closed
   * @param lastPollAt when the engine last polled; empty before the first poll and for a client
   * @param consecutiveStoreErrors store calls that failed in a row
   * @param busyWorkers worker threads running a job now
   * @param threads worker threads in all
   * @param oldestDueLag how long the longest-waiting due job has waited
   * @param detail a short explanation of the status
   * @throws NullPointerException if {@code status}, {@code nodeId}, {@code lastPollAt}, {@code
   *     oldestDueLag} or {@code detail} is null
   */
  public Health {
    Preconditions.notNull(status, "status");
    Preconditions.notNull(nodeId, "nodeId");
    Preconditions.notNull(lastPollAt, "lastPollAt");
    Preconditions.notNull(oldestDueLag, "oldestDueLag");
    Preconditions.notNull(detail, "detail");
  }
}
