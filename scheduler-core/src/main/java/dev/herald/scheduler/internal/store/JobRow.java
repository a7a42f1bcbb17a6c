package dev.herald.scheduler.internal.store;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.NewJob;
import java.time.Instant;

/** A job's mutable state inside {@link InMemoryJobStore}; guarded by the store's lock. */
final class JobRow {
  final String id;
  final String type;
  final String payload;
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
  String leaseOwner;
  Instant leaseUntil;
  PendingAction pendingAction;
  String lastError;
  Instant updatedAt;

  JobRow(NewJob job, Instant now) {
    this.id = job.id();
    this.type = job.type();
    this.payload = job.payload();
    this.priority = job.priority();
    this.uniqueKey = uniqueKeyOf(job);
    this.createdAt = now;
    this.triggerSpec = job.triggerSpec();
    this.misfireSpec = job.misfireSpec();
    this.status = job.status();
    this.nextRunAt = job.firstRunAt();
    this.fireAt = job.firstRunAt();
    this.updatedAt = now;
  }

  /** The job's unique key, or null if it has none: a blank key is no key (it never collides). */
  static String uniqueKeyOf(NewJob job) {
    String key = job.uniqueKey();
    return key == null || key.isBlank() ? null : key;
  }

  boolean isDue(Instant now) {
    return status == JobStatus.SCHEDULED && !nextRunAt.isAfter(now);
  }

  boolean holds(long token) {
    return status == JobStatus.RUNNING && fence == token;
  }

  void clearLease() {
    leaseOwner = null;
    leaseUntil = null;
  }

  JobSnapshot snapshot() {
    return new JobSnapshot(id, type, status, triggerSpec, payload, priority, misfireSpec, uniqueKey,
        nextRunAt, fireAt, attempt, fence, leaseOwner, leaseUntil, pendingAction, lastError,
        createdAt, updatedAt);
  }
}
