package dev.herald.scheduler.engine;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerStats;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A store that fails every call while {@link #down} is set, like an unreachable database, and runs
 * {@link #onClose} when closed.
 */
final class FlakyStore implements JobStore {
  private final JobStore delegate;
  volatile boolean down;
  volatile Runnable onClose = () -> {};
  /** How many calls were made, failed or not (each a transaction of a database store). */
  final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
  /** The largest {@code limit} {@link #claimDue} was called with. */
  final AtomicInteger largestClaimLimit = new AtomicInteger();

  FlakyStore(JobStore delegate) {
    this.delegate = delegate;
  }

  JobStore delegate() {
    return delegate;
  }

  private <T> T call(Supplier<T> op) {
    calls.incrementAndGet();
    if (down) {
      throw new IllegalStateException("database unavailable");
    }
    return op.get();
  }

  @Override
  public Instant now() {
    return call(delegate::now);
  }

  @Override
  public InsertResult insert(NewJob job) {
    return call(() -> delegate.insert(job));
  }

  @Override
  public List<ClaimedJob> claimDue(String owner, Set<String> types, int limit, Duration lease) {
    largestClaimLimit.accumulateAndGet(limit, Math::max);
    return call(() -> delegate.claimDue(owner, types, limit, lease));
  }

  @Override
  public List<RecoveredJob> claimExpired(String owner, Set<String> types, int limit,
      Duration lease) {
    return call(() -> delegate.claimExpired(owner, types, limit, lease));
  }

  @Override
  public Optional<Instant> nextDueAt(Set<String> types) {
    return call(() -> delegate.nextDueAt(types));
  }

  @Override
  public BudgetResult takeBudget(LeaseRef lease, String budget, String use, int limit,
      Duration window) {
    return call(() -> delegate.takeBudget(lease, budget, use, limit, window));
  }

  @Override
  public boolean releaseBudget(LeaseRef lease, String budget, String use) {
    return call(() -> delegate.releaseBudget(lease, budget, use));
  }

  @Override
  public RenewResult renew(Collection<LeaseRef> leases, Duration lease) {
    return call(() -> delegate.renew(leases, lease));
  }

  @Override
  public boolean saveStep(LeaseRef lease, String name, String value) {
    return call(() -> delegate.saveStep(lease, name, value));
  }

  @Override
  public Map<String, String> steps(String jobId) {
    return call(() -> delegate.steps(jobId));
  }

  @Override
  public List<Boolean> complete(List<Completion> completions) {
    return call(() -> delegate.complete(completions));
  }

  @Override
  public Optional<JobSnapshot> find(String id) {
    return call(() -> delegate.find(id));
  }

  @Override
  public Page<JobSnapshot> list(JobQuery query) {
    return call(() -> delegate.list(query));
  }

  @Override
  public Page<JobAttempt> history(String jobId, int offset, int limit) {
    return call(() -> delegate.history(jobId, offset, limit));
  }

  @Override
  public AdminResult apply(String jobId, AdminCommand command) {
    return call(() -> delegate.apply(jobId, command));
  }

  @Override
  public SchedulerStats stats(int upcoming) {
    return call(() -> delegate.stats(upcoming));
  }

  @Override
  public int purge(Instant before) {
    return call(() -> delegate.purge(before));
  }

  @Override
  public void close() {
    onClose.run();
    delegate.close();
  }
}
