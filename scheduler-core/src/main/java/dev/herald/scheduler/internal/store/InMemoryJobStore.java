package dev.herald.scheduler.internal.store;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.AdminResult;
import dev.herald.scheduler.spi.BudgetResult;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.InsertResult;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.spi.RecoveredJob;
import dev.herald.scheduler.spi.RenewResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The {@link JobStore} in this JVM's memory, with the same semantics as the JDBC store: claims,
 * fenced leases, steps, history, unique keys, rolling budgets. Every operation runs under one
 * lock, which makes each call (and each batch of completions) atomic. Jobs die with the JVM.
 *
 * <p>The hot calls do not scan the jobs: claims take the head of a {@link DueQueue}
 * (O(batch &middot; log n), rows of types the node does not run never read), takeovers the head
 * of the RUNNING rows by lease expiry, {@code stats} reads kept counts. Only {@code list} and
 * {@code purge}, an administrator's and a once-a-minute call, read every job.
 *
 * <p>This class is threadsafe.
 */
public final class InMemoryJobStore implements JobStore {
  private static final Comparator<JobRow> LEASE_ORDER = (a, b) -> {
    int byLease = a.leaseUntil.compareTo(b.leaseUntil);
    return byLease != 0 ? byLease : a.id.compareTo(b.id);
  };
  private static final Comparator<JobSnapshot> LIST_ORDER =
      Comparator.comparing(
              (JobSnapshot j) -> j.nextRunAt().orElse(null),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(JobSnapshot::id);

  private final InstantSource clock;
  private final Object lock = new Object();
  private final Map<String, JobRow> jobs = new HashMap<>();
  private final Map<String, String> idByUniqueKey = new HashMap<>();
  private final Map<String, Map<String, String>> steps = new HashMap<>();
  /** The SCHEDULED rows, for claims. */
  private final DueQueue scheduled = new DueQueue();
  /** The RUNNING rows by type, then (leaseUntil, id): expired leases are a head set. */
  private final TypedRows running = new TypedRows(LEASE_ORDER);
  /** How many rows are in each status, by ordinal. */
  private final long[] counts = new long[JobStatus.values().length];
  private final BudgetLedger budgets = new BudgetLedger();

  /** A store timed by {@code clock}. */
  public InMemoryJobStore(InstantSource clock) {
    this.clock = Preconditions.notNull(clock, "clock");
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public InsertResult insert(NewJob job) {
    Preconditions.notNull(job, "job");
    synchronized (lock) {
      return insertLocked(job, clock.instant());
    }
  }

  private InsertResult insertLocked(NewJob job, Instant now) {
    JobRow existing = jobs.get(job.id());
    if (existing == null && job.uniqueKey().isPresent()) {
      String id = idByUniqueKey.get(job.uniqueKey().get());
      existing = id == null ? null : jobs.get(id);
    }
    if (existing != null) {
      return new InsertResult(existing.snapshot(), false);
    }
    JobRow row = new JobRow(job, now);
    jobs.put(row.id, row);
    if (row.uniqueKey != null) {
      idByUniqueKey.put(row.uniqueKey, row.id);
    }
    index(row);
    return new InsertResult(row.snapshot(), true);
  }

  @Override
  public List<ClaimedJob> claimDue(String owner, Set<String> types, int limit, Duration lease) {
    Preconditions.notBlank(owner, "owner");
    Preconditions.notNull(types, "types");
    Preconditions.atLeast(limit, 1, "limit");
    Preconditions.positive(lease, "lease");
    synchronized (lock) {
      Instant now = clock.instant();
      Instant leaseUntil = now.plus(lease);
      List<JobRow> candidates = scheduled.firstDue(types, now, limit);
      List<ClaimedJob> claimed = new ArrayList<>(candidates.size());
      for (JobRow row : candidates) {
        unindex(row);
        row.status = JobStatus.RUNNING;
        row.attempt++;
        row.fence++;
        row.leaseOwner = owner;
        row.leaseUntil = leaseUntil;
        row.updatedAt = now;
        index(row);
        claimed.add(new ClaimedJob(row.snapshot(), stepsOf(row.id), now));
      }
      return claimed;
    }
  }

  @Override
  public List<RecoveredJob> claimExpired(
      String owner, Set<String> types, int limit, Duration lease) {
    Preconditions.notBlank(owner, "owner");
    Preconditions.notNull(types, "types");
    Preconditions.atLeast(limit, 1, "limit");
    Preconditions.positive(lease, "lease");
    synchronized (lock) {
      Instant now = clock.instant();
      List<JobRow> expired = running.first(types, limit, r -> r.leaseUntil.isBefore(now));
      List<RecoveredJob> recovered = new ArrayList<>(expired.size());
      for (JobRow row : expired) {
        String previousOwner = row.leaseOwner;
        Instant expiredAt = row.leaseUntil;
        unindex(row);
        row.fence++;
        row.leaseOwner = owner;
        row.leaseUntil = now.plus(lease);
        row.updatedAt = now;
        index(row);
        recovered.add(new RecoveredJob(
            new ClaimedJob(row.snapshot(), stepsOf(row.id), now), previousOwner, expiredAt));
      }
      return recovered;
    }
  }

  @Override
  public Optional<Instant> nextDueAt(Set<String> types) {
    Preconditions.notNull(types, "types");
    synchronized (lock) {
      return scheduled.nextDueAt(types);
    }
  }

  @Override
  public RenewResult renew(Collection<LeaseRef> leases, Duration lease) {
    Preconditions.positive(lease, "lease");
    synchronized (lock) {
      Instant now = clock.instant();
      Set<LeaseRef> lost = new HashSet<>();
      Map<String, PendingAction> pending = new HashMap<>();
      for (LeaseRef ref : leases) {
        JobRow row = jobs.get(ref.jobId());
        if (row == null || !row.holds(ref.fencingToken())) {
          lost.add(ref);
          continue;
        }
        unindex(row);
        row.leaseUntil = now.plus(lease);
        index(row);
        if (row.pendingAction != null) {
          pending.put(row.id, row.pendingAction);
        }
      }
      return new RenewResult(lost, pending);
    }
  }

  @Override
  public boolean saveStep(LeaseRef lease, String name, String value) {
    Preconditions.notNull(lease, "lease");
    Preconditions.notBlank(name, "step name");
    Preconditions.notNull(value, "step value");
    synchronized (lock) {
      JobRow row = jobs.get(lease.jobId());
      if (row == null || !row.holds(lease.fencingToken())) {
        return false;
      }
      steps.computeIfAbsent(row.id, id -> new LinkedHashMap<>()).put(name, value);
      return true;
    }
  }

  @Override
  public BudgetResult takeBudget(LeaseRef lease, String budget, String use, int limit,
      Duration window) {
    Preconditions.notNull(lease, "lease");
    BudgetLedger.checkTake(budget, use, limit, window);
    synchronized (lock) {
      JobRow row = jobs.get(lease.jobId());
      if (row == null || !row.holds(lease.fencingToken())) {
        return new BudgetResult.LeaseLost();
      }
      return budgets.take(row.id, budget, use, limit, window, clock.instant());
    }
  }

  @Override
  public boolean releaseBudget(LeaseRef lease, String budget, String use) {
    Preconditions.notNull(lease, "lease");
    BudgetLedger.checkName(budget, "budget");
    BudgetLedger.checkName(use, "use");
    synchronized (lock) {
      JobRow row = jobs.get(lease.jobId());
      if (row == null || !row.holds(lease.fencingToken())) {
        return false;
      }
      budgets.release(row.id, budget, use);
      return true;
    }
  }

  @Override
  public Map<String, String> steps(String jobId) {
    synchronized (lock) {
      return stepsOf(jobId);
    }
  }

  @Override
  public List<Boolean> complete(List<Completion> completions) {
    Preconditions.notNull(completions, "completions");
    synchronized (lock) {
      Instant now = clock.instant();
      List<Boolean> applied = new ArrayList<>(completions.size());
      for (Completion c : completions) {
        applied.add(completeLocked(c, now));
      }
      return applied;
    }
  }

  private boolean completeLocked(Completion c, Instant now) {
    JobRow row = jobs.get(c.lease().jobId());
    long token = c.lease().fencingToken();
    if (row == null || !row.holds(token)) {
      // a re-submission after an ambiguous commit: applied before, not again
      return row != null && row.alreadyCompleted(token);
    }
    unindex(row);
    JobStatus status = c.statusGiven(row.pendingAction);
    row.status = status;
    row.nextRunAt = c.nextRunAt(status, now).orElse(null);
    c.fireAt().ifPresent(fireAt -> row.fireAt = fireAt);
    row.completed(token);
    row.attempt = c.attempt();
    row.lastError = c.lastError().orElse(null);
    row.pendingAction = null;
    row.clearLease();
    row.updatedAt = now;
    index(row);
    if (c.clearSteps()) {
      steps.remove(row.id);
    }
    JobAttempt attempt = c.history().orElse(null);
    if (attempt != null) {
      row.history.add(attempt);
    }
    for (var followUp : c.followUps()) {
      insertLocked(followUp, now);
    }
    return true;
  }

  @Override
  public Optional<JobSnapshot> find(String id) {
    synchronized (lock) {
      return Optional.ofNullable(jobs.get(id)).map(JobRow::snapshot);
    }
  }

  @Override
  public Page<JobSnapshot> list(JobQuery query) {
    Preconditions.notNull(query, "query");
    // keeps the first offset + limit + 1 matches (the one more tells whether more follow) rather
    // than sorting every job: a node lists the first few of each type at every start
    int keep = (int) Math.min(Integer.MAX_VALUE - 1L, (long) query.offset() + query.limit()) + 1;
    PriorityQueue<JobSnapshot> firstLast = new PriorityQueue<>(LIST_ORDER.reversed());
    synchronized (lock) {
      for (JobRow row : jobs.values()) {
        JobSnapshot job = row.snapshot();
        if (query.matches(job)) {
          firstLast.add(job);
          if (firstLast.size() > keep) {
            firstLast.poll();
          }
        }
      }
    }
    List<JobSnapshot> sorted = new ArrayList<>(firstLast);
    sorted.sort(LIST_ORDER);
    return Page.of(sorted, query.offset(), query.limit());
  }

  @Override
  public Page<JobAttempt> history(String jobId, int offset, int limit) {
    Preconditions.atLeast(offset, 0, "offset");
    Preconditions.atLeast(limit, 1, "limit");
    List<JobAttempt> newestFirst;
    synchronized (lock) {
      JobRow row = jobs.get(jobId);
      newestFirst = row == null ? new ArrayList<>() : new ArrayList<>(row.history);
    }
    Collections.reverse(newestFirst);
    return Page.of(newestFirst, offset, limit);
  }

  @Override
  public AdminResult apply(String jobId, AdminCommand command) {
    Preconditions.notNull(jobId, "jobId");
    Preconditions.notNull(command, "command");
    synchronized (lock) {
      JobRow row = jobs.get(jobId);
      if (row == null) {
        return new AdminResult.NotFound();
      }
      if (!command.appliesTo().contains(row.status)) {
        return new AdminResult.WrongStatus(row.status);
      }
      unindex(row);
      JobSnapshot after = command.applyTo(row.snapshot(), clock.instant());
      row.update(after);
      if (command.clearsSteps()) {
        steps.remove(jobId);
      }
      Map<String, String> stored = steps.get(jobId);
      if (stored != null) {
        command.stepsToDelete().forEach(stored::remove);
      }
      if (!command.stepsToWrite().isEmpty()) {
        steps.computeIfAbsent(jobId, id -> new LinkedHashMap<>()).putAll(command.stepsToWrite());
      }
      index(row);
      return new AdminResult.Applied(after);
    }
  }

  @Override
  public SchedulerStats stats(int upcoming) {
    Preconditions.atLeast(upcoming, 0, "upcoming");
    synchronized (lock) {
      Instant now = clock.instant();
      Map<JobStatus, Long> byStatus = new EnumMap<>(JobStatus.class);
      for (JobStatus status : JobStatus.values()) {
        byStatus.put(status, counts[status.ordinal()]);
      }
      List<JobSnapshot> next = scheduled.upcoming(upcoming).stream().map(JobRow::snapshot).toList();
      return new SchedulerStats(now, byStatus, scheduled.dueByType(now), next,
          scheduled.oldestDueAt(now));
    }
  }

  @Override
  public int purge(Instant before) {
    Preconditions.notNull(before, "before");
    synchronized (lock) {
      List<String> doomed = jobs.values().stream()
          .filter(r -> (r.status == JobStatus.COMPLETED || r.status == JobStatus.CANCELLED)
              && r.updatedAt.isBefore(before))
          .map(r -> r.id)
          .toList();
      for (String id : doomed) {
        JobRow row = jobs.remove(id);
        unindex(row);
        if (row.uniqueKey != null) {
          idByUniqueKey.remove(row.uniqueKey);
        }
        steps.remove(id);
      }
      for (JobRow row : jobs.values()) {
        if (!row.history.isEmpty()) {
          row.history.removeIf(a -> a.finishedAt().isBefore(before));
        }
      }
      return doomed.size();
    }
  }

  private Map<String, String> stepsOf(String jobId) {
    Map<String, String> s = steps.get(jobId);
    return s == null ? Map.of() : Map.copyOf(s);
  }

  /**
   * Adds {@code row} to the indexes of its status. Every change of a row's status, {@code
   * nextRunAt} or {@code leaseUntil} happens between {@link #unindex} and {@code index}.
   */
  private void index(JobRow row) {
    counts[row.status.ordinal()]++;
    if (row.status == JobStatus.SCHEDULED) {
      scheduled.add(row);
    } else if (row.status == JobStatus.RUNNING) {
      running.add(row);
    }
  }

  private void unindex(JobRow row) {
    counts[row.status.ordinal()]--;
    if (row.status == JobStatus.SCHEDULED) {
      scheduled.remove(row);
    } else if (row.status == JobStatus.RUNNING) {
      running.remove(row);
    }
  }

  /** How many rows the due queue has read or moved so far, for tests. */
  long rowsExamined() {
    synchronized (lock) {
      return scheduled.examined();
    }
  }

  @Override
  public String toString() {
    return "InMemoryJobStore";
  }
}
