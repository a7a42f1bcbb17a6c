package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.SchedulerException;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.trigger.Trigger;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * At start: ensures the builder's startup jobs exist with their current triggers (and runs those
 * that ask to run at start), then logs the jobs this node knows with their next run times.
 */
final class StartupJobs {
  private static final Logger log = Loggers.SCHEDULER;
  private static final int SHOWN_PER_TYPE = 5;

  private StartupJobs() {}

  static void ensure(SchedulerConfig config, SchedulerClient client) {
    for (JobRequest request : config.startupJobs()) {
      String id = request.id().orElseThrow();
      try {
        ensureOne(client, request, id);
      } catch (RuntimeException e) {
        throw new SchedulerException("could not ensure startup job '" + id + "' (type '"
            + request.type() + "') in store " + config.store() + ": " + e.getMessage(), e);
      }
    }
  }

  private static void ensureOne(SchedulerClient client, JobRequest request, String id) {
    Optional<JobSnapshot> existing = client.get(id);
    JobSnapshot job;
    if (existing.isEmpty()) {
      job = client.schedule(request);
      log.debug("Created startup job {}", job);
    } else {
      job = existing.get();
      Optional<Trigger> wanted = request.trigger();
      if (wanted.isPresent() && !wanted.get().spec().equals(job.triggerSpec())
          && job.status() != JobStatus.RUNNING && job.status() != JobStatus.CANCELLED) {
        log.info("Startup job {} changed trigger from '{}' to '{}'", id, job.triggerSpec(),
            wanted.get().spec());
        job = client.reschedule(id, wanted.get());
      }
    }
    if (request.runAtStart() && job.status() == JobStatus.SCHEDULED) {
      client.runNow(id);
    }
  }

  /** Logs, per registered type, its pending jobs with their next run times. */
  static void logKnownJobs(SchedulerConfig config, SchedulerClient client) {
    StringBuilder table = new StringBuilder(String.format("%n  %-24s %-38s %-9s %-34s %s", "type",
        "id", "status", "trigger", "next run"));
    for (String type : config.registrations().keySet()) {
      Page<JobSnapshot> page = client.list(JobQuery.builder().type(type)
          .status(JobStatus.SCHEDULED, JobStatus.PAUSED, JobStatus.RUNNING)
          .limit(SHOWN_PER_TYPE).build());
      if (page.items().isEmpty()) {
        table.append(String.format("%n  %-24s (no pending jobs)", type));
      }
      for (JobSnapshot job : page.items()) {
        table.append(String.format("%n  %-24s %-38s %-9s %-34s %s", type, job.id(),
            job.status(), job.triggerSpec(), job.nextRunAt().map(Instant::toString).orElse("-")));
      }
      if (page.hasMore()) {
        table.append(String.format("%n  %-24s … more pending jobs", type));
      }
    }
    log.info("Herald node {} knows these jobs:{}", config.nodeId(), table);
  }
}
