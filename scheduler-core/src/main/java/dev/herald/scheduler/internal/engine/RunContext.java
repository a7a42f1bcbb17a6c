package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.LeaseLostException;
import dev.herald.scheduler.PayloadDecodingException;
import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.internal.client.NewJobs;
import dev.herald.scheduler.spi.BudgetResult;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.spi.PayloadCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The {@link JobContext} of one run. Used by the job's thread; flags readable from any thread. */
final class RunContext implements JobContext {
  private final RunHandle handle;
  private final JobSnapshot job;
  private final Instant scheduledAt;
  private final String nodeId;
  private final JobStore store;
  private final PayloadCodec codec;
  private final InstantSource clock;
  // allocated when first written: most runs write no step and enqueue nothing
  private Map<String, String> steps;
  private List<NewJob> followUps = List.of();
  private List<NewJob> outcomeFollowUps = List.of();

  RunContext(RunHandle handle, Instant scheduledAt, String nodeId, JobStore store,
      PayloadCodec codec, InstantSource clock) {
    this.handle = handle;
    this.job = handle.claim().job();
    this.scheduledAt = scheduledAt;
    this.nodeId = nodeId;
    this.store = store;
    this.codec = codec;
    this.clock = clock;
    this.steps = handle.claim().steps();
  }

  @Override
  public String jobId() {
    return job.id();
  }

  @Override
  public String type() {
    return job.type();
  }

  @Override
  public int attempt() {
    return job.attempt();
  }

  @Override
  public Instant scheduledAt() {
    return scheduledAt;
  }

  @Override
  public long fencingToken() {
    return job.fencingToken();
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public Optional<String> uniqueKey() {
    return job.uniqueKey();
  }

  @Override
  public Optional<String> rawPayload() {
    return job.payload();
  }

  @Override
  public <T> T payload(Class<T> type) {
    Preconditions.notNull(type, "type");
    String payload =
        job.payload().orElseThrow(() -> new PayloadDecodingException(job.id(), type));
    try {
      return codec.decode(payload, type);
    } catch (RuntimeException e) {
      throw new PayloadDecodingException(job.id(), type, e);
    }
  }

  @Override
  public boolean isLeaseValid() {
    return !handle.isLeaseLost();
  }

  @Override
  public boolean isCancellationRequested() {
    return handle.isCancelRequested();
  }

  @Override
  public <T> T step(String name, Class<T> type, Callable<T> action) throws Exception {
    Preconditions.notBlank(name, "step name");
    Preconditions.notNull(type, "type");
    Preconditions.notNull(action, "action");
    Optional<T> done = completedStep(name, type);
    if (done.isPresent()) {
      return done.get();
    }
    if (handle.isLeaseLost()) {
      throw new LeaseLostException(job.id(), job.fencingToken(), "step '" + name + "'");
    }
    T result = action.call();
    if (result == null) {
      throw new IllegalStateException(
          "step '" + name + "' of job " + job.id() + " returned null; a step must return a value");
    }
    store(name, result, "checkpoint of step '" + name + "'");
    return result;
  }

  @Override
  public void checkpoint(String name, Object value) {
    Preconditions.notBlank(name, "step name");
    Preconditions.notNull(value, "value");
    store(name, value, "checkpoint '" + name + "'");
  }

  private void store(String name, Object value, String what) {
    if (handle.isLeaseLost()) {
      throw new LeaseLostException(job.id(), job.fencingToken(), what);
    }
    String encoded = codec.encode(value);
    if (!store.saveStep(handle.lease(), name, encoded)) {
      handle.markLeaseLost();
      throw new LeaseLostException(job.id(), job.fencingToken(), what);
    }
    if (!(steps instanceof HashMap)) {
      steps = new HashMap<>(steps);
    }
    steps.put(name, encoded);
  }

  @Override
  public Optional<Instant> takeBudget(String budget, String use, int limit, Duration window) {
    String what = "use '" + use + "' of budget '" + budget + "'";
    if (handle.isLeaseLost()) {
      throw new LeaseLostException(job.id(), job.fencingToken(), what);
    }
    BudgetResult result = store.takeBudget(handle.lease(), budget, use, limit, window);
    if (result instanceof BudgetResult.Full full) {
      return Optional.of(full.until());
    }
    if (result instanceof BudgetResult.LeaseLost) {
      handle.markLeaseLost();
      throw new LeaseLostException(job.id(), job.fencingToken(), what);
    }
    return Optional.empty();
  }

  @Override
  public void releaseBudget(String budget, String use) {
    String what = "release of use '" + use + "' of budget '" + budget + "'";
    if (handle.isLeaseLost()) {
      throw new LeaseLostException(job.id(), job.fencingToken(), what);
    }
    if (!store.releaseBudget(handle.lease(), budget, use)) {
      handle.markLeaseLost();
      throw new LeaseLostException(job.id(), job.fencingToken(), what);
    }
  }

  @Override
  public <T> Optional<T> completedStep(String name, Class<T> type) {
    String stored = steps.get(name);
    if (stored == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(codec.decode(stored, type));
    } catch (RuntimeException e) {
      throw new PayloadDecodingException(job.id() + " (step '" + name + "')", type, e);
    }
  }

  @Override
  public void enqueue(JobRequest followUp) {
    Preconditions.notNull(followUp, "followUp");
    NewJob next = NewJobs.from(followUp, codec, clock.instant());
    if (followUps.isEmpty()) {
      followUps = new ArrayList<>();
    }
    followUps.add(next);
  }

  @Override
  public void enqueueWithOutcome(JobRequest followUp) {
    Preconditions.notNull(followUp, "followUp");
    NewJob next = NewJobs.from(followUp, codec, clock.instant());
    if (outcomeFollowUps.isEmpty()) {
      outcomeFollowUps = new ArrayList<>();
    }
    outcomeFollowUps.add(next);
  }

  /** The follow-up jobs to store with this run's success. */
  List<NewJob> followUps() {
    if (followUps.isEmpty() && outcomeFollowUps.isEmpty()) {
      return List.of();
    }
    List<NewJob> all = new ArrayList<>(followUps);
    all.addAll(outcomeFollowUps);
    return List.copyOf(all);
  }

  /** The follow-up jobs to store with this run's failure, retry, deferral or review. */
  List<NewJob> outcomeFollowUps() {
    return List.copyOf(outcomeFollowUps);
  }
}
