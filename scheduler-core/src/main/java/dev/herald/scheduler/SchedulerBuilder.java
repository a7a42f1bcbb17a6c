package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.internal.engine.BuilderAccess;
import dev.herald.scheduler.internal.engine.Engine;
import dev.herald.scheduler.internal.engine.JobRegistration;
import dev.herald.scheduler.internal.engine.NodeIds;
import dev.herald.scheduler.internal.engine.SchedulerConfig;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.PayloadCodec;
import dev.herald.scheduler.trigger.Trigger;
import jakarta.inject.Provider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configures and builds a {@link Scheduler}. Obtain one from {@link Scheduler#builder()}.
 *
 * <table>
 *   <caption>Settings and their defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>what it does</th></tr>
 *   <tr><td>{@link #store}</td><td>in memory</td><td>where jobs live</td></tr>
 *   <tr><td>{@link #threads}</td><td>4</td><td>jobs run at once on this node</td></tr>
 *   <tr><td>{@link #maxQueuedPerThread}</td><td>3</td><td>claimed jobs waiting for a worker,
 *       per thread: how far ahead this node claims</td></tr>
 *   <tr><td>{@link #pollInterval}</td><td>1 s</td><td>longest sleep between looks for due work
 *       (work scheduled through this scheduler's client wakes it at once)</td></tr>
 *   <tr><td>{@link #lease}</td><td>30 s, renewed every 10 s</td><td>how long a dead node's
 *       work waits before another node takes it over</td></tr>
 *   <tr><td>{@link #sweepInterval}</td><td>10 s</td><td>how often expired leases are looked
 *       for</td></tr>
 *   <tr><td>{@link #shutdownGrace}</td><td>30 s</td><td>how long {@code close()} lets running
 *       jobs finish before interrupting them</td></tr>
 *   <tr><td>{@link #retention}</td><td>7 days</td><td>how long finished jobs and history are
 *       kept</td></tr>
 *   <tr><td>{@link #codec}</td><td>JSON via Jackson if present, else strings</td><td>payload
 *       encoding</td></tr>
 *   <tr><td>{@link #clock}</td><td>system</td><td>for tests: a {@link
 *       dev.herald.scheduler.testing.ManualClock}</td></tr>
 * </table>
 *
 * <p>Not threadsafe: configure it on one thread, then {@link #build()}.
 */
public final class SchedulerBuilder {
  private JobStore store;
  private InstantSource clock = InstantSource.system();
  private PayloadCodec codec;
  private String nodeId;
  private int threads = 4;
  private int maxQueuedPerThread = 3;
  private Duration pollInterval = Duration.ofSeconds(1);
  private Duration lease = Duration.ofSeconds(30);
  private Duration renewInterval = Duration.ofSeconds(10);
  private Duration sweepInterval = Duration.ofSeconds(10);
  private Duration shutdownGrace = Duration.ofSeconds(30);
  private Duration retention = Duration.ofDays(7);
  private Duration maxStoreBackoff = Duration.ofSeconds(30);
  private final Map<String, JobRegistration> registrations = new LinkedHashMap<>();
  private final List<JobRequest> startupJobs = new ArrayList<>();
  private final List<SchedulerListener> listeners = new ArrayList<>();

  static {
    BuilderAccess.register(SchedulerBuilder::config);
  }

  SchedulerBuilder() {}

  /**
   * Registers a job type with the default {@link JobOptions}.
   *
   * @param type the job type, not blank
   * @param job the implementation, called for every run of the type
   * @return this builder
   */
  public SchedulerBuilder register(String type, Job job) {
    return register(type, job, JobOptions.defaults());
  }

  /**
   * Registers a job type.
   *
   * @param type the job type, not blank
   * @param job the implementation, called for every run of the type
   * @param options the retry, timeout and recovery options of the type
   * @return this builder
   * @throws IllegalStateException if the type is already registered
   */
  public SchedulerBuilder register(String type, Job job, JobOptions options) {
    Preconditions.notNull(job, "job");
    return register(type, () -> job, options);
  }

  /**
   * Registers a job type whose implementation a DI container provides: {@code provider.get()} is
   * called for every run.
   *
   * @param type the job type, not blank
   * @param provider the source of the implementation
   * @param options the retry, timeout and recovery options of the type
   * @return this builder
   * @throws IllegalStateException if the type is already registered
   */
  public SchedulerBuilder register(String type, Provider<? extends Job> provider,
      JobOptions options) {
    Preconditions.notBlank(type, "job type");
    Preconditions.notNull(provider, "provider");
    Preconditions.notNull(options, "options");
    Preconditions.checkState(!registrations.containsKey(type),
        "job type '" + type + "' was already registered");
    registrations.put(type, new JobRegistration(type, provider, options));
    return this;
  }

  /**
   * Registers a recurring job: type and id are both {@code name}. At start the job is created if
   * missing, or its trigger updated if it changed.
   *
   * @param name the job's type and id
   * @param trigger when it fires
   * @param job the implementation
   * @return this builder
   */
  public SchedulerBuilder recurring(String name, Trigger trigger, Job job) {
    return recurring(name, trigger, job, JobOptions.defaults());
  }

  /**
   * {@link #recurring(String, Trigger, Job)} with options.
   *
   * @param name the job's type and id
   * @param trigger when it fires
   * @param job the implementation
   * @param options the retry, timeout and recovery options of the type
   * @return this builder
   */
  public SchedulerBuilder recurring(String name, Trigger trigger, Job job, JobOptions options) {
    register(name, job, options);
    return schedule(JobRequest.builder(name).id(name).trigger(trigger).build());
  }

  /**
   * A job to ensure at every start: created if no job has its id, its trigger updated if it
   * changed, and run at once if it asks to {@linkplain JobRequest#runAtStart() run at start}.
   *
   * @param request the job, with an id
   * @return this builder
   * @throws IllegalArgumentException if the request has no id (restarts could not find it)
   */
  public SchedulerBuilder schedule(JobRequest request) {
    Preconditions.notNull(request, "request");
    Preconditions.checkArgument(request.id().isPresent(),
        "a startup job needs an id so restarts find it; type '" + request.type() + "' has none");
    startupJobs.add(request);
    return this;
  }

  /**
   * Where jobs live; default in memory. The scheduler {@linkplain JobStore#close() closes} the store
   * when it closes, which releases what the store opened itself and nothing else.
   *
   * @param store the store
   * @return this builder
   */
  public SchedulerBuilder store(JobStore store) {
    this.store = Preconditions.notNull(store, "store");
    return this;
  }

  /**
   * The clock for local deadlines and history timestamps; default the system clock.
   *
   * @param clock the clock
   * @return this builder
   */
  public SchedulerBuilder clock(InstantSource clock) {
    this.clock = Preconditions.notNull(clock, "clock");
    return this;
  }

  /**
   * How payloads and step results are encoded.
   *
   * @param codec the codec; by default JSON through Jackson if it is on the class path, else
   *     strings
   * @return this builder
   */
  public SchedulerBuilder codec(PayloadCodec codec) {
    this.codec = Preconditions.notNull(codec, "codec");
    return this;
  }

  /**
   * This node's id; default host name, process id and a random suffix, unique per start.
   *
   * @param nodeId the node id, not blank
   * @return this builder
   */
  public SchedulerBuilder nodeId(String nodeId) {
    this.nodeId = Preconditions.notBlank(nodeId, "nodeId");
    return this;
  }

  /**
   * Worker threads: how many jobs run at once on this node.
   *
   * @param threads the number of worker threads, 1 or more; default 4
   * @return this builder
   */
  public SchedulerBuilder threads(int threads) {
    this.threads = Preconditions.atLeast(threads, 1, "threads");
    return this;
  }

  /**
   * How many claimed jobs may wait on this node for a free worker, per worker thread. The node
   * claims due jobs in batches to keep this local queue filled (up to {@code threads ×
   * maxQueuedPerThread} jobs), topping it up when it falls below a quarter of that, so that a claim
   * and its store transaction serve many runs. Queued jobs are leased to this node: their leases
   * are renewed while they wait, they are handed back to the store when the node stops (without
   * counting an attempt), and if the node dies they are taken over once their lease expires, like
   * its running jobs. A larger value claims in larger batches; a smaller one leaves more due work to
   * other nodes and lets newly due work overtake less of the claimed work.
   *
   * <p>The claim size bounds the throughput of a node whose jobs are short: a claim taking 10 ms
   * that fills a queue of 30 lets at most about 3,000 jobs a second start.
   *
   * @param maxQueuedPerThread claimed jobs waiting per worker thread, 1 to 1,000; default 3
   * @return this builder
   * @throws IllegalArgumentException if {@code maxQueuedPerThread} is out of range
   */
  public SchedulerBuilder maxQueuedPerThread(int maxQueuedPerThread) {
    Preconditions.checkArgument(maxQueuedPerThread >= 1 && maxQueuedPerThread <= 1000,
        "maxQueuedPerThread must be between 1 and 1000, was " + maxQueuedPerThread);
    this.maxQueuedPerThread = maxQueuedPerThread;
    return this;
  }

  /**
   * The longest the poller sleeps between looks for due work.
   *
   * @param interval the longest sleep, positive; default 1 second
   * @return this builder
   */
  public SchedulerBuilder pollInterval(Duration interval) {
    this.pollInterval = Preconditions.positive(interval, "pollInterval");
    return this;
  }

  /**
   * The lease a node holds on each running job, and how often it renews it. A node that dies stops
   * renewing; its jobs are taken over after {@code lease} plus up to one sweep interval. A node
   * that cannot renew for {@code lease − renewInterval} tells its jobs to stop, before anyone can
   * take them over.
   *
   * @param lease the lease duration; default 30 seconds
   * @param renewInterval how often leases are renewed, at most half of {@code lease}
   * @return this builder
   * @throws IllegalArgumentException if {@code renewInterval} is more than half of {@code lease}
   */
  public SchedulerBuilder lease(Duration lease, Duration renewInterval) {
    Preconditions.positive(lease, "lease");
    Preconditions.positive(renewInterval, "renewInterval");
    Preconditions.checkArgument(renewInterval.multipliedBy(2).compareTo(lease) <= 0,
        "renewInterval " + renewInterval + " must be at most half of lease " + lease);
    this.lease = lease;
    this.renewInterval = renewInterval;
    return this;
  }

  /**
   * How often expired leases are looked for, and retention applied.
   *
   * @param interval the sweep interval, positive
   * @return this builder
   */
  public SchedulerBuilder sweepInterval(Duration interval) {
    this.sweepInterval = Preconditions.positive(interval, "sweepInterval");
    return this;
  }

  /**
   * How long {@code close()} lets running jobs finish before interrupting them.
   *
   * @param grace the grace period, zero or more
   * @return this builder
   */
  public SchedulerBuilder shutdownGrace(Duration grace) {
    this.shutdownGrace = Preconditions.notNegative(grace, "shutdownGrace");
    return this;
  }

  /**
   * How long COMPLETED and CANCELLED jobs, and history rows, are kept.
   *
   * @param retention how long finished jobs and history rows are kept
   * @return this builder
   */
  public SchedulerBuilder retention(Duration retention) {
    this.retention = Preconditions.positive(retention, "retention");
    return this;
  }

  /**
   * The longest wait between retries when the store fails; default 30 s.
   *
   * @param max the longest wait, positive
   * @return this builder
   */
  public SchedulerBuilder maxStoreBackoff(Duration max) {
    this.maxStoreBackoff = Preconditions.positive(max, "maxStoreBackoff");
    return this;
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener, called on scheduler threads
   * @return this builder
   */
  public SchedulerBuilder listener(SchedulerListener listener) {
    listeners.add(Preconditions.notNull(listener, "listener"));
    return this;
  }

  /**
   * Builds the scheduler (not started) and logs its effective configuration once at INFO.
   *
   * @return a new scheduler, not started
   * @throws IllegalStateException if no job type is registered
   */
  public Scheduler build() {
    return new Engine(config());
  }

  /** The effective configuration (reached by the test kit through {@link BuilderAccess}). */
  private SchedulerConfig config() {
    Preconditions.checkState(!registrations.isEmpty(),
        "no job type registered; call register(...) or recurring(...) before build()");
    return new SchedulerConfig(
        store != null ? store : JobStore.inMemory(clock),
        clock,
        codec != null ? codec : PayloadCodec.defaultCodec(),
        nodeId != null ? nodeId : NodeIds.generate(),
        threads,
        maxQueuedPerThread,
        pollInterval,
        lease,
        renewInterval,
        sweepInterval,
        shutdownGrace,
        retention,
        maxStoreBackoff,
        registrations,
        startupJobs,
        listeners);
  }
}
