package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.retry.RetryPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * How the jobs of one type run: retries, timeout, and what to do when a node dies mid-run. These
 * are code, registered with the type on the {@link SchedulerBuilder}; what is stored with each job
 * (trigger, priority, misfire policy, unique key) is set on its {@link JobRequest}.
 *
 * <p>Instances are immutable and threadsafe; build them with {@link #builder()}.
 */
public final class JobOptions {
  private static final JobOptions DEFAULTS = builder().build();

  private final RetryPolicy retryPolicy;
  private final Duration timeout;
  private final RecoveryPolicy recoveryPolicy;

  private JobOptions(Builder b) {
    this.retryPolicy = b.retryPolicy;
    this.timeout = b.timeout;
    this.recoveryPolicy = b.recoveryPolicy;
  }

  /**
   * Default retries ({@link RetryPolicy#ofDefaults()}), no timeout, {@link RecoveryPolicy#RERUN}.
   *
   * @return the default options
   */
  public static JobOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder with the default options
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The retry policy.
   *
   * @return the retry policy; {@link RetryPolicy#ofDefaults()} unless set
   */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * How long a run may take before its thread is interrupted and the run fails, if limited.
   *
   * @return the timeout, or empty for none (the default)
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * What happens when the node running a job of this type dies.
   *
   * @return the recovery policy; {@link RecoveryPolicy#RERUN} unless set
   */
  public RecoveryPolicy recoveryPolicy() {
    return recoveryPolicy;
  }

  @Override
  public String toString() {
    return "JobOptions[" + retryPolicy + ", timeout=" + (timeout == null ? "none" : timeout)
        + ", recovery=" + recoveryPolicy + "]";
  }

  /** Builds {@link JobOptions}. Not threadsafe. */
  public static final class Builder {
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private Duration timeout;
    private RecoveryPolicy recoveryPolicy = RecoveryPolicy.RERUN;

    private Builder() {}

    /**
     * The retry policy.
     *
     * @param policy the retry policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Preconditions.notNull(policy, "retryPolicy");
      return this;
    }

    /**
     * Interrupts a run that takes longer than {@code timeout}; the run fails with a {@link
     * java.util.concurrent.TimeoutException} (retried like any failure).
     *
     * @param timeout the longest a run may take, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Preconditions.positive(timeout, "timeout");
      return this;
    }

    /**
     * What happens when the node running a job of this type dies.
     *
     * @param policy the recovery policy
     * @return this builder
     */
    public Builder recoveryPolicy(RecoveryPolicy policy) {
      this.recoveryPolicy = Preconditions.notNull(policy, "recoveryPolicy");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     */
    public JobOptions build() {
      return new JobOptions(this);
    }
  }
}
