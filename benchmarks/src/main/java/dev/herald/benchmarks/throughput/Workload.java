package dev.herald.benchmarks.throughput;

import dev.herald.benchmarks.db.Db;
import java.time.Duration;

/**
 * One throughput measurement: {@code contender} with {@code nodes} nodes working through {@code
 * jobs} due no-op jobs on {@code db} ({@code null}: Herald's in-memory store), timed over the first
 * {@code timed} executions ({@code timed == jobs}: until every job is durably completed), or over
 * {@code timeBox} if that ends first.
 *
 * @param contender the system under test
 * @param db the database, or null for the in-memory store
 * @param nodes the number of nodes, each with its own threads and pool
 * @param jobs the jobs due at the start
 * @param timed the executions the clock runs for
 * @param timeBox the longest the clock runs
 */
public record Workload(Contender contender, Db db, int nodes, long jobs, long timed,
    Duration timeBox) {

  public Workload {
    if (nodes < 1 || jobs < 1 || timed < 1 || timed > jobs) {
      throw new IllegalArgumentException("nodes " + nodes + ", jobs " + jobs + ", timed " + timed
          + ": need nodes >= 1 and 1 <= timed <= jobs");
    }
    if (db == null && contender != Contender.HERALD) {
      throw new IllegalArgumentException(contender.label() + " needs a database");
    }
  }

  /** A workload timed until all its jobs are done, or {@code timeBox} has passed. */
  public static Workload of(Contender contender, Db db, int nodes, long jobs, Duration timeBox) {
    return new Workload(contender, db, nodes, jobs, jobs, timeBox);
  }

  /** "PostgreSQL", "in memory". */
  public String store() {
    return db == null ? "in memory" : db.label();
  }

  /** Whether the nodes run in JVMs of their own (a server database) or in this one. */
  boolean separateJvms() {
    return db == Db.POSTGRESQL || db == Db.MARIADB;
  }

  /** "Herald, PostgreSQL, 2 nodes, 50,000 jobs". */
  public String label() {
    return String.format("%s, %s, %d node%s, %,d jobs%s", contender.label(), store(), nodes,
        nodes == 1 ? "" : "s", jobs, timed == jobs ? "" : String.format(" (first %,d timed)", timed));
  }
}
