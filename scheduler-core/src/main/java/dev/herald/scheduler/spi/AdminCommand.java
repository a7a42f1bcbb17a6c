package dev.herald.scheduler.spi;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * An administrative change to one job, applied atomically by {@link JobStore#apply}. Each command
 * states the statuses it applies to; the store refuses it for any other status (and applies PAUSE
 * and CANCEL to a RUNNING job as a pending action taken when the run ends).
 *
 * <p>All implementations are immutable records.
 */
public sealed interface AdminCommand {

  /** The statuses the command applies to. */
  Set<JobStatus> appliesTo();

  /** The operation's name, for messages. */
  String name();

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
  }

  /**
   * SCHEDULED → due at {@code at} (a recurring job then continues from its trigger's next fire time
   * after {@code at}).
   */
  record RunNow(Instant at) implements AdminCommand {
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
  }

  /**
   * Replaces the trigger: the job is due at {@code firstRunAt} with attempts reset. A PAUSED job
   * stays paused; COMPLETED and FAILED jobs become SCHEDULED again.
   */
  record Reschedule(String triggerSpec, Instant firstRunAt) implements AdminCommand {
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
  }

  /**
   * FAILED or NEEDS_REVIEW → SCHEDULED at {@code at} for the same fire time, attempts reset, stored
   * steps kept (so completed steps are not repeated).
   */
  record Retry(Instant at) implements AdminCommand {
    public Retry {
      Preconditions.notNull(at, "at");
    }

    @Override
    public Set<JobStatus> appliesTo() {
      return EnumSet.of(JobStatus.FAILED, JobStatus.NEEDS_REVIEW);
    }

    @Override
    public String name() {
      return "retry";
    }
  }
}
