package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobAttempt.Outcome;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.AdminResult;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.InsertResult;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The hooks, fixtures and helpers of the {@link JobStoreContract} suite. Extend {@link
 * JobStoreContract}, not this class.
 */
public abstract class JobStoreContractSupport {
  /** The clock's time when each test starts (microsecond precision, as databases store it). */
  protected static final Instant START = Instant.parse("2026-03-29T00:00:00.123456Z");

  /** The smallest step of time a store must tell apart. */
  protected static final Duration MICROSECOND = Duration.ofNanos(1_000);

  protected static final Duration LEASE = Duration.ofSeconds(30);
  protected static final String TYPE = "report";
  protected static final String OTHER_TYPE = "email";
  protected static final Set<String> TYPES = Set.of(TYPE);
  protected static final String NODE = "node-a";
  protected static final String OTHER_NODE = "node-b";
  protected static final String TRIGGER = "once:2026-03-29T00:00:00Z";
  protected static final String RECURRING = "1h";
  protected static final String MISFIRE = "coalesce";

  /** The clock of the store under test; tests move time only through it. */
  protected ManualClock clock;

  /** The store under test, fresh and empty for each test. */
  protected JobStore store;

  /**
   * A fresh, empty store whose time ({@link JobStore#now()}, due-ness, lease expiry, relative
   * delays) is {@code clock}. Called once before each test.
   */
  protected abstract JobStore createStore(ManualClock clock);

  /** Releases what {@link #createStore} acquired. Called once after each test. */
  protected void closeStore(JobStore store) {}

  @BeforeEach
  final void createEmptyStore() {
    clock = ManualClock.at(START);
    store = createStore(clock);
  }

  @AfterEach
  final void closeTheStore() {
    if (store != null) {
      closeStore(store);
    }
  }

  // ---------------------------------------------------------------- time

  /** {@link #START} plus {@code seconds} (which may be negative). */
  protected static Instant at(long seconds) {
    return START.plusSeconds(seconds);
  }

  /** The clock's current time. */
  protected Instant now() {
    return clock.instant();
  }

  // ---------------------------------------------------------------- jobs

  /** A SCHEDULED job of {@link #TYPE} due at {@link #START}, priority 0, no payload, no key. */
  protected static NewJob newJob(String id) {
    return newJob(id, TYPE, START);
  }

  protected static NewJob newJob(String id, String type, Instant firstRunAt) {
    return newJob(id, type, firstRunAt, 0);
  }

  protected static NewJob newJob(String id, String type, Instant firstRunAt, int priority) {
    return new NewJob(
        id, type, null, TRIGGER, priority, MISFIRE, null, firstRunAt, JobStatus.SCHEDULED);
  }

  /** A SCHEDULED job of {@link #TYPE} due at {@link #START} with {@code uniqueKey}. */
  protected static NewJob withKey(String id, String uniqueKey) {
    return withKey(id, TYPE, uniqueKey, START);
  }

  protected static NewJob withKey(String id, String type, String uniqueKey, Instant firstRunAt) {
    return new NewJob(
        id, type, null, TRIGGER, 0, MISFIRE, uniqueKey, firstRunAt, JobStatus.SCHEDULED);
  }

  /** A PAUSED job of {@link #TYPE} whose next run is {@code firstRunAt}. */
  protected static NewJob paused(String id, Instant firstRunAt) {
    return new NewJob(id, TYPE, null, TRIGGER, 0, MISFIRE, null, firstRunAt, JobStatus.PAUSED);
  }

  /**
   * The snapshot of {@code job} inserted at {@code createdAt}: every field as given, next run and
   * fire time its first run, attempt and token 0, no lease, no pending action, no error.
   */
  protected static JobSnapshot asInserted(NewJob job, Instant createdAt) {
    return new JobSnapshot(
        job.id(),
        job.type(),
        job.status(),
        job.triggerSpec(),
        job.payload().orElse(null),
        job.priority(),
        job.misfireSpec(),
        job.uniqueKey().orElse(null),
        job.firstRunAt(),
        job.firstRunAt(),
        0,
        0L,
        null,
        null,
        null,
        null,
        createdAt,
        createdAt);
  }

  /** Inserts {@code job}, which must be new. */
  protected JobSnapshot insert(NewJob job) {
    InsertResult result = store.insert(job);
    assertThat(result.created()).as("insert of %s created it", job.id()).isTrue();
    return result.job();
  }

  /** Inserts a job of {@link #TYPE} due now. */
  protected JobSnapshot insertDue(String id) {
    return insert(newJob(id, TYPE, now()));
  }

  /** The stored job with {@code id}, which must exist. */
  protected JobSnapshot find(String id) {
    return store.find(id).orElseThrow(() -> new AssertionError("no job " + id + " in the store"));
  }

  /** The ids of the jobs {@code query} lists, in order. */
  protected List<String> listIds(JobQuery query) {
    return store.list(query).items().stream().map(JobSnapshot::id).toList();
  }

  /** The job ids of {@code claims}, in order. */
  protected static List<String> ids(Collection<ClaimedJob> claims) {
    return claims.stream().map(c -> c.job().id()).toList();
  }

  // ---------------------------------------------------------------- claims

  /**
   * Claims job {@code id} for {@link #NODE}; it must be the first due job of its type in claim
   * order.
   */
  protected ClaimedJob claim(String id) {
    List<ClaimedJob> claimed = store.claimDue(NODE, Set.of(find(id).type()), 1, LEASE);
    assertThat(ids(claimed)).as("jobs claimed when claiming %s", id).containsExactly(id);
    return claimed.get(0);
  }

