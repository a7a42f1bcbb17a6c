package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.internal.Loggers;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The registered listeners behind one listener that never throws: a failing listener is logged
 * and the others still run, so a bug in host code cannot kill a scheduler thread. Threadsafe.
 */
final class Listeners implements SchedulerListener {
  private static final Logger log = Loggers.SCHEDULER;

  private final List<SchedulerListener> listeners;

  Listeners(List<SchedulerListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(String event, Consumer<SchedulerListener> call) {
    for (SchedulerListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        log.warn("SchedulerListener {} threw from {}; ignored", l.getClass().getName(), event, e);
      }
    }
  }

  @Override
  public void onStarted(String nodeId) {
    each("onStarted", l -> l.onStarted(nodeId));
  }

  @Override
  public void onJobStarted(JobSnapshot job) {
    if (listeners.isEmpty()) {
      return; // the per-run events allocate nothing when nobody listens
    }
    each("onJobStarted", l -> l.onJobStarted(job));
  }

  @Override
  public void onJobFinished(JobAttempt attempt, JobStatus newStatus) {
    if (listeners.isEmpty()) {
      return;
    }
    each("onJobFinished", l -> l.onJobFinished(attempt, newStatus));
  }

  @Override
  public void onLeaseLost(String jobId, long fencingToken) {
    each("onLeaseLost", l -> l.onLeaseLost(jobId, fencingToken));
  }

  @Override
  public void onUnknownJobTypes(Map<String, Long> dueByType) {
    each("onUnknownJobTypes", l -> l.onUnknownJobTypes(dueByType));
  }

  @Override
  public void onStoreError(String operation, Exception error) {
    each("onStoreError", l -> l.onStoreError(operation, error));
  }

  @Override
  public void onStopped(String nodeId) {
    each("onStopped", l -> l.onStopped(nodeId));
  }
}
