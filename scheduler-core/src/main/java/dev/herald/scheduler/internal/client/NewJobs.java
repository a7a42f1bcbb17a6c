package dev.herald.scheduler.internal.client;

import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.spi.PayloadCodec;
import dev.herald.scheduler.trigger.Trigger;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Instant;
import java.util.UUID;

/** Turns {@link JobRequest}s into {@link NewJob}s: id, encoded payload, first fire time. */
public final class NewJobs {
  private NewJobs() {}

  /**
   * The job to insert for {@code request} scheduled at {@code now}.
   *
   * @throws IllegalArgumentException if the payload cannot be encoded, the trigger never fires, or
   *     its spec does not parse back to an equal trigger
   */
  public static NewJob from(JobRequest request, PayloadCodec codec, Instant now) {
    Trigger trigger = request.trigger().orElseGet(() -> Triggers.once(now));
    String spec = checkSpecRoundTrips(trigger);
    Instant first = trigger.firstFireTime(now).orElseThrow(() -> new IllegalArgumentException(
        "trigger '" + spec + "' of job type '" + request.type() + "' never fires after " + now));
    String payload = request.payload().map(p -> encode(codec, request, p)).orElse(null);
    return new NewJob(
        request.id().orElseGet(() -> UUID.randomUUID().toString()),
        request.type(),
        payload,
        spec,
        request.priority(),
        request.misfirePolicy().spec(),
        request.uniqueKey().orElse(null),
        first,
        JobStatus.SCHEDULED);
  }

  /**
   * The trigger's spec, after checking that it parses back to an equal trigger (a custom trigger
   * could not be rebuilt from the store otherwise).
   */
  public static String checkSpecRoundTrips(Trigger trigger) {
    String spec = trigger.spec();
    Trigger parsed;
    try {
      parsed = Triggers.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("trigger " + trigger.getClass().getName() + " has spec '"
          + spec + "', which Triggers.parse cannot read back: " + e.getMessage(), e);
    }
    if (!parsed.equals(trigger)) {
      throw new IllegalArgumentException("trigger spec '" + spec + "' parses to " + parsed
          + ", not to the trigger given (" + trigger + ")");
    }
    return spec;
  }

  private static String encode(PayloadCodec codec, JobRequest request, Object payload) {
    try {
      return codec.encode(payload);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("payload of job type '" + request.type()
          + "' cannot be encoded by codec '" + codec.name() + "': " + e.getMessage(), e);
    }
  }
}
