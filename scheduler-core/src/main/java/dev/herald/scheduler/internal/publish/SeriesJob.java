package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.internal.publish.Payloads.Publication;
import dev.herald.scheduler.internal.publish.Payloads.Series;
import dev.herald.scheduler.internal.publish.Payloads.TargetData;
import dev.herald.scheduler.publish.Publishing;
import java.time.Instant;

/**
 * A recurring post: at each occurrence it creates one publication per target, as follow-ups
 * committed with its own completion. Their ids are derived from the occurrence, so an occurrence
 * is published once even if this job runs for it twice. Threadsafe (stateless).
 */
public final class SeriesJob implements Job {

  @Override
  public void execute(JobContext ctx) {
    Series series = ctx.payload(Series.class);
    Instant occurrence = ctx.scheduledAt();
    for (TargetData t : series.targets()) {
      Publication publication = new Publication(series.postId(), series.revision(),
          occurrence.toString(), t.toTarget(), series.post());
      ctx.enqueue(JobRequest.builder(Publishing.PUBLISH_TYPE)
          .id(JobIds.publication(series.postId(), occurrence, t.toTarget()))
          .payload(publication)
          .runAt(occurrence)
          .build());
    }
  }
}
