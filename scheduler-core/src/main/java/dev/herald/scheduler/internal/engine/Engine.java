package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.Health;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.internal.client.DefaultSchedulerClient;
import dev.herald.scheduler.spi.Completion;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * The {@link Scheduler}: wires the poller, workers, lease keeper, completion writer and sweeper,
 * and owns their lifecycle. Threadsafe.
 */
public final class Engine implements Scheduler {
  private static final Logger log = Loggers.SCHEDULER;
  private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(5);
  private static final Duration COMPLETION_FLUSH = Duration.ofSeconds(30);
  private static final Duration HOUSEKEEPING_STOP = Duration.ofSeconds(10);

  private enum State { NEW, RUNNING, DRAINING, CLOSED }

  private final SchedulerConfig config;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final Listeners listeners;
  private final StoreErrors storeErrors;
  private final Wakeup wakeup = new Wakeup();
  private final InFlight inFlight = new InFlight();
  private final AtomicInteger busy = new AtomicInteger();
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timeouts;
  private final ScheduledExecutorService housekeeping;
  private final JobRunner runner;
  private final CompletionWriter writer;
  private final Sweeper sweeper;
  private final Poller poller;
  private final DefaultSchedulerClient client;
  private final Thread pollerThread;
  private final Thread writerThread;
  private Thread shutdownHook;

