package dev.herald.scheduler.internal.client;

import dev.herald.scheduler.Health;
import dev.herald.scheduler.InvalidJobStateException;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobNotFoundException;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.PayloadDecodingException;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.AdminResult;
import dev.herald.scheduler.spi.InsertResult;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.PayloadCodec;
import dev.herald.scheduler.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link SchedulerClient}: validation and id/payload/first-fire-time preparation in front of the
 * store, store results turned into exceptions that say what was wrong. Threadsafe.
 */
public final class DefaultSchedulerClient implements SchedulerClient {
  private final JobStore store;
  private final PayloadCodec codec;
  private final InstantSource clock;
  private final Consumer<Instant> onDue;

  /**
   * @param onDue told the next run time of every job scheduled or made due by this client, so an
   *     engine in the same JVM can wake up at once
   */
  public DefaultSchedulerClient(
      JobStore store, PayloadCodec codec, InstantSource clock, Consumer<Instant> onDue) {
    this.store = Preconditions.notNull(store, "store");
    this.codec = Preconditions.notNull(codec, "codec");
    this.clock = Preconditions.notNull(clock, "clock");
    this.onDue = Preconditions.notNull(onDue, "onDue");
  }

  @Override
  public JobSnapshot schedule(JobRequest request) {
    Preconditions.notNull(request, "request");
    InsertResult result = store.insert(NewJobs.from(request, codec, clock.instant()));
    if (result.created()) {
      notifyDue(result.job());
    }
    return result.job();
  }

  @Override
  public Optional<JobSnapshot> get(String id) {
    return store.find(Preconditions.notNull(id, "id"));
  }

  @Override
  public Page<JobSnapshot> list(JobQuery query) {
    return store.list(Preconditions.notNull(query, "query"));
  }

  @Override
  public JobSnapshot pause(String id) {
    return apply(id, new AdminCommand.Pause());
  }

  @Override
  public JobSnapshot resume(String id) {
    return notifyDue(apply(id, new AdminCommand.Resume()));
  }

  @Override
  public JobSnapshot runNow(String id) {
    return notifyDue(apply(id, new AdminCommand.RunNow(clock.instant())));
  }

  @Override
  public JobSnapshot cancel(String id) {
    return apply(id, new AdminCommand.Cancel());
  }

  @Override
  public JobSnapshot reschedule(String id, Trigger trigger) {
    Preconditions.notNull(trigger, "trigger");
    String spec = NewJobs.checkSpecRoundTrips(trigger);
    Instant now = clock.instant();
    Instant first = trigger.firstFireTime(now).orElseThrow(() -> new IllegalArgumentException(
        "trigger '" + spec + "' never fires after " + now + "; cannot reschedule job " + id));
    return notifyDue(apply(id, new AdminCommand.Reschedule(spec, first)));
  }

  @Override
  public JobSnapshot retry(String id) {
    return notifyDue(apply(id, new AdminCommand.Retry(clock.instant())));
  }

  @Override
  public JobSnapshot retry(String id, Set<String> stepsToRedo) {
    Preconditions.notNull(stepsToRedo, "stepsToRedo");
    return notifyDue(apply(id, new AdminCommand.Retry(clock.instant(), stepsToRedo)));
  }

  @Override
  public JobSnapshot updatePayload(String id, Object payload) {
    Preconditions.notNull(payload, "payload");
    return apply(id, new AdminCommand.UpdatePayload(codec.encode(payload)));
  }

  @Override
  public JobSnapshot resolve(String id, Map<String, ?> steps, String note) {
    Preconditions.notNull(steps, "steps");
    Map<String, String> encoded = new LinkedHashMap<>();
    steps.forEach((name, value) -> encoded.put(name, codec.encode(value)));
    return apply(id, new AdminCommand.Resolve(encoded, Preconditions.notNull(note, "note")));
  }

  @Override
  public <T> T payload(String id, Class<T> type) {
    Preconditions.notNull(type, "type");
    JobSnapshot job = get(id).orElseThrow(() -> new JobNotFoundException(id));
    String payload = job.payload().orElseThrow(() -> new PayloadDecodingException(id, type));
    try {
      return codec.decode(payload, type);
    } catch (RuntimeException e) {
      throw new PayloadDecodingException(id, type, e);
    }
  }

  @Override
  public <T> Optional<T> step(String id, String name, Class<T> type) {
    Preconditions.notNull(type, "type");
    String stored = store.steps(Preconditions.notNull(id, "id")).get(name);
    if (stored == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(codec.decode(stored, type));
    } catch (RuntimeException e) {
      throw new PayloadDecodingException(id + " (step '" + name + "')", type, e);
    }
  }

  @Override
  public Page<JobAttempt> history(String id, int offset, int limit) {
    Preconditions.notNull(id, "id");
    Page<JobAttempt> page = store.history(id, offset, limit);
    if (page.items().isEmpty() && offset == 0 && store.find(id).isEmpty()) {
      throw new JobNotFoundException(id);
    }
    return page;
  }

  @Override
  public SchedulerStats stats() {
    return store.stats(10);
  }

  @Override
  public Health health() {
    try {
      SchedulerStats stats = stats();
      return new Health(
          Health.Status.UP,
          "client",
          false,
          Optional.empty(),
          0,
          0,
          0,
          stats.oldestDueLag(),
          "store reachable");
    } catch (RuntimeException e) {
      return new Health(
          Health.Status.DOWN,
          "client",
          false,
          Optional.empty(),
          1,
          0,
          0,
          Duration.ZERO,
          "store unreachable: " + e);
    }
  }

  private JobSnapshot apply(String id, AdminCommand command) {
    Preconditions.notNull(id, "id");
    AdminResult result = store.apply(id, command);
    if (result instanceof AdminResult.Applied applied) {
      return applied.job();
    }
    if (result instanceof AdminResult.WrongStatus wrong) {
      throw new InvalidJobStateException(command.name(), id, wrong.current(), command.appliesTo());
    }
    throw new JobNotFoundException(id);
  }

  private JobSnapshot notifyDue(JobSnapshot job) {
    job.nextRunAt().ifPresent(onDue);
    return job;
  }

  @Override
  public String toString() {
    return "SchedulerClient[store=" + store + ", codec=" + codec.name() + "]";
  }
}
