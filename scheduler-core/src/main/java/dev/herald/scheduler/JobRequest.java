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
   * @param type the registered job type
   * @return a new builder: one run as soon as possible, a generated id, no payload
   * @throws IllegalArgumentException if {@code type} is blank
   */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /**
   * A job of {@code type} that runs once, as soon as possible.
   *
   * @param type the registered job type
   * @return the request
   */
  public static JobRequest now(String type) {
    return builder(type).build();
  }

  /**
   * A builder initialised with this request's values.
   *
   * @return a new builder with this request's values, which leaves this request unchanged
   */
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

  /**
   * The job type.
   *
   * @return the job type
   */
  public String type() {
    return type;
  }

  /**
   * The id to give the job; empty means a generated one.
   *
   * @return the id, or empty for a generated one
   */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /**
   * The payload object, encoded by the scheduler's codec when scheduled.
   *
   * @return the payload, or empty if the job has none
   */
  public Optional<Object> payload() {
    return Optional.ofNullable(payload);
  }

  /**
   * The trigger; empty means once, as soon as possible.
   *
   * @return the trigger, or empty for one run as soon as possible
   */
  public Optional<Trigger> trigger() {
    return Optional.ofNullable(trigger);
  }

  /**
   * Higher runs first among jobs due at the same time. Default 0.
   *
   * @return the priority; 0 unless set
   */
  public int priority() {
    return priority;
  }

  /**
   * What to do about missed fire times. Default {@link MisfirePolicy#coalesce()}.
   *
   * @return the misfire policy
   */
  public MisfirePolicy misfirePolicy() {
    return misfirePolicy;
  }

  /**
   * The unique key, if any.
   *
   * @return the unique key, or empty if none
   */
  public Optional<String> uniqueKey() {
    return Optional.ofNullable(uniqueKey);
  }

  /**
   * For jobs declared on the {@link SchedulerBuilder}: whether each start of the scheduler runs the
   * job once at once, before following its trigger.
   *
   * @return true to run the job at every start; false unless set
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
     *
     * @param id the job id, not blank
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Preconditions.notBlank(id, "job id");
      return this;
    }

    /**
     * The payload, encoded with the scheduler's payload codec when scheduled; null for none.
     *
     * @param payload the payload, or null for none
     * @return this builder
     */
    public Builder payload(Object payload) {
      this.payload = payload;
      return this;
    }

    /**
     * When the job fires.
     *
     * @param trigger the trigger
     * @return this builder
     */
    public Builder trigger(Trigger trigger) {
      this.trigger = Preconditions.notNull(trigger, "trigger");
      return this;
    }

    /**
     * When the job fires, as a trigger spec ({@code "5m"}, {@code "cron:0 9 * * *@Europe/Berlin"}…).
     *
     * @param spec the trigger's spec
     * @return this builder
     * @throws IllegalArgumentException if the spec does not parse; the message lists the forms
     */
    public Builder trigger(String spec) {
      return trigger(Triggers.parse(spec));
    }

    /**
     * Runs once at {@code instant}.
     *
     * @param instant when the job runs
     * @return this builder
     */
    public Builder runAt(Instant instant) {
      return trigger(Triggers.once(instant));
    }

    /**
     * Priority among jobs due at the same time; higher first.
     *
     * @param priority the priority; 0 by default
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * What to do about missed fire times.
     *
     * @param policy the misfire policy
     * @return this builder
     */
    public Builder misfirePolicy(MisfirePolicy policy) {
      this.misfirePolicy = Preconditions.notNull(policy, "misfirePolicy");
      return this;
    }

    /**
     * A key that makes the job unique: scheduling the same key again returns the existing job.
     *
     * @param key the unique key, not blank
     * @return this builder
     */
    public Builder uniqueKey(String key) {
      this.uniqueKey = Preconditions.notBlank(key, "uniqueKey");
      return this;
    }

    /**
     * See {@link JobRequest#runAtStart()}.
     *
     * @param runAtStart whether each start of the scheduler runs the job at once
     * @return this builder
     */
    public Builder runAtStart(boolean runAtStart) {
      this.runAtStart = runAtStart;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the immutable request
     */
    public JobRequest build() {
      return new JobRequest(this);
    }
  }
}