  /** Builds an engine for {@code config}; logs the configuration once. */
  public Engine(SchedulerConfig config) {
    this.config = config;
    this.listeners = new Listeners(config.listeners());
    this.storeErrors = new StoreErrors(listeners);
    String node = config.nodeId();
    this.workers = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.SECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(), threads("herald-worker-" + node, false));
    ScheduledThreadPoolExecutor timeoutPool =
        new ScheduledThreadPoolExecutor(1, threads("herald-timeouts-" + node, true));
    timeoutPool.setRemoveOnCancelPolicy(true);
    this.timeouts = timeoutPool;
    // renewal, lease watchdog and sweep each get a thread: a hung store call in one cannot
    // delay the others
    this.housekeeping = Executors.newScheduledThreadPool(3, threads("herald-lease-" + node, true));
    this.runner = new JobRunner(config.registrations(), config.store(), config.codec(),
        config.clock(), node, listeners, timeouts,
        new OutcomePlanner(node, new SplittableRandom()));
    this.writer = new CompletionWriter(config.store(), inFlight, listeners, storeErrors, wakeup,
        config.maxStoreBackoff());
    this.sweeper = new Sweeper(config, runner, writer, listeners, storeErrors);
    this.poller = new Poller(config, workers, inFlight, this::work, wakeup, storeErrors,
        () -> state.get() == State.RUNNING);
    this.client = new DefaultSchedulerClient(config.store(), config.codec(), config.clock(),
        this::onDue);
    this.pollerThread = threads("herald-poller-" + node, false).newThread(poller);
    this.writerThread = threads("herald-completions-" + node, false).newThread(writer);
    log.info("Herald scheduler configured: {}", config.describe());
  }

  @Override
  public Scheduler start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("scheduler " + config.nodeId() + " is " + state.get()
          + "; start() may be called once, on a new scheduler");
    }
    try {
      StartupJobs.ensure(config, client);
      StartupJobs.logKnownJobs(config, client);
    } catch (RuntimeException e) {
      state.set(State.CLOSED);
      shutdownExecutors();
      closeStore();
      throw e;
    }
    writerThread.start();
    LeaseKeeper keeper = new LeaseKeeper(config.store(), inFlight, listeners, storeErrors,
        config.lease(), config.renewInterval());
    long renewMs = config.renewInterval().toMillis();
    housekeeping.scheduleWithFixedDelay(guard("lease renewal", keeper), renewMs, renewMs,
        TimeUnit.MILLISECONDS);
    long watchMs = LeaseKeeper.watchInterval(config.renewInterval()).toMillis();
    housekeeping.scheduleWithFixedDelay(
        guard("lease watchdog", keeper::watch), watchMs, watchMs, TimeUnit.MILLISECONDS);
    long sweepMs = config.sweepInterval().toMillis();
    housekeeping.scheduleWithFixedDelay(guard("sweep", sweeper), 0, sweepMs,
        TimeUnit.MILLISECONDS);
    pollerThread.start();
    log.info("Herald scheduler {} started", config.nodeId());
    listeners.onStarted(config.nodeId());
    return this;
  }

  /** A worker's whole handling of one claim, from the local queue to its completion. */
  private void work(RunHandle handle) {
    poller.dequeued();
    try {
      if (!handle.start()) {
        return; // handed back at shutdown before it started
      }
      if (handle.isLeaseLost() || handle.isCancelRequested()) {
        // lost or cancelled while it waited: never run it. Handed back, a cancelled job is
        // cancelled by the store; a lost one is rescheduled if the store still holds it (the lease
        // keeper could not confirm it), and the fenced completion is refused otherwise.
        handle.markDone();
        writer.submit(runner.release(handle));
        return;
      }
      busy.incrementAndGet();
      try {
        Completion completion = runner.run(handle);
        handle.markDone();
        writer.submit(completion);
      } finally {
        busy.decrementAndGet();
      }
    } catch (RuntimeException | Error e) {
      log.error("Unexpected failure handling job {}; its lease will expire and the job will be "
          + "recovered", handle.lease().jobId(), e);
    }
  }

  private void onDue(Instant nextRunAt) {
    if (!nextRunAt.isAfter(config.clock().instant().plus(config.pollInterval()))) {
      wakeup.signal();
    }
  }

  @Override
  public SchedulerClient client() {
    return client;
  }

  @Override
  public String nodeId() {
    return config.nodeId();
  }

  @Override
  public boolean isRunning() {
    return state.get() == State.RUNNING;
  }

  @Override
  public Health health() {
    State s = state.get();
    int errors = storeErrors.consecutive();
    Duration lag = sweeper.oldestDueLag();
    Health.Status status;
    String detail;
    if (s != State.RUNNING) {
      status = Health.Status.DOWN;
      detail = "scheduler is " + s;
    } else if (errors >= 3) {
      status = Health.Status.DOWN;
      detail = errors + " store calls failed in a row";
    } else if (errors > 0) {
      status = Health.Status.DEGRADED;
      detail = errors + " store calls failed in a row";
    } else if (lag.compareTo(laggingAfter()) > 0) {
      status = Health.Status.DEGRADED;
      detail = "the oldest due job has waited " + lag;
    } else {
      status = Health.Status.UP;
      detail = "ok";
    }
    return new Health(
        status,
        config.nodeId(),
        s == State.RUNNING,
        Optional.ofNullable(poller.lastPollAt()),
        errors,
        busy.get(),
        config.threads(),
        lag,
        detail);
  }

  private Duration laggingAfter() {
    Duration tenPolls = config.pollInterval().multipliedBy(10);
    return tenPolls.compareTo(Duration.ofMinutes(1)) > 0 ? tenPolls : Duration.ofMinutes(1);
  }

  @Override
  public synchronized Scheduler registerShutdownHook() {
    if (shutdownHook == null) {
      shutdownHook = new Thread(this::close, "herald-shutdown-" + config.nodeId());
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    return this;
  }

  @Override
  public void close() {
    if (state.compareAndSet(State.NEW, State.CLOSED)) {
      shutdownExecutors();
      closeStore();
      return;
    }
    if (!state.compareAndSet(State.RUNNING, State.DRAINING)) {
      awaitClosed();
      return;
    }
    log.info("Herald scheduler {} shutting down: {} jobs running, grace {}", config.nodeId(),
        busy.get(), config.shutdownGrace());
    wakeup.signal();
    joinQuietly(pollerThread, Duration.ofSeconds(30));
    releaseUnstarted();
    workers.shutdown();
    if (!awaitWorkers(config.shutdownGrace())) {
      log.warn("Interrupting {} jobs still running after the shutdown grace of {}; they will run "
          + "again without counting the attempt", busy.get(), config.shutdownGrace());
      inFlight.all().forEach(RunHandle::interruptForShutdown);
      if (!awaitWorkers(STRAGGLER_WAIT)) {
        log.error("{} jobs ignored the interrupt; leaving them to lease expiry and recovery by "
            + "another node", busy.get());
      }
    }
    writer.close(System.nanoTime() + COMPLETION_FLUSH.toNanos());
    joinQuietly(writerThread, COMPLETION_FLUSH.plusSeconds(5));
    shutdownExecutors();
    closeStore();
    removeShutdownHook();
    state.set(State.CLOSED);
    synchronized (this) {
      notifyAll();
    }
    log.info("Herald scheduler {} stopped", config.nodeId());
    listeners.onStopped(config.nodeId());
  }

  private void releaseUnstarted() {
    for (RunHandle handle : inFlight.all()) {
      if (handle.releaseIfNotStarted()) {
        Completion release = runner.release(handle);
        handle.markDone();
        writer.submit(release);
      }
    }
  }

  private boolean awaitWorkers(Duration timeout) {
    try {
      return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private synchronized void awaitClosed() {
    while (state.get() != State.CLOSED) {
      try {
        wait(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void shutdownExecutors() {
    workers.shutdownNow();
    // a renewal or sweep in progress finishes its store call: interrupting it mid-query makes
    // some drivers (MariaDB) close the connection, a spurious store error at a clean shutdown
    housekeeping.shutdown();
    try {
      if (!housekeeping.awaitTermination(HOUSEKEEPING_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        housekeeping.shutdownNow();
      }
    } catch (InterruptedException e) {
      housekeeping.shutdownNow();
      Thread.currentThread().interrupt();
    }
    timeouts.shutdownNow();
  }

  /**
   * Closes the store once nothing of this scheduler uses it any more: it releases what it opened
   * itself (an H2 file), and leaves what its caller supplied (a DataSource) open.
   */
  private void closeStore() {
    try {
      config.store().close();
    } catch (RuntimeException e) {
      log.warn("Closing the store {} failed", config.store(), e);
    }
  }

  private synchronized void removeShutdownHook() {
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }

  private static void joinQuietly(Thread thread, Duration timeout) {
    if (!thread.isAlive()) {
      return;
    }
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Runnable guard(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("Unexpected failure in {}; will run again", what, e);
      }
    };
  }

  private static ThreadFactory threads(String prefix, boolean daemon) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }

  @Override
  public String toString() {
    return "Scheduler[" + config.nodeId() + ", " + state.get() + "]";
  }
}
