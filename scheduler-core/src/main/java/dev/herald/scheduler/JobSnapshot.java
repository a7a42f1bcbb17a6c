package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Trigger;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A scheduled job as stored, at one moment.
 *
 * <p>A value that may be absent (the payload of a job scheduled without one, the lease of a job
 * that is not running, …) is returned as an {@link Optional} from its one accessor; the constructor
 * takes such values as nullable arguments.
 *
 * <p>Instances are immutable and threadsafe.
 */
public final class JobSnapshot {
  private final String id;
  private final String type;
  private final JobStatus status;
  private final String triggerSpec;
  private final String payload;
  private final int priority;
  private final String misfireSpec;
  private final String uniqueKey;
  private final Instant nextRunAt;
  private final Instant fireAt;
  private final int attempt;
  private final long fencingToken;
  private final String leaseOwner;
  private final Instant leaseUntil;
  private final PendingAction pendingAction;
  private final String lastError;
  private final Instant createdAt;
  private final Instant updatedAt;

  /** An administrator's request made while the job was running, applied when the run ends. */
  public enum PendingAction {
    /** Pause instead of rescheduling. */
    PAUSE,
    /** Cancel instead of rescheduling. */
    CANCEL
  }

  /**
   * A snapshot; used by {@link dev.herald.scheduler.spi.JobStore} implementations.
   *
   * @param id the job id
   * @param type the registered job type
   * @param status the status
   * @param triggerSpec the trigger, as {@link Trigger#spec()}
   * @param payload the encoded payload, or null
   * @param priority higher runs first among jobs due at the same time
   * @param misfireSpec the misfire policy, as {@link MisfirePolicy#spec()}
   * @param uniqueKey the unique key, or null
   * @param nextRunAt when the job is due next (a fire time, or a retry time), or null once terminal
   * @param fireAt the fire time the pending run is for; once the job is terminal, the fire time of
   *     its last run
   * @param attempt attempts made for the pending fire time (0 before the first)
   * @param fencingToken incremented each time a node claims the job
   * @param leaseOwner the node running the job, or null
   * @param leaseUntil when that node's lease expires unless renewed, or null
   * @param pendingAction an administrator's request that applies when the current run ends, or null
   * @param lastError the last failure's message, or null
   * @param createdAt when the job was scheduled
   * @param updatedAt when the job last changed
   * @throws NullPointerException if an argument not documented as nullable is null
   */
  public JobSnapshot(
      String id,
      String type,
      JobStatus status,
      String triggerSpec,
      String payload,
      int priority,
      String misfireSpec,
      String uniqueKey,
      Instant nextRunAt,
      Instant fireAt,
      int attempt,
      long fencingToken,
      String leaseOwner,
      Instant leaseUntil,
      PendingAction pendingAction,
      String lastError,
      Instant createdAt,
      Instant updatedAt) {
    this.id = Preconditions.notNull(id, "id");
    this.type = Preconditions.notNull(type, "type");
    this.status = Preconditions.notNull(status, "status");
    this.triggerSpec = Preconditions.notNull(triggerSpec, "triggerSpec");
    this.payload = payload;
    this.priority = priority;
    this.misfireSpec = Preconditions.notNull(misfireSpec, "misfireSpec");
    this.uniqueKey = uniqueKey;
    this.nextRunAt = nextRunAt;
    this.fireAt = Preconditions.notNull(fireAt, "fireAt");
    this.attempt = attempt;
    this.fencingToken = fencingToken;
    this.leaseOwner = leaseOwner;
    this.leaseUntil = leaseUntil;
    this.pendingAction = pendingAction;
    this.lastError = lastError;
    this.createdAt = Preconditions.notNull(createdAt, "createdAt");
    this.updatedAt = Preconditions.notNull(updatedAt, "updatedAt");
  }

  /**
   * The job id.
   *
   * @return the job's id
   */
  public String id() {
    return id;
  }

  /**
   * The registered job type.
   *
   * @return the job type
   */
  public String type() {
    return type;
  }

  /**
   * The status.
   *
   * @return the status
   */
  public JobStatus status() {
    return status;
  }

  /**
   * The trigger, as {@link Trigger#spec()}; {@link #trigger()} parses it.
   *
   * @return the trigger's spec
   */
  public String triggerSpec() {
    return triggerSpec;
  }

  /**
   * The encoded payload (the text the payload codec produced), if the job has one.
   *
   * @return the encoded payload, or empty if the job has none
   */
  public Optional<String> payload() {
    return Optional.ofNullable(payload);
  }

