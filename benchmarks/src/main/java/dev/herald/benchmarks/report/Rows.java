package dev.herald.benchmarks.report;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/** The rows of the report's tables: plain values, immutable. */
public final class Rows {
  private Rows() {}

  /**
   * A throughput workload's result over its trials.
   *
   * @param system the system under test ("Herald", "db-scheduler lock-and-fetch", …)
   * @param store the store ("PostgreSQL", "in memory", …)
   * @param nodes the number of nodes
   * @param jobs the jobs due at the start
   * @param timed the executions timed
   * @param trials executions per second of each trial, in run order
   * @param finished for each trial, whether it ran its timed executions within the time box
   * @param transactionsPerExecution server transactions per execution (median over trials)
   * @param commitsPerExecution explicit COMMITs per execution (MariaDB)
   * @param statementsPerExecution statements per execution, if the server counts them
   */
  public record Throughput(String system, String store, int nodes, long jobs, long timed,
      List<Double> trials, List<Boolean> finished, OptionalDouble transactionsPerExecution,
      OptionalDouble commitsPerExecution, OptionalDouble statementsPerExecution) {

    /** The median of the trials. */
    public double median() {
      return Samples.of(trials).median();
    }

  }

  /**
   * Herald's throughput on one node from a backlog, and from a ten times larger one over as many
   * executions.
   *
   * @param store the store
   * @param plain the run on the smaller backlog
   * @param large the run on the larger backlog
   */
  public record Scaling(String store, Throughput plain, Throughput large) {}

  /**
   * The median time of one claim with {@code pending} jobs in the table.
   *
   * @param store the store
   * @param due whether the pending jobs are due now (else due tomorrow)
   * @param pending the number of pending jobs
   * @param median the median claim time
   */
  public record Claim(String store, boolean due, long pending, Duration median) {}

  /**
   * Start delays of a stream of jobs.
   *
   * @param store the store
   * @param stream what the stream was ("due now", "due 1–2 s ahead, 200/s")
   * @param millis the delays in milliseconds
   */
  public record Delay(String store, String stream, Samples millis) {}
}
