package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.internal.publish.Payloads.Intent;
import dev.herald.scheduler.internal.publish.Payloads.Result;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import java.util.Optional;
import java.util.Set;

/** A publication's {@link TargetStatus}, derived from its job, its steps and its history. */
final class TargetStatuses {
  private static final int HISTORY = 50;

  private TargetStatuses() {}

  static TargetStatus of(SchedulerClient client, JobSnapshot job) {
    JobIds.Parsed id = JobIds.parse(job.id());
    Optional<Result> result = client.step(job.id(), PublishJob.RESULT, Result.class);
    return new TargetStatus(id.target(), id.occurrence(), state(client, job),
        result.map(Result::remoteId).orElse(null),
        result.map(Result::uri).orElse(null),
        job.attempt(),
        job.nextRunAt().orElse(null),
        job.lastError().orElse(null),
        job.id(),
        client.history(job.id(), 0, HISTORY).items());
  }

  /**
   * The state of a publication's target. Only a SCHEDULED or PAUSED job needs a read (of its
   * intent: one whose call's outcome is unknown is PUBLISHING, waiting to replay).
   */
  static TargetState state(SchedulerClient client, JobSnapshot job) {
    return switch (job.status()) {
      case COMPLETED -> TargetState.PUBLISHED;
      case CANCELLED -> TargetState.CANCELLED;
      case FAILED -> TargetState.FAILED;
      case NEEDS_REVIEW -> TargetState.NEEDS_REVIEW;
      case RUNNING -> TargetState.PUBLISHING;
      case SCHEDULED, PAUSED ->
          client.step(job.id(), PublishJob.INTENT, Intent.class).filter(Intent::sending).isPresent()
              ? TargetState.PUBLISHING
              : TargetState.SCHEDULED;
    };
  }

  /** The statuses a publish job can have while its target is in {@code state}. */
  static Set<JobStatus> jobStatuses(TargetState state) {
    return switch (state) {
      case SCHEDULED -> Set.of(JobStatus.SCHEDULED, JobStatus.PAUSED);
      case PUBLISHING -> Set.of(JobStatus.RUNNING, JobStatus.SCHEDULED, JobStatus.PAUSED);
      case PUBLISHED -> Set.of(JobStatus.COMPLETED);
      case FAILED -> Set.of(JobStatus.FAILED);
      case NEEDS_REVIEW -> Set.of(JobStatus.NEEDS_REVIEW);
      case CANCELLED -> Set.of(JobStatus.CANCELLED);
    };
  }
}
