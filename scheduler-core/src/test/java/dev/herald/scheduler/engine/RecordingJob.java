package dev.herald.scheduler.engine;

import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job that records the fire time of each run, and optionally fails. Threadsafe. */
final class RecordingJob implements Job {
  private final List<Instant> runs = new CopyOnWriteArrayList<>();
  private final List<Integer> attempts = new CopyOnWriteArrayList<>();
  private volatile RuntimeException failWith;

  static RecordingJob succeeding() {
    return new RecordingJob();
  }

  static RecordingJob failingWith(RuntimeException failure) {
    RecordingJob job = new RecordingJob();
    job.failWith = failure;
    return job;
  }

  void succeedFromNowOn() {
    failWith = null;
  }

  @Override
  public void execute(JobContext ctx) {
    runs.add(ctx.scheduledAt());
    attempts.add(ctx.attempt());
    RuntimeException f = failWith;
    if (f != null) {
      throw f;
    }
  }

  List<Instant> runs() {
    return List.copyOf(runs);
  }

  List<Integer> attempts() {
    return List.copyOf(attempts);
  }
}
