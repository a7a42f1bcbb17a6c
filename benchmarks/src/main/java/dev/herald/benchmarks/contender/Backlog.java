package dev.herald.benchmarks.contender;

/**
 * The jobs a system under test works through, in its own fresh tables: filled before a run,
 * watched during it, dropped after it.
 *
 * <p>Implementations are threadsafe.
 */
public interface Backlog extends AutoCloseable {

  /** Adds {@code jobs} one-time no-op jobs, all due now. */
  void fill(long jobs);

  /** The jobs not yet durably completed. */
  long remaining();

  /** What a node needs to find these jobs: Herald's table prefix, or db-scheduler's table. */
  String tables();

  /** The JDBC URL of the database holding the jobs. */
  String jdbcUrl();

  /** Drops the tables and closes the connections. */
  @Override
  void close();
}
