package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Trigger;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Instant;
import java.util.Optional;

/**
 * A job to schedule: its type, payload and trigger, and the options stored with it.
 *
 * <p>Without a trigger the job runs once, as soon as possible. With a {@linkplain
 * Builder#uniqueKey(String) unique key}, scheduling the same key again returns the existing job
 * instead of adding a second one.
 *
 * <p>Instances are immutable and threadsafe; build them with {@link #builder(String)}.
 */
public final class JobRequest {
  private final String type;
  private final String id;
  private final Object payload;
  private final Trigger trigger;
  private final int priority;
  private final MisfirePolicy misfirePolicy;
  private final String uniqueKey;
  private final boolean runAtStart;

  private JobRequest(Builder b) {
    this.type = b.type;
    this.id = b.id;
    this.payload = b.payload;
    this.trigger = b.trigger;
    this.priority = b.priority;
    this.misfirePolicy = b.misfirePolicy;
    this.uniqueKey = b.uniqueKey;
    this.runAtStart = b.runAtStart;
  }

  /**
   * A builder for a job of the registered type {@code type}.
   *
   * @throws IllegalArgumentException if {@code type} is blank
   */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** A job of {@code type} that runs once, as soon as possible. */
  public static JobRequest now(String type) {
    return builder(type).build();
  }

  /** A builder initialised with this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder(type);
    b.id = id;
    b.payload = payload;
    b.trigger = trigger;
    b.priority = priority;
    b.misfirePolicy = misfirePolicy;
    b.uniqueKey = uniqueKey;
    b.runAtStart = runAtStart;
    return b;
  }

  /** The job type. */
  public String type() {
    return type;
  }

  /** The id to give the job; empty means a generated one. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** The payload object, encoded by the scheduler's codec when scheduled. */
  public Optional<Object> payload() {
    return Optional.ofNullable(payload);
  }

  /** The trigger; empty means once, as soon as possible. */
  public Optional<Trigger> trigger() {
    return Optional.ofNullable(trigger);
  }

  /** Higher runs first among jobs due at the same time. Default 0. */
  public int priority() {
    return priority;
  }

  /** What to do about missed fire times. Default {@link MisfirePolicy#coalesce()}. */
  public MisfirePolicy misfirePolicy() {
    return misfirePolicy;
  }

  /** The unique key, if any. */
  public Optional<String> uniqueKey() {
    return Optional.ofNullable(uniqueKey);
  }

  /**
   * For jobs declared on the {@link SchedulerBuilder}: whether each start of the scheduler runs the
   * job once at once, before following its trigger.
   */
  public boolean runAtStart() {
    return runAtStart;
  }

  @Override
  public String toString() {
    return "JobRequest[type=" + type
        + (id == null ? "" : ", id=" + id)
        + ", trigger=" + (trigger == null ? "now" : trigger.spec())
        + (priority == 0 ? "" : ", priority=" + priority)
        + ", misfire=" + misfirePolicy.spec()
        + (uniqueKey == null ? "" : ", uniqueKey=" + uniqueKey)
        + (runAtStart ? ", runAtStart" : "")
        + "]";
  }

  /** Builds a {@link JobRequest}. Not threadsafe. */
  public static final class Builder {
    private final String type;
    private String id;
    private Object payload;
    private Trigger trigger;
    private int priority;
    private MisfirePolicy misfirePolicy = MisfirePolicy.coalesce();
    private String uniqueKey;
    private boolean runAtStart;

    private Builder(String type) {
      this.type = Preconditions.notBlank(type, "job type");
    }

    /**
     * The job id; by default a random UUID. Ids are unique: scheduling an existing id returns that
     * job.
     */
    public Builder id(String id) {
      this.id = Preconditions.notBlank(id, "job id");
      return this;
    }

    /** The payload, encoded with the scheduler's payload codec when scheduled; null for none. */
    public Builder payload(Object payload) {
      this.payload = payload;
      return this;
    }

    /** When the job fires. */
    public Builder trigger(Trigger trigger) {
      this.trigger = Preconditions.notNull(trigger, "trigger");
      return this;
    }

    /**
     * When the job fires, as a trigger spec ({@code "5m"}, {@code "cron:0 9 * * *@Europe/Berlin"}…).
     *
     * @throws IllegalArgumentException if the spec does not parse; the message lists the forms
     */
    public Builder trigger(String spec) {
      return trigger(Triggers.parse(spec));
    }

    /** Runs once at {@code instant}. */
    public Builder runAt(Instant instant) {
      return trigger(Triggers.once(instant));
    }

    /** Priority among jobs due at the same time; higher first. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** What to do about missed fire times. */
    public Builder misfirePolicy(MisfirePolicy policy) {
      this.misfirePolicy = Preconditions.notNull(policy, "misfirePolicy");
      return this;
    }

    /** A key that makes the job unique: scheduling the same key again returns the existing job. */
    public Builder uniqueKey(String key) {
      this.uniqueKey = Preconditions.notBlank(key, "uniqueKey");
      return this;
    }

    /** See {@link JobRequest#runAtStart()}. */
    public Builder runAtStart(boolean runAtStart) {
      this.runAtStart = runAtStart;
      return this;
    }

    /** Builds the request. */
    public JobRequest build() {
      return new JobRequest(this);
    }
  }
}
