package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An administrative change to one job, applied atomically by {@link JobStore#apply}. Each command
 * states the statuses it applies to; the store refuses it for any other status (and applies PAUSE
 * and CANCEL to a RUNNING job as a pending action taken when the run ends).
 *
 * <p>The transition itself is {@link #applyTo(JobSnapshot, Instant)}, a pure function every store
 * uses, so that all stores agree. All implementations are immutable records.
 */
public sealed interface AdminCommand {

  /**
   * The statuses the command applies to.
   *
   * @return the statuses a job must have for the command to apply; never empty
   */
  Set<JobStatus> appliesTo();

  /**
   * The operation's name, for messages.
   *
   * @return a short lower-case name such as {@code pause}, used in error messages
   */
  String name();

  /**
   * The job after this command is applied at {@code now}; {@code job.status()} must be one the
   * command {@linkplain #appliesTo() applies to}. {@code updatedAt} becomes {@code now}.
   *
   * @param job the job as stored, in one of the statuses {@link #appliesTo()} returns
   * @param now the store's current time
   * @return a new snapshot of the job with the command applied; {@code job} is not modified
   */
  JobSnapshot applyTo(JobSnapshot job, Instant now);

  /**
   * Whether applying the command deletes all of the job's stored step results.
   *
   * @return true to delete every step result; false (the default) to keep them
   */
  default boolean clearsSteps() {
    return false;
  }

  /**
   * Step results to delete when the command is applied.
   *
   * @return the names of the step results to delete; empty (the default) deletes none
   */
  default Set<String> stepsToDelete() {
    return Set.of();
  }

  /**
   * Step results to store (replacing any of the same name) when the command is applied.
   *
   * @return the step results to store, by name; empty (the default) stores none
   */
  default Map<String, String> stepsToWrite() {
    return Map.of();
  }

  private static void check(AdminCommand command, JobSnapshot job) {
    Preconditions.checkArgument(command.appliesTo().contains(job.status()),
        command.name() + " does not apply to job " + job.id() + " in status " + job.status());
  }

  /** SCHEDULED → PAUSED; RUNNING → pending pause. */
  record Pause() implements AdminCommand {
    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.SCHEDULED, JobStatus.RUNNING);
    }

    @Override
    public String name() {
      return "pause";
    }

    @Override
    public JobSnapshot applyTo(JobSnapshot job, Instant now) {
      check(this, job);
      JobSnapshot.Builder b = job.toBuilder().updatedAt(now);
      if (job.status() != JobStatus.RUNNING) {
        return b.status(JobStatus.PAUSED).build();
      }
      return job.pendingAction().orElse(null) == PendingAction.CANCEL
          ? b.build()
          : b.pendingAction(PendingAction.PAUSE).build();
    }
  }

  /** PAUSED → SCHEDULED (missed fire times are handled by the misfire policy); RUNNING → clears a pending pause. */
  record Resume() implements AdminCommand {
    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.PAUSED, JobStatus.RUNNING);
    }

    @Override
    public String name() {
      return "resume";
    }

    @Override
    public JobSnapshot applyTo(JobSnapshot job, Instant now) {
      check(this, job);
      JobSnapshot.Builder b = job.toBuilder().updatedAt(now);
      if (job.status() != JobStatus.RUNNING) {
        return b.status(JobStatus.SCHEDULED).build();
      }
      return job.pendingAction().orElse(null) == PendingAction.PAUSE
          ? b.pendingAction(null).build()
          : b.build();
    }
  }

  /**
   * SCHEDULED → due at {@code at} (a recurring job then continues from its trigger's next fire time
   * after {@code at}).
   */
  record RunNow(Instant at) implements AdminCommand {
    /**
     * Checks the component.
     *
     * @param at when the job runs; a time in the past runs it at the next poll
     * @throws NullPointerException if {@code at} is null
     */
    public RunNow {
      Preconditions.notNull(at, "at");
    }

    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.SCHEDULED);
    }

    @Override
    public String name() {
      return "run now";
    }

    /** A job waiting for a retry retries now, for the same fire time; otherwise {@code at} is a fire time. */
    @Override
    public JobSnapshot applyTo(JobSnapshot job, Instant now) {
      check(this, job);
      JobSnapshot.Builder b = job.toBuilder().updatedAt(now).nextRunAt(at);
      return job.attempt() == 0 ? b.fireAt(at).build() : b.build();
    }
  }

  /** Not terminal → CANCELLED; RUNNING → pending cancel; FAILED and NEEDS_REVIEW → CANCELLED. */
  record Cancel() implements AdminCommand {
    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.SCHEDULED, JobStatus.PAUSED, JobStatus.RUNNING, JobStatus.FAILED,
          JobStatus.NEEDS_REVIEW);
    }

    @Override
    public String name() {
      return "cancel";
    }

    @Override
    public JobSnapshot applyTo(JobSnapshot job, Instant now) {
      check(this, job);
      JobSnapshot.Builder b = job.toBuilder().updatedAt(now);
      return job.status() == JobStatus.RUNNING
          ? b.pendingAction(PendingAction.CANCEL).build()
          : b.status(JobStatus.CANCELLED).nextRunAt(null).build();
    }
  }

  /**
   * Replaces the trigger: the job is due at {@code firstRunAt} with attempts reset. A PAUSED job
   * stays paused; COMPLETED and FAILED jobs become SCHEDULED again.
   */
  record Reschedule(String triggerSpec, Instant firstRunAt) implements AdminCommand {
    /**
     * Checks the components.
     *
     * @param triggerSpec the new trigger, in the form {@link
     *     dev.herald.scheduler.trigger.Trigger#spec()} gives
     * @param firstRunAt the first fire time under the new trigger
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code triggerSpec} is blank
     */
    public Reschedule {
      Preconditions.notBlank(triggerSpec, "triggerSpec");
      Preconditions.notNull(firstRunAt, "firstRunAt");
    }

    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.SCHEDULED, JobStatus.PAUSED, JobStatus.COMPLETED,
          JobStatus.FAILED);
    }

    @Override
    public String name() {
      return "reschedule";
    }

    @Override
    public JobSnapshot applyTo(JobSnapshot job, Instant now) {
      check(this, job);
      return job.toBuilder().updatedAt(now)
          .triggerSpec(triggerSpec).nextRunAt(firstRunAt).fireAt(firstRunAt).attempt(0)
          .lastError(null)
          .status(job.status() == JobStatus.PAUSED ? JobStatus.PAUSED : JobStatus.SCHEDULED)
          .build();
    }

    @Override
    public boolean clearsSteps() {
      return true;
    }
  }

  /**
   * FAILED or NEEDS_REVIEW → SCHEDULED at {@code at} for the same fire time, attempts reset. Stored
   * steps are kept (so completed steps are not repeated), except those named in {@code
   * stepsToClear} (to redo them on purpose, e.g. re-send a post whose outcome was unknown).
   */
  record Retry(Instant at, Set<String> stepsToClear) implements AdminCommand {
    /**
     * Checks the components and copies {@code stepsToClear}.
     *
     * @param at when the job runs again
     * @param stepsToClear the names of the step results to delete, so that those steps run again
     * @throws NullPointerException if a component is null
     */
    public Retry {
      Preconditions.notNull(at, "at");
      stepsToClear = Set.copyOf(Preconditions.notNull(stepsToClear, "stepsToClear"));
    }

    /**
     * A retry keeping every stored step.
     *
     * @param at when the job runs again
     */
    public Retry(Instant at) {
      this(at, Set.of());
    }

    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.FAILED, JobStatus.NEEDS_REVIEW);
    }

    @Override
    public String name() {
      return "retry";
    }

    @Override
    public JobSnapshot applyTo(JobSnapshot job, Instant now) {
      check(this, job);
      return job.toBuilder().updatedAt(now).status(JobStatus.SCHEDULED).nextRunAt(at).attempt(0)
          .build();
    }

    @Override
    public Set<String> stepsToDelete() {
      return stepsToClear;
    }
  }

  /**
   * SCHEDULED or PAUSED → the same, with a new payload: an edit before the job runs. A job that is
   * running or finished keeps the payload it ran with.
   */
  record UpdatePayload(String payload) implements AdminCommand {
    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.SCHEDULED, JobStatus.PAUSED);
    }

    @Override
    public String name() {
      return "edit";
    }

    @Override
    public JobSnapshot applyTo(JobSnapshot job, Instant now) {
      check(this, job);
      return job.toBuilder().updatedAt(now).payload(payload).build();
    }
  }

  /**
   * NEEDS_REVIEW or FAILED → COMPLETED by a human's decision, storing {@code steps} (for example
   * the remote id of a post the human found published) and {@code note} as the job's last error
   * field, for the record.
   */
  record Resolve(Map<String, String> steps, String note) implements AdminCommand {
    /**
     * Checks the components and copies {@code steps}.
     *
     * @param steps the step results to store, by step name, before the job completes
     * @param note why the administrator resolved the job, stored in its history
     * @throws NullPointerException if a component is null
     */
    public Resolve {
      steps = Map.copyOf(Preconditions.notNull(steps, "steps"));
      Preconditions.notNull(note, "note");
    }

    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.NEEDS_REVIEW, JobStatus.FAILED);
    }

    @Override
    public String name() {
      return "resolve";
    }

    @Override
    public JobSnapshot applyTo(JobSnapshot job, Instant now) {
      check(this, job);
      return job.toBuilder().updatedAt(now).status(JobStatus.COMPLETED).nextRunAt(null)
          .lastError(note).build();
    }

    @Override
    public Map<String, String> stepsToWrite() {
      return steps;
    }
  }
}
