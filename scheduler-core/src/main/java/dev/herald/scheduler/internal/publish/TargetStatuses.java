package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.internal.publish.Payloads.Intent;
import dev.herald.scheduler.internal.publish.Payloads.Result;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import java.util.Optional;

/** A publication's {@link TargetStatus}, derived from its job, its steps and its history. */
final class TargetStatuses {
  private static final int HISTORY = 50;

  private TargetStatuses() {}

  static TargetStatus of(SchedulerClient client, JobSnapshot job) {
    JobIds.Parsed id = JobIds.parse(job.id());
    Optional<Result> result = client.step(job.id(), PublishJob.RESULT, Result.class);
    Optional<Intent> intent = client.step(job.id(), PublishJob.INTENT, Intent.class);
    TargetState state = switch (job.status()) {
      case COMPLETED -> TargetState.PUBLISHED;
      case CANCELLED -> TargetState.CANCELLED;
      case FAILED -> TargetState.FAILED;
      case NEEDS_REVIEW -> TargetState.NEEDS_REVIEW;
      case RUNNING -> TargetState.PUBLISHING;
      case SCHEDULED, PAUSED ->
          intent.filter(Intent::sending).isPresent() ? TargetState.PUBLISHING
              : TargetState.SCHEDULED;
    };
    return new TargetStatus(id.target(), id.occurrence(), state,
        result.map(Result::remoteId).orElse(null),
        result.map(Result::uri).orElse(null),
        job.attempt(),
        job.nextRunAt().orElse(null),
        job.lastError().orElse(null),
        job.id(),
        client.history(job.id(), 0, HISTORY).items());
  }
}
