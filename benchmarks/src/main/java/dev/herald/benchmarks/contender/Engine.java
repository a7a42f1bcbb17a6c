package dev.herald.benchmarks.contender;

/**
 * One node of a system under test, working through a backlog of no-op jobs: a Herald scheduler, a
 * db-scheduler instance, or the plain JDBC loop. Built ready (connections open), it starts
 * working at {@link #go()}, counts the job bodies it ran, and stops at {@link #close()}, letting
 * running work finish.
 *
 * <p>Implementations are threadsafe.
 */
public interface Engine extends AutoCloseable {

  /** Starts working. */
  void go();

  /** The number of job bodies this node has run so far. */
  long executed();

  /** Stops, letting started work finish, and releases the node's connections. */
  @Override
  void close();
}
