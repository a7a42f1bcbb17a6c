package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.internal.publish.Payloads.Intent;
import dev.herald.scheduler.publish.PublishProgress;
import java.util.Map;
import java.util.Optional;

/**
 * The durable {@link PublishProgress} of the attempt an {@link Intent} describes: each record
 * rewrites the intent, with the new entry, as checkpoint {@value PublishJob#INTENT} before it
 * returns, so a later run on any node reads it with the intent. {@link #intent()} is the intent as
 * last stored; the publishing job continues from it after the call.
 *
 * <p>Threadsafe: the intent is guarded by this object's lock, so records from two threads are
 * stored one after the other. The job context is used only by the run that created this object.
 */
final class IntentProgress implements PublishProgress {
  private final JobContext ctx;
  private Intent intent;

  /** The progress of {@code intent}, as it is stored now. */
  IntentProgress(JobContext ctx, Intent intent) {
    this.ctx = ctx;
    this.intent = intent;
  }

  /** The intent as last stored, with every entry recorded. */
  synchronized Intent intent() {
    return intent;
  }

  @Override
  public synchronized Optional<String> get(String name) {
    Preconditions.notNull(name, "name");
    return Optional.ofNullable(intent.progress().get(name));
  }

  @Override
  public synchronized void record(String name, String value) {
    Map<String, String> next = ProgressEntries.with(intent.progress(), name, value);
    if (next.equals(intent.progress())) {
      return; // stored already
    }
    Intent updated = intent.withProgress(next);
    ctx.checkpoint(PublishJob.INTENT, updated); // durable before the adapter calls on
    intent = updated;
  }

  /** Forgets every entry (durably, if there was one): the next call starts a fresh attempt. */
  synchronized void clear() {
    if (!intent.progress().isEmpty()) {
      Intent updated = intent.withProgress(Map.of());
      ctx.checkpoint(PublishJob.INTENT, updated);
      intent = updated;
    }
  }

  @Override
  public synchronized String toString() {
    return "PublishProgress[intent " + intent.key() + "]" + intent.progress();
  }
}
