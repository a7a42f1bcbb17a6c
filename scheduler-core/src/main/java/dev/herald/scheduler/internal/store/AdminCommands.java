package dev.herald.scheduler.internal.store;

import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.AdminCommand;
import java.time.Instant;
import java.util.Map;

/** Applies an {@link AdminCommand} to a row whose status the command applies to. */
final class AdminCommands {
  private AdminCommands() {}

  /** Mutates {@code row}; the caller checked {@code command.appliesTo()} and holds the lock. */
  static void apply(AdminCommand command, JobRow row, Map<String, ?> steps, Instant now) {
    boolean running = row.status == JobStatus.RUNNING;
    if (command instanceof AdminCommand.Pause) {
      if (!running) {
        row.status = JobStatus.PAUSED;
      } else if (row.pendingAction != PendingAction.CANCEL) {
        row.pendingAction = PendingAction.PAUSE;
      }
    } else if (command instanceof AdminCommand.Resume) {
      if (!running) {
        row.status = JobStatus.SCHEDULED;
      } else if (row.pendingAction == PendingAction.PAUSE) {
        row.pendingAction = null;
      }
    } else if (command instanceof AdminCommand.RunNow runNow) {
      row.nextRunAt = runNow.at();
      if (row.attempt == 0) {
        row.fireAt = runNow.at();
      }
    } else if (command instanceof AdminCommand.Cancel) {
      if (running) {
        row.pendingAction = PendingAction.CANCEL;
      } else {
        row.status = JobStatus.CANCELLED;
        row.nextRunAt = null;
      }
    } else if (command instanceof AdminCommand.Reschedule reschedule) {
      row.triggerSpec = reschedule.triggerSpec();
      row.nextRunAt = reschedule.firstRunAt();
      row.fireAt = reschedule.firstRunAt();
      row.attempt = 0;
      row.lastError = null;
      steps.remove(row.id);
      if (row.status != JobStatus.PAUSED) {
        row.status = JobStatus.SCHEDULED;
      }
    } else if (command instanceof AdminCommand.Retry retry) {
      row.status = JobStatus.SCHEDULED;
      row.nextRunAt = retry.at();
      row.attempt = 0;
    } else {
      throw new IllegalArgumentException("unknown admin command " + command);
    }
    row.updatedAt = now;
  }
}
