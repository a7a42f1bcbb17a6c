package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobAttempt.Outcome;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.NewJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link JobStoreContract}: complete. */
public abstract class CompletionContract extends LeaseContract {

  @Test
  void aScheduledCompletionWithAnAbsoluteTimeStoresNextRunAndFireTime() {
    ClaimedJob claim = insertAndClaim("job-1");
    clock.advance(Duration.ofSeconds(3));

    assertThat(complete(completing(claim).scheduledAt(at(600)).fireAt(at(300)).attempt(0).build()))
        .isTrue();

    JobSnapshot expected =
        new JobSnapshot(
            "job-1",
            TYPE,
            JobStatus.SCHEDULED,
            TRIGGER,
            null,
            0,
            MISFIRE,
            null,
            at(600),
            at(300),
            0,
            1L,
            null,
            null,
            null,
            null,
            START,
            now());
    assertThat(find("job-1")).isEqualTo(expected);
  }

  @Test
  void aScheduledCompletionWithADelayIsTimedByTheStoresClock() {
    ClaimedJob claim = insertAndClaim("job-1");
    clock.advance(Duration.ofSeconds(7).plus(MICROSECOND));

    assertThat(
            complete(
                completing(claim)
                    .retryIn(Duration.ofSeconds(90))
                    .attempt(1)
                    .error("java.io.IOException: timeout")
                    .build()))
        .isTrue();

    JobSnapshot job = find("job-1");
    assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(job.nextRunAt()).hasValue(now().plusSeconds(90));
    assertThat(job.fireAt()).isEqualTo(START);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.lastError()).hasValue("java.io.IOException: timeout");
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.leaseUntil()).isEmpty();
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(claimAll(NODE, TYPES)).isEmpty();

    clock.advance(Duration.ofSeconds(90));
    assertThat(claim("job-1").job().attempt()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(names = {"COMPLETED", "FAILED", "NEEDS_REVIEW", "CANCELLED"})
  void aFinalCompletionClearsTheLeaseAndTheNextRun(JobStatus status) {
    ClaimedJob claim = insertAndClaim("job-1");
    clock.advance(Duration.ofSeconds(2));

    assertThat(complete(completing(claim).status(status).attempt(1).error("the error").build()))
        .isTrue();

    JobSnapshot job = find("job-1");
    assertThat(job.status()).isEqualTo(status);
    assertThat(job.nextRunAt()).isEmpty();
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.leaseUntil()).isEmpty();
    assertThat(job.pendingAction()).isEmpty();
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.fencingToken()).isEqualTo(1L);
    assertThat(job.lastError()).hasValue("the error");
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(store.nextDueAt(TYPES)).isEmpty();
    assertThat(claimAll(NODE, TYPES)).isEmpty();
  }

  @Test
  void aNullErrorClearsTheLastError() {
    ClaimedJob first = insertAndClaim("job-1");
    complete(completing(first).retryIn(Duration.ZERO).attempt(1).error("boom").build());
    assertThat(find("job-1").lastError()).hasValue("boom");

    ClaimedJob second = claim("job-1");
    complete(completing(second).scheduledAt(at(3600)).attempt(0).error(null).build());

    assertThat(find("job-1").lastError()).isEmpty();
  }

  @Test
  void errorsAsLongAsTheEngineWritesAreStoredInFull() {
    String prefix = "java.lang.IllegalStateException: ";
    String error = prefix + "ü".repeat(2000 - prefix.length()) + "…";
    assertThat(error).hasSize(2001);
    ClaimedJob claim = insertAndClaim("job-1");
    JobAttempt row =
        new JobAttempt("job-1", TYPE, 1, START, START, now(), Outcome.FAILED, error, NODE);

    complete(completing(claim).status(JobStatus.FAILED).error(error).history(row).build());

    assertThat(find("job-1").lastError()).hasValue(error);
    assertThat(store.history("job-1", 0, 10).items()).containsExactly(row);
  }

  @Test
  void theHistoryRowIsAppendedExactlyAsGiven() {
    ClaimedJob first = insertAndClaim("job-1");
    clock.advance(Duration.ofSeconds(2));
    JobAttempt failed =
        new JobAttempt(
            "job-1",
            TYPE,
            1,
            START,
            START.plus(MICROSECOND),
            now(),
            Outcome.FAILED,
            "java.lang.IllegalStateException: Zoë",
            NODE);
    complete(completing(first).retryIn(Duration.ZERO).attempt(1).history(failed).build());
    ClaimedJob second = claim("job-1");
    clock.advance(LEASE.plusSeconds(1));
    ClaimedJob takeover = store.claimExpired(OTHER_NODE, TYPES, 1, LEASE).get(0).claim();
    JobAttempt expired =
        new JobAttempt("job-1", TYPE, 2, START, null, now(), Outcome.LEASE_EXPIRED, null, NODE);

    complete(completing(takeover).status(JobStatus.NEEDS_REVIEW).history(expired).build());

    Page<JobAttempt> history = store.history("job-1", 0, 10);
    assertThat(history.items()).containsExactly(expired, failed);
    assertThat(history.offset()).isZero();
    assertThat(history.hasMore()).isFalse();
    assertThat(second.job().fencingToken()).isLessThan(takeover.job().fencingToken());
  }

  @Test
  void aCompletionWithoutAHistoryRowAppendsNone() {
    ClaimedJob claim = insertAndClaim("job-1");

    complete(completing(claim).retryIn(Duration.ZERO).build());

    assertThat(store.history("job-1", 0, 10).items()).isEmpty();
  }

  @Test
  void followUpsAreInsertedWithTheCompletionHonouringUniqueKeys() {
    JobSnapshot holder = insert(withKey("job-0", OTHER_TYPE, "taken-key", at(3600)));
    ClaimedJob claim = insertAndClaim("job-1");
    clock.advance(Duration.ofSeconds(1));
    NewJob fresh =
        new NewJob(
            "job-2",
            OTHER_TYPE,
            "{\"parent\":\"job-1\"}",
            RECURRING,
            4,
            MISFIRE,
            "fresh-key",
            at(60),
            JobStatus.SCHEDULED);
    NewJob duplicate = withKey("job-3", OTHER_TYPE, "taken-key", at(60));
    NewJob existingId = newJob("job-0", TYPE, at(5));

    assertThat(complete(completing(claim).followUps(fresh, duplicate, existingId).build()))
        .isTrue();

    assertThat(find("job-2")).isEqualTo(asInserted(fresh, now()));
    assertThat(store.find("job-3")).isEmpty();
    assertThat(find("job-0")).isEqualTo(holder);
    assertThat(find("job-1").status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aCompletionResubmittedAfterTheJobWasClaimedAgainIsReportedAppliedAndChangesNothing() {
    ClaimedJob first = insertAndClaim("job-1");
    store.saveStep(first.lease(), "fetch", "1");
    complete(completing(first).retryIn(Duration.ZERO).attempt(1).build());
    claim("job-1");
    JobSnapshot before = find("job-1");
    clock.advance(Duration.ofSeconds(1));
    Completion stale =
        completing(first)
            .clearSteps(true)
            .history(historyRow("job-1", 1, now()))
            .followUps(newJob("job-9", OTHER_TYPE, at(60)))
            .build();

    assertThat(store.complete(List.of(stale)))
        .as("that claim's completion was applied before").containsExactly(true);

    assertThat(find("job-1")).isEqualTo(before);
    assertThat(store.steps("job-1")).isEqualTo(Map.of("fetch", "1"));
    assertThat(store.history("job-1", 0, 10).items()).isEmpty();
    assertThat(store.find("job-9")).isEmpty();
  }

  @Test
  void aCompletionOfAJobNotRunningUnderTheTokenIsRefused() {
    ClaimedJob claim = insertAndClaim("job-1");
    JobSnapshot scheduled = insert(newJob("job-2", TYPE, at(3600)));
    assertThat(complete(completing(claim).build())).isTrue();
    JobSnapshot completed = find("job-1");

    assertThat(complete(completing(new LeaseRef("job-1", claim.lease().fencingToken() + 1))
        .build())).isFalse();
    assertThat(complete(completing(new LeaseRef("job-2", 0L)).build())).isFalse();
    assertThat(complete(completing(new LeaseRef("no-such-job", 1L)).build())).isFalse();

    assertThat(find("job-1")).isEqualTo(completed);
    assertThat(find("job-2")).isEqualTo(scheduled);
    assertThat(store.find("no-such-job")).isEmpty();
  }

  @Test
  void aCompletionResubmittedAfterAnAmbiguousCommitIsReportedAppliedButAppliedOnce() {
    // the commit succeeded but the client saw an error, so the engine submits it again
    ClaimedJob claim = insertAndClaim("job-1");
    Completion completion = completing(claim)
        .history(historyRow("job-1", 1, now()))
        .followUps(newJob("job-9", OTHER_TYPE, at(60)))
        .build();
    assertThat(store.complete(List.of(completion))).containsExactly(true);
    JobSnapshot completed = find("job-1");
    clock.advance(Duration.ofSeconds(1));

    assertThat(store.complete(List.of(completion))).containsExactly(true);

    assertThat(find("job-1")).isEqualTo(completed);
    assertThat(store.history("job-1", 0, 10).items()).hasSize(1);
    assertThat(store.list(JobQuery.builder().type(OTHER_TYPE).build()).items()).hasSize(1);
  }

  @Test
  void eachCompletionOfABatchIsJudgedOnItsOwn() {
    ClaimedJob first = insertAndClaim("job-1");
    ClaimedJob second = insertAndClaim("job-2");
    Completion stale = completing(new LeaseRef("job-1", first.lease().fencingToken() - 1)).build();

    List<Boolean> applied = store.complete(List.of(stale, completing(second).build()));

    assertThat(applied).containsExactly(false, true);
    assertThat(find("job-1")).isEqualTo(first.job());
    assertThat(find("job-2").status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(store.complete(List.of())).isEmpty();
  }

  @Test
  void aPendingCancelTurnsAScheduledCompletionIntoCancelled() {
    ClaimedJob claim = insertAndClaim("job-1");
    applied("job-1", new AdminCommand.Cancel());
    clock.advance(Duration.ofSeconds(2));
    JobAttempt row =
        new JobAttempt("job-1", TYPE, 1, START, START, now(), Outcome.FAILED, "boom", NODE);

    assertThat(
            complete(
                completing(claim)
                    .retryIn(Duration.ofSeconds(30))
                    .attempt(1)
                    .error("boom")
                    .history(row)
                    .build()))
        .isTrue();

    JobSnapshot job = find("job-1");
    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(job.nextRunAt()).isEmpty();
    assertThat(job.pendingAction()).isEmpty();
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.leaseUntil()).isEmpty();
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.lastError()).hasValue("boom");
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(store.history("job-1", 0, 10).items()).containsExactly(row);
    assertThat(store.nextDueAt(TYPES)).isEmpty();
  }

  @Test
  void aPendingPauseTurnsAScheduledCompletionIntoPausedKeepingTheNextRun() {
    ClaimedJob claim = insertAndClaim("job-1");
    applied("job-1", new AdminCommand.Pause());
    clock.advance(Duration.ofSeconds(2));

    assertThat(complete(completing(claim).scheduledAt(at(3600)).attempt(0).build())).isTrue();

    JobSnapshot job = find("job-1");
    assertThat(job.status()).isEqualTo(JobStatus.PAUSED);
    assertThat(job.nextRunAt()).hasValue(at(3600));
    assertThat(job.fireAt()).isEqualTo(at(3600));
    assertThat(job.pendingAction()).isEmpty();
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.leaseUntil()).isEmpty();
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(store.nextDueAt(TYPES)).isEmpty();

    JobSnapshot resumed = applied("job-1", new AdminCommand.Resume());
    assertThat(resumed.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(resumed.nextRunAt()).hasValue(at(3600));
  }

  @Test
  void aPendingPauseAppliesToADelayedCompletionToo() {
    ClaimedJob claim = insertAndClaim("job-1");
    applied("job-1", new AdminCommand.Pause());
    clock.advance(Duration.ofSeconds(2));

    complete(completing(claim).retryIn(Duration.ofSeconds(30)).attempt(1).build());

    JobSnapshot job = find("job-1");
    assertThat(job.status()).isEqualTo(JobStatus.PAUSED);
    assertThat(job.nextRunAt()).hasValue(now().plusSeconds(30));
    assertThat(job.fireAt()).isEqualTo(START);
    assertThat(job.pendingAction()).isEmpty();
  }

  @Test
  void aPendingActionDoesNotChangeAFinalCompletion() {
    ClaimedJob toPause = insertAndClaim("job-1");
    ClaimedJob toCancel = insertAndClaim("job-2");
    applied("job-1", new AdminCommand.Pause());
    applied("job-2", new AdminCommand.Cancel());

    complete(completing(toPause).build());
    complete(completing(toCancel).status(JobStatus.FAILED).error("boom").build());

    assertThat(find("job-1").status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(find("job-1").pendingAction()).isEmpty();
    assertThat(find("job-2").status()).isEqualTo(JobStatus.FAILED);
    assertThat(find("job-2").pendingAction()).isEmpty();
  }
}
