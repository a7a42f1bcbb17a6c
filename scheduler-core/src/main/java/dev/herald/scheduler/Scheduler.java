package dev.herald.scheduler;

/**
 * A running scheduler: claims due jobs from its store, runs them on a worker pool, renews their
 * leases, records their outcomes, recovers the work of dead nodes, and shuts down gracefully.
 *
 * <pre>{@code
 * try (Scheduler scheduler = Scheduler.builder()
 *     .register("send-digest", ctx -> digests.send(ctx.payload(String.class)))
 *     .recurring("cleanup", Triggers.parse("1h"), ctx -> cleaner.run())
 *     .threads(4)
 *     .build()
 *     .start()) {
 *   scheduler.client().schedule(JobRequest.builder("send-digest")
 *       .payload("weekly").trigger("cron:0 9 * * MON@Europe/Berlin").build());
 *   ...
 * }
 * }</pre>
 *
 * <p>This interface's implementation is threadsafe.
 */
public interface Scheduler extends AutoCloseable {

  /**
   * A builder with the defaults: an in-memory store, 4 threads, 1 s polling, 30 s leases.
   *
   * @return a new builder
   */
  static SchedulerBuilder builder() {
    return new SchedulerBuilder();
  }

  /**
   * Starts the engine: ensures the builder's startup jobs exist, logs the known jobs with their next
   * run times, and begins polling.
   *
   * @return this scheduler
   * @throws IllegalStateException if already started or closed
   */
  Scheduler start();

  /**
   * The client for this scheduler's store; scheduling due-now work through it wakes the poller.
   *
   * @return the client, shared by every caller
   */
  SchedulerClient client();

  /**
   * This node's id, unique per process start.
   *
   * @return the node id
   */
  String nodeId();

  /**
   * Whether started and not closed.
   *
   * @return true between {@code start()} and {@code close()}
   */
  boolean isRunning();

  /**
   * The engine's health: store reachability, worker use, and due-work lag.
   *
   * @return a snapshot of the engine's health
   */
  Health health();

  /**
   * Closes the scheduler when the JVM shuts down (SIGTERM, System.exit), so running jobs get the
   * shutdown grace period. Idempotent.
   *
   * @return this scheduler
   */
  Scheduler registerShutdownHook();

  /**
   * Drains and stops: claims nothing new, lets running jobs finish within the shutdown grace period
   * while renewing their leases, then interrupts those still running (they run again later, without
   * counting the attempt), records every outcome, {@linkplain
   * dev.herald.scheduler.spi.JobStore#close() closes the store} and stops. Closing the store releases what the store opened itself (the database of {@code
   * JdbcJobStore.h2File(path)}) and leaves what you supplied (your {@code DataSource}) open. A
   * scheduler closed without being started closes its store too. Idempotent; blocks until done.
   */
  @Override
  void close();
}
