package dev.herald.scheduler.internal.store;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A job's mutable state inside {@link InMemoryJobStore}; guarded by the store's lock. */
final class JobRow {
  final String id;
  final String type;
  String payload;
  final int priority;
  final String uniqueKey;
  final Instant createdAt;
  String triggerSpec;
  String misfireSpec;
  JobStatus status;
  Instant nextRunAt;
  Instant fireAt;
  int attempt;
  long fence;
  private static final long[] NONE = {};
  /** The tokens of the last claims whose completion was applied, newest last. */
  private long[] completedFences = NONE;
  /** The job's history rows, oldest first (kept here: a map by id would cost a lookup a run). */
  final List<JobAttempt> history = new ArrayList<>(0);
  private static final int REMEMBERED_COMPLETIONS = 16;
  String leaseOwner;
  Instant leaseUntil;
  PendingAction pendingAction;
  String lastError;
  Instant updatedAt;

  JobRow(NewJob job, Instant now) {
    this.id = job.id();
    this.type = job.type();
    this.payload = job.payload().orElse(null);
    this.priority = job.priority();
    this.uniqueKey = job.uniqueKey().orElse(null);
    this.createdAt = now;
    this.triggerSpec = job.triggerSpec();
    this.misfireSpec = job.misfireSpec();
    this.status = job.status();
    this.nextRunAt = job.firstRunAt();
    this.fireAt = job.firstRunAt();
    this.updatedAt = now;
  }

  /** A key for range reads of a time-ordered index: it sorts after the rows due at {@code at}. */
  static JobRow after(Instant at) {
    return new JobRow(at);
  }

  private JobRow(Instant at) {
    this.id = null;
    this.type = null;
    this.priority = 0;
    this.uniqueKey = null;
    this.createdAt = at;
    this.nextRunAt = at;
  }

  boolean isDue(Instant now) {
    return status == JobStatus.SCHEDULED && !nextRunAt.isAfter(now);
  }

  boolean holds(long token) {
    return status == JobStatus.RUNNING && fence == token;
  }

  /**
   * Whether the claim with {@code token} was completed (a re-submission after an ambiguous commit
   * arrives within seconds, so the last few completions are enough to recognise it).
   */
  boolean alreadyCompleted(long token) {
    for (long fence : completedFences) {
      if (fence == token) {
        return true;
      }
    }
    return false;
  }

  void completed(long token) {
    int n = completedFences.length;
    if (n < REMEMBERED_COMPLETIONS) {
      completedFences = Arrays.copyOf(completedFences, n + 1);
    } else {
      System.arraycopy(completedFences, 1, completedFences, 0, n - 1);
    }
    completedFences[completedFences.length - 1] = token;
  }

  void clearLease() {
    leaseOwner = null;
    leaseUntil = null;
  }

  /** Takes every mutable field from {@code job} (the same job, changed by an admin command). */
  void update(JobSnapshot job) {
    triggerSpec = job.triggerSpec();
    payload = job.payload().orElse(null);
    status = job.status();
    nextRunAt = job.nextRunAt().orElse(null);
    fireAt = job.fireAt();
    attempt = job.attempt();
    fence = job.fencingToken();
    leaseOwner = job.leaseOwner().orElse(null);
    leaseUntil = job.leaseUntil().orElse(null);
    pendingAction = job.pendingAction().orElse(null);
    lastError = job.lastError().orElse(null);
    updatedAt = job.updatedAt();
  }

  JobSnapshot snapshot() {
    return new JobSnapshot(id, type, status, triggerSpec, payload, priority, misfireSpec, uniqueKey,
        nextRunAt, fireAt, attempt, fence, leaseOwner, leaseUntil, pendingAction, lastError,
        createdAt, updatedAt);
  }
}