  /** Inserts a job of {@link #TYPE} due now and claims it; no other job of the type may be due. */
  protected ClaimedJob insertAndClaim(String id) {
    insertDue(id);
    return claim(id);
  }

  /** Up to 100 due jobs of {@code types}, claimed for {@code owner}. */
  protected List<ClaimedJob> claimAll(String owner, Set<String> types) {
    return store.claimDue(owner, types, 100, LEASE);
  }

  /** Completes one claim; whether it was applied. */
  protected boolean complete(Completion completion) {
    List<Boolean> applied = store.complete(List.of(completion));
    assertThat(applied).hasSize(1);
    return applied.get(0);
  }

  /** A completion of {@code claim}: COMPLETED, its attempt count and fire time, nothing else. */
  protected static CompletionBuilder completing(ClaimedJob claim) {
    return new CompletionBuilder(claim.lease(), claim.job().attempt(), claim.job().fireAt());
  }

  /** A completion of the claim {@code lease}: COMPLETED, attempt 1, nothing else. */
  protected static CompletionBuilder completing(LeaseRef lease) {
    return new CompletionBuilder(lease, 1, START);
  }

  /**
   * A history row of job {@code jobId} ({@link #TYPE}) for {@link #START}, run by {@link #NODE}.
   */
  protected static JobAttempt historyRow(String jobId, int attempt, Instant finishedAt) {
    return new JobAttempt(
        jobId, TYPE, attempt, START, START, finishedAt, Outcome.SUCCEEDED, null, NODE);
  }

  // ---------------------------------------------------------------- admin

  /** Applies {@code command}, which must be applied; the job afterwards. */
  protected JobSnapshot applied(String id, AdminCommand command) {
    AdminResult result = store.apply(id, command);
    assertThat(result).as("%s of %s", command.name(), id).isInstanceOf(AdminResult.Applied.class);
    return ((AdminResult.Applied) result).job();
  }

  /**
   * A job of {@link #TYPE} in {@code status}, created now (for RUNNING and the statuses a run ends
   * in, it is claimed by {@link #NODE}, so no other job of the type may be due).
   */
  protected JobSnapshot jobIn(JobStatus status, String id) {
    JobStatus initial = status == JobStatus.PAUSED ? JobStatus.PAUSED : JobStatus.SCHEDULED;
    insert(new NewJob(id, TYPE, null, TRIGGER, 0, MISFIRE, null, now(), initial));
    switch (status) {
      case SCHEDULED, PAUSED -> {}
      case CANCELLED -> applied(id, new AdminCommand.Cancel());
      case RUNNING -> claim(id);
      default -> assertThat(complete(completing(claim(id)).status(status).build())).isTrue();
    }
    JobSnapshot job = find(id);
    assertThat(job.status()).isEqualTo(status);
    return job;
  }

  // ---------------------------------------------------------------- concurrency

  /**
   * Runs {@code tasks} on one thread each, released together by a start gate; their results in
   * order. The timeouts only keep a deadlocked store from hanging the build.
   */
  protected static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch ready = new CountDownLatch(tasks.size());
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  start.await();
                  return task.call();
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads started").isTrue();
      start.countDown();
      List<T> results = new ArrayList<>(tasks.size());
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Builds a {@link Completion}; COMPLETED unless told otherwise. */
  protected static final class CompletionBuilder {
    private final LeaseRef lease;
    private JobStatus status = JobStatus.COMPLETED;
    private Instant nextRunAt;
    private Duration delay;
    private Instant fireAt;
    private int attempt;
    private String error;
    private boolean clearSteps;
    private JobAttempt history;
    private List<NewJob> followUps = List.of();

    private CompletionBuilder(LeaseRef lease, int attempt, Instant fireAt) {
      this.lease = lease;
      this.attempt = attempt;
      this.fireAt = fireAt;
    }

    /** SCHEDULED for the fire time {@code next} (nextRunAt = fireAt = next). */
    public CompletionBuilder scheduledAt(Instant next) {
      status = JobStatus.SCHEDULED;
      nextRunAt = next;
      fireAt = next;
      delay = null;
      return this;
    }

    /** SCHEDULED {@code delay} after the store's now, for the same fire time. */
    public CompletionBuilder retryIn(Duration retryDelay) {
      status = JobStatus.SCHEDULED;
      delay = retryDelay;
      nextRunAt = null;
      return this;
    }

    /** A status a run ends in other than SCHEDULED. */
    public CompletionBuilder status(JobStatus newStatus) {
      status = newStatus;
      return this;
    }

    public CompletionBuilder fireAt(Instant at) {
      fireAt = at;
      return this;
    }

    public CompletionBuilder attempt(int count) {
      attempt = count;
      return this;
    }

    public CompletionBuilder error(String message) {
      error = message;
      return this;
    }

    public CompletionBuilder clearSteps(boolean clear) {
      clearSteps = clear;
      return this;
    }

    public CompletionBuilder history(JobAttempt row) {
      history = row;
      return this;
    }

    public CompletionBuilder followUps(NewJob... jobs) {
      followUps = List.of(jobs);
      return this;
    }

    /** The completion; like the engine's, it has no times unless SCHEDULED. */
    public Completion build() {
      boolean scheduled = status == JobStatus.SCHEDULED;
      return new Completion(
          lease,
          status,
          scheduled ? nextRunAt : null,
          scheduled ? delay : null,
          scheduled ? fireAt : null,
          attempt,
          error,
          clearSteps,
          history,
          followUps);
    }
  }
}
