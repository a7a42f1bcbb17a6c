package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Trigger;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Instant;
import java.util.Optional;

/**
 * A scheduled job as stored, at one moment.
 *
 * <p>Instances are immutable and threadsafe. Nullable components are documented; the {@code
 * Optional} accessors at the end are the convenient way to read them.
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
 * @param fireAt the fire time the pending run is for (equals {@code nextRunAt} except for retries
 *     and deferrals); once the job is terminal, the fire time of its last run (so that a retry
 *     of a FAILED job runs for the same fire time)
 * @param attempt attempts made for the pending fire time (0 before the first)
 * @param fencingToken incremented each time a node claims the job; writes of a node that lost its
 *     lease carry an older token and are refused
 * @param leaseOwner the node running the job, or null
 * @param leaseUntil when that node's lease expires unless renewed, or null
 * @param pendingAction an administrator's request that applies when the current run ends, or null
 * @param lastError the last failure's message, or null
 * @param createdAt when the job was scheduled
 * @param updatedAt when the job last changed
 */
public record JobSnapshot(
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

  /** An administrator's request made while the job was running, applied when the run ends. */
  public enum PendingAction {
    /** Pause instead of rescheduling. */
    PAUSE,
    /** Cancel instead of rescheduling. */
    CANCEL
  }

  /**
   * @throws NullPointerException if a required component is null
   */
  public JobSnapshot {
    Preconditions.notNull(id, "id");
    Preconditions.notNull(type, "type");
    Preconditions.notNull(status, "status");
    Preconditions.notNull(triggerSpec, "triggerSpec");
    Preconditions.notNull(misfireSpec, "misfireSpec");
    Preconditions.notNull(createdAt, "createdAt");
    Preconditions.notNull(updatedAt, "updatedAt");
  }

  /** The trigger, parsed from {@link #triggerSpec()}. */
  public Trigger trigger() {
    return Triggers.parse(triggerSpec);
  }

  /** The misfire policy, parsed from {@link #misfireSpec()}. */
  public MisfirePolicy misfirePolicy() {
    return MisfirePolicy.parse(misfireSpec);
  }

  /** When the job is due next, unless terminal. */
  public Optional<Instant> nextRun() {
    return Optional.ofNullable(nextRunAt);
  }

  /** The encoded payload, if any. */
  public Optional<String> payloadText() {
    return Optional.ofNullable(payload);
  }

  /** The last failure's message, if any. */
  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }

  /** A builder initialised with this snapshot, for stores computing a job's next state. */
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

    public Builder status(JobStatus status) {
      this.status = status;
      return this;
    }

    public Builder triggerSpec(String triggerSpec) {
      this.triggerSpec = triggerSpec;
      return this;
    }

    public Builder payload(String payload) {
      this.payload = payload;
      return this;
    }

    public Builder nextRunAt(Instant nextRunAt) {
      this.nextRunAt = nextRunAt;
      return this;
    }

    public Builder fireAt(Instant fireAt) {
      this.fireAt = fireAt;
      return this;
    }

    public Builder attempt(int attempt) {
      this.attempt = attempt;
      return this;
    }

    public Builder fencingToken(long fencingToken) {
      this.fencingToken = fencingToken;
      return this;
    }

    /** Sets or clears (with nulls) the lease. */
    public Builder lease(String owner, Instant until) {
      this.leaseOwner = owner;
      this.leaseUntil = until;
      return this;
    }

    public Builder pendingAction(PendingAction pendingAction) {
      this.pendingAction = pendingAction;
      return this;
    }

    public Builder lastError(String lastError) {
      this.lastError = lastError;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** The changed snapshot. */
    public JobSnapshot build() {
      return new JobSnapshot(from.id, from.type, status, triggerSpec, payload, from.priority,
          from.misfireSpec, from.uniqueKey, nextRunAt, fireAt, attempt, fencingToken, leaseOwner,
          leaseUntil, pendingAction, lastError, from.createdAt, updatedAt);
    }
  }

  @Override
  public String toString() {
    return "Job[" + id + ", type=" + type + ", " + status + ", trigger=" + triggerSpec
        + (nextRunAt == null ? "" : ", next=" + nextRunAt)
        + (attempt == 0 ? "" : ", attempt=" + attempt)
        + (leaseOwner == null ? "" : ", owner=" + leaseOwner + " until " + leaseUntil)
        + (pendingAction == null ? "" : ", pending=" + pendingAction)
        + (lastError == null ? "" : ", lastError=" + lastError)
        + "]";
  }
}
