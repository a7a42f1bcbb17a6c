package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts and lag, for dashboards and alerts.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param asOf the store time the figures were read at
 * @param countsByStatus how many jobs are in each status (every status present, zero if none)
 * @param dueByType how many SCHEDULED jobs are due now, per type
 * @param upcoming the next SCHEDULED jobs by next run time
 * @param oldestDueAt the next run time of the longest-waiting due job; empty if none is due
 */
public record SchedulerStats(
    Instant asOf,
    Map<JobStatus, Long> countsByStatus,
    Map<String, Long> dueByType,
    List<JobSnapshot> upcoming,
    Optional<Instant> oldestDueAt) {

  /**
   * Checks and copies the components; statuses missing from {@code countsByStatus} count zero.
   *
   * @param asOf the store time the figures were read at
   * @param countsByStatus how many jobs are in each status
   * @param dueByType how many SCHEDULED jobs are due now, per type
   * @param upcoming the next SCHEDULED jobs by next run time
   * @param oldestDueAt the next run time of the longest-waiting due job, or empty
   * @throws NullPointerException if a component is null
   */
  public SchedulerStats {
    Preconditions.notNull(asOf, "asOf");
    EnumMap<JobStatus, Long> all = new EnumMap<>(JobStatus.class);
    for (JobStatus s : JobStatus.values()) {
      all.put(s, 0L);
    }
    all.putAll(Preconditions.notNull(countsByStatus, "countsByStatus"));
    countsByStatus = Map.copyOf(all);
    dueByType = Map.copyOf(Preconditions.notNull(dueByType, "dueByType"));
    upcoming = List.copyOf(Preconditions.notNull(upcoming, "upcoming"));
    Preconditions.notNull(oldestDueAt, "oldestDueAt");
  }

  /**
   * How many jobs are in {@code status}.
   *
   * @param status the status
   * @return the number of jobs in that status, 0 or more
   */
  public long count(JobStatus status) {
    return countsByStatus.get(status);
  }

  /**
   * How long the longest-waiting due job has waited: zero when nothing is due. A lag that keeps
   * growing means the workers cannot keep up, or no node runs that job's type.
   *
   * @return the lag, zero when nothing is due
   */
  public Duration oldestDueLag() {
    return oldestDueAt
        .filter(due -> !due.isAfter(asOf))
        .map(due -> Duration.between(due, asOf))
        .orElse(Duration.ZERO);
  }
}