  /**
   * Higher runs first among jobs due at the same time.
   *
   * @return the priority
   */
  public int priority() {
    return priority;
  }

  /**
   * The misfire policy, as {@link MisfirePolicy#spec()}; {@link #misfirePolicy()} parses it.
   *
   * @return the misfire policy's spec
   */
  public String misfireSpec() {
    return misfireSpec;
  }

  /**
   * The unique key, if the job was scheduled with one.
   *
   * @return the unique key, or empty if none
   */
  public Optional<String> uniqueKey() {
    return Optional.ofNullable(uniqueKey);
  }

  /**
   * When the job is due next (a fire time, or a retry time); empty once the job will not run again
   * by itself (COMPLETED, FAILED, NEEDS_REVIEW, CANCELLED).
   *
   * @return the next run time, or empty once the job is terminal
   */
  public Optional<Instant> nextRunAt() {
    return Optional.ofNullable(nextRunAt);
  }

  /**
   * The fire time the pending run is for (equals {@link #nextRunAt()} except for retries and
   * deferrals); once the job is terminal, the fire time of its last run (so that a retry of a
   * FAILED job runs for the same fire time).
   *
   * @return the fire time of the pending or last run
   */
  public Instant fireAt() {
    return fireAt;
  }

  /**
   * Attempts made for the pending fire time (0 before the first).
   *
   * @return the attempt count, 0 or more
   */
  public int attempt() {
    return attempt;
  }

  /**
   * Incremented each time a node claims the job; writes of a node that lost its lease carry an
   * older token and are refused.
   *
   * @return the token of the latest claim
   */
  public long fencingToken() {
    return fencingToken;
  }

  /**
   * The node running the job, while it is leased.
   *
   * @return the node's id, or empty unless the job is leased
   */
  public Optional<String> leaseOwner() {
    return Optional.ofNullable(leaseOwner);
  }

  /**
   * When the running node's lease expires unless renewed, while the job is leased.
   *
   * @return the lease expiry, or empty unless the job is leased
   */
  public Optional<Instant> leaseUntil() {
    return Optional.ofNullable(leaseUntil);
  }

  /**
   * An administrator's request that applies when the current run ends, if one was made.
   *
   * @return the pending request, or empty if none
   */
  public Optional<PendingAction> pendingAction() {
    return Optional.ofNullable(pendingAction);
  }

  /**
   * The last failure's message (or the reason for review), if any.
   *
   * @return the error, or empty if none
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * When the job was scheduled.
   *
   * @return the creation time
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * When the job last changed.
   *
   * @return the time of the last change
   */
  public Instant updatedAt() {
    return updatedAt;
  }

  /**
   * The trigger, parsed from {@link #triggerSpec()}.
   *
   * @return the parsed trigger
   */
  public Trigger trigger() {
    return Triggers.parse(triggerSpec);
  }

  /**
   * The misfire policy, parsed from {@link #misfireSpec()}.
   *
   * @return the parsed misfire policy
   */
  public MisfirePolicy misfirePolicy() {
    return MisfirePolicy.parse(misfireSpec);
  }

  /**
   * A builder initialised with this snapshot, for stores computing a job's next state.
   *
   * @return a new builder with this snapshot's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Copies a {@link JobSnapshot} with some fields changed; used by {@link
   * dev.herald.scheduler.spi.JobStore} implementations. Not threadsafe.
   */
  public static final class Builder {
    private final JobSnapshot from;
    private JobStatus status;
    private String triggerSpec;
    private String payload;
    private Instant nextRunAt;
    private Instant fireAt;
    private int attempt;
    private long fencingToken;
    private String leaseOwner;
    private Instant leaseUntil;
    private PendingAction pendingAction;
    private String lastError;
    private Instant updatedAt;

    private Builder(JobSnapshot from) {
      this.from = from;
      this.status = from.status;
      this.triggerSpec = from.triggerSpec;
      this.payload = from.payload;
      this.nextRunAt = from.nextRunAt;
      this.fireAt = from.fireAt;
      this.attempt = from.attempt;
      this.fencingToken = from.fencingToken;
      this.leaseOwner = from.leaseOwner;
      this.leaseUntil = from.leaseUntil;
      this.pendingAction = from.pendingAction;
      this.lastError = from.lastError;
      this.updatedAt = from.updatedAt;
    }

    /**
     * The status.
     *
     * @param status the new status
     * @return this builder
     */
    public Builder status(JobStatus status) {
      this.status = status;
      return this;
    }

    /**
     * The trigger, as {@link Trigger#spec()}.
     *
     * @param triggerSpec the new trigger's spec
     * @return this builder
     */
    public Builder triggerSpec(String triggerSpec) {
      this.triggerSpec = triggerSpec;
      return this;
    }

    /**
     * The encoded payload; null for none.
     *
     * @param payload the encoded payload, or null
     * @return this builder
     */
    public Builder payload(String payload) {
      this.payload = payload;
      return this;
    }

    /**
     * The next run time; null once the job will not run again by itself.
     *
     * @param nextRunAt the next run time, or null
     * @return this builder
     */
    public Builder nextRunAt(Instant nextRunAt) {
      this.nextRunAt = nextRunAt;
      return this;
    }

    /**
     * The fire time the pending run is for.
     *
     * @param fireAt the fire time
     * @return this builder
     */
    public Builder fireAt(Instant fireAt) {
      this.fireAt = fireAt;
      return this;
    }

    /**
     * The attempts made for the pending fire time.
     *
     * @param attempt the attempt count, 0 or more
     * @return this builder
     */
    public Builder attempt(int attempt) {
      this.attempt = attempt;
      return this;
    }

    /**
     * The fencing token of the latest claim.
     *
     * @param fencingToken the token
     * @return this builder
     */
    public Builder fencingToken(long fencingToken) {
      this.fencingToken = fencingToken;
      return this;
    }

    /**
     * Sets or clears (with nulls) the lease.
     *
     * @param owner the node holding the lease, or null for none
     * @param until when the lease expires, or null for none
     * @return this builder
     */
    public Builder lease(String owner, Instant until) {
      this.leaseOwner = owner;
      this.leaseUntil = until;
      return this;
    }

    /**
     * The pending administrator request; null for none.
     *
     * @param pendingAction the request, or null
     * @return this builder
     */
    public Builder pendingAction(PendingAction pendingAction) {
      this.pendingAction = pendingAction;
      return this;
    }

    /**
     * The last failure's message; null clears it.
     *
     * @param lastError the message, or null
     * @return this builder
     */
    public Builder lastError(String lastError) {
      this.lastError = lastError;
      return this;
    }

    /**
     * When the job last changed.
     *
     * @param updatedAt the time of the change
     * @return this builder
     */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * The changed snapshot.
     *
     * @return a new snapshot; the one this builder started from is unchanged
     */
    public JobSnapshot build() {
      return new JobSnapshot(
          from.id,
          from.type,
          status,
          triggerSpec,
          payload,
          from.priority,
          from.misfireSpec,
          from.uniqueKey,
          nextRunAt,
          fireAt,
          attempt,
          fencingToken,
          leaseOwner,
          leaseUntil,
          pendingAction,
          lastError,
          from.createdAt,
          updatedAt);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobSnapshot j
        && id.equals(j.id)
        && type.equals(j.type)
        && status == j.status
        && triggerSpec.equals(j.triggerSpec)
        && Objects.equals(payload, j.payload)
        && priority == j.priority
        && misfireSpec.equals(j.misfireSpec)
        && Objects.equals(uniqueKey, j.uniqueKey)
        && Objects.equals(nextRunAt, j.nextRunAt)
        && fireAt.equals(j.fireAt)
        && attempt == j.attempt
        && fencingToken == j.fencingToken
        && Objects.equals(leaseOwner, j.leaseOwner)
        && Objects.equals(leaseUntil, j.leaseUntil)
        && pendingAction == j.pendingAction
        && Objects.equals(lastError, j.lastError)
        && createdAt.equals(j.createdAt)
        && updatedAt.equals(j.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        type,
        status,
        triggerSpec,
        payload,
        priority,
        misfireSpec,
        uniqueKey,
        nextRunAt,
        fireAt,
        attempt,
        fencingToken,
        leaseOwner,
        leaseUntil,
        pendingAction,
        lastError,
        createdAt,
        updatedAt);
  }

  @Override
  public String toString() {
    return "Job["
        + id
        + ", type="
        + type
        + ", "
        + status
        + ", trigger="
        + triggerSpec
        + (nextRunAt == null ? "" : ", next=" + nextRunAt)
        + (attempt == 0 ? "" : ", attempt=" + attempt)
        + (leaseOwner == null ? "" : ", owner=" + leaseOwner + " until " + leaseUntil)
        + (pendingAction == null ? "" : ", pending=" + pendingAction)
        + (lastError == null ? "" : ", lastError=" + lastError)
        + "]";
  }
}
