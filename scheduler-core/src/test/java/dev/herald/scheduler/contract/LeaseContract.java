package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.RecoveredJob;
import dev.herald.scheduler.spi.RenewResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link JobStoreContract}: renew, saveStep and steps, claimExpired. */
public abstract class LeaseContract extends InsertAndClaimContract {

  // ---------------------------------------------------------------- renew

  @Test
  void renewExtendsHeldLeasesFromTheStoresNow() {
    ClaimedJob first = insertAndClaim("job-1");
    ClaimedJob second = insertAndClaim("job-2");
    clock.advance(Duration.ofSeconds(10).plus(MICROSECOND));

    RenewResult result =
        store.renew(List.of(first.lease(), second.lease()), Duration.ofSeconds(45));

    assertThat(result.lost()).isEmpty();
    assertThat(result.pendingActions()).isEmpty();
    for (ClaimedJob claim : List.of(first, second)) {
      JobSnapshot job = find(claim.job().id());
      assertThat(job.leaseUntil()).hasValue(now().plusSeconds(45));
      assertThat(job.leaseOwner()).hasValue(NODE);
      assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
      assertThat(job.fencingToken()).isEqualTo(claim.job().fencingToken());
      assertThat(job.attempt()).isEqualTo(1);
    }
  }

  @Test
  void renewReportsWrongTokensFinishedJobsAndUnknownIdsAsLost() {
    ClaimedJob held = insertAndClaim("job-1");
    ClaimedJob finished = insertAndClaim("job-2");
    assertThat(complete(completing(finished).build())).isTrue();
    JobSnapshot finishedJob = find("job-2");
    LeaseRef olderToken = new LeaseRef("job-1", held.lease().fencingToken() - 1);
    LeaseRef newerToken = new LeaseRef("job-1", held.lease().fencingToken() + 1);
    LeaseRef unknown = new LeaseRef("no-such-job", 1L);
    clock.advance(Duration.ofSeconds(5));

    RenewResult result =
        store.renew(
            List.of(held.lease(), olderToken, newerToken, finished.lease(), unknown), LEASE);

    assertThat(result.lost())
        .containsExactlyInAnyOrder(olderToken, newerToken, finished.lease(), unknown);
    assertThat(find("job-1").leaseUntil()).hasValue(now().plus(LEASE));
    assertThat(find("job-2")).isEqualTo(finishedJob);
    assertThat(store.find("no-such-job")).isEmpty();
  }

  @Test
  void aLeaseThatExpiredButWasNotTakenOverCanStillBeRenewed() {
    ClaimedJob claim = insertAndClaim("job-1");
    clock.advance(LEASE.plusSeconds(5));

    RenewResult result = store.renew(List.of(claim.lease()), LEASE);

    assertThat(result.lost()).isEmpty();
    assertThat(find("job-1").leaseUntil()).hasValue(now().plus(LEASE));
    assertThat(store.claimExpired(OTHER_NODE, TYPES, 10, LEASE)).isEmpty();
  }

  @Test
  void renewReportsPendingActionsOfRenewedJobs() {
    ClaimedJob toPause = insertAndClaim("job-1");
    ClaimedJob toCancel = insertAndClaim("job-2");
    ClaimedJob untouched = insertAndClaim("job-3");
    applied("job-1", new AdminCommand.Pause());
    applied("job-2", new AdminCommand.Cancel());

    RenewResult result =
        store.renew(List.of(toPause.lease(), toCancel.lease(), untouched.lease()), LEASE);

    assertThat(result.lost()).isEmpty();
    assertThat(result.pendingActions())
        .isEqualTo(Map.of("job-1", PendingAction.PAUSE, "job-2", PendingAction.CANCEL));
  }

  @Test
  void renewOfNoLeasesFindsNothing() {
    RenewResult result = store.renew(List.of(), LEASE);

    assertThat(result.lost()).isEmpty();
    assertThat(result.pendingActions()).isEmpty();
  }

  // ---------------------------------------------------------------- steps

  @Test
  void saveStepStoresAndOverwritesStepsUnderTheCurrentToken() {
    ClaimedJob claim = insertAndClaim("job-1");
    assertThat(store.steps("job-1")).isEmpty();

    assertThat(store.saveStep(claim.lease(), "fetch", "{\"rows\":3}")).isTrue();
    assertThat(store.saveStep(claim.lease(), "send", "ok")).isTrue();
    assertThat(store.saveStep(claim.lease(), "fetch", "{\"rows\":4}")).isTrue();

    assertThat(store.steps("job-1")).isEqualTo(Map.of("fetch", "{\"rows\":4}", "send", "ok"));
  }

  @Test
  void saveStepWithoutTheLeaseStoresNothing() {
    ClaimedJob claim = insertAndClaim("job-1");
    assertThat(store.saveStep(claim.lease(), "fetch", "1")).isTrue();
    long token = claim.lease().fencingToken();
    insert(newJob("job-2", TYPE, at(3600)));

    assertThat(store.saveStep(new LeaseRef("job-1", token - 1), "fetch", "2")).isFalse();
    assertThat(store.saveStep(new LeaseRef("job-1", token + 1), "other", "2")).isFalse();
    assertThat(store.saveStep(new LeaseRef("job-2", 0L), "fetch", "2")).isFalse();
    assertThat(store.saveStep(new LeaseRef("no-such-job", 1L), "fetch", "2")).isFalse();
    assertThat(complete(completing(claim).build())).isTrue();
    assertThat(store.saveStep(claim.lease(), "late", "2")).isFalse();

    assertThat(store.steps("job-1")).isEqualTo(Map.of("fetch", "1"));
    assertThat(store.steps("job-2")).isEmpty();
    assertThat(store.steps("no-such-job")).isEmpty();
  }

  @Test
  void storedStepsComeWithTheNextClaimUntilACompletionClearsThem() {
    ClaimedJob first = insertAndClaim("job-1");
    store.saveStep(first.lease(), "fetch", "42");
    assertThat(
            complete(
                completing(first)
                    .retryIn(Duration.ZERO)
                    .attempt(1)
                    .error("boom")
                    .clearSteps(false)
                    .build()))
        .isTrue();
    assertThat(store.steps("job-1")).isEqualTo(Map.of("fetch", "42"));

    ClaimedJob second = claim("job-1");
    assertThat(second.steps()).isEqualTo(Map.of("fetch", "42"));
    store.saveStep(second.lease(), "send", "done");
    assertThat(
            complete(completing(second).scheduledAt(at(3600)).attempt(0).clearSteps(true).build()))
        .isTrue();
    assertThat(store.steps("job-1")).isEmpty();

    clock.set(at(3600));
    assertThat(claim("job-1").steps()).isEmpty();
  }

  // ---------------------------------------------------------------- claimExpired

  @Test
  void claimExpiredTakesOnlyLeasesThatExpiredBeforeNow() {
    ClaimedJob early = insertAndClaim("job-1");
    clock.advance(Duration.ofSeconds(10));
    ClaimedJob late = insertAndClaim("job-2");
    JobSnapshot scheduled = insert(newJob("job-3", TYPE, START));

    clock.set(early.job().leaseUntil().orElseThrow());
    assertThat(store.claimExpired(OTHER_NODE, TYPES, 10, LEASE)).isEmpty();

    clock.advance(MICROSECOND);
    List<RecoveredJob> recovered = store.claimExpired(OTHER_NODE, TYPES, 10, LEASE);

    assertThat(recovered).extracting(r -> r.claim().job().id()).containsExactly("job-1");
    assertThat(find("job-2")).isEqualTo(late.job());
    assertThat(find("job-3")).isEqualTo(scheduled);
  }

  @Test
  void claimExpiredHandsTheJobToTheNewOwnerWithANewToken() {
    ClaimedJob old = insertAndClaim("job-1");
    store.saveStep(old.lease(), "fetch", "42");
    clock.advance(LEASE.plusSeconds(10).plus(MICROSECOND));

    List<RecoveredJob> recovered =
        store.claimExpired(OTHER_NODE, TYPES, 10, Duration.ofSeconds(60));

    assertThat(recovered).hasSize(1);
    RecoveredJob takeover = recovered.get(0);
    assertThat(takeover.previousOwner()).isEqualTo(NODE);
    assertThat(takeover.expiredAt()).isEqualTo(old.job().leaseUntil().orElseThrow());
    assertThat(takeover.claim().claimedAt()).isEqualTo(now());
    assertThat(takeover.claim().steps()).isEqualTo(Map.of("fetch", "42"));
    JobSnapshot job = takeover.claim().job();
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(job.leaseOwner()).hasValue(OTHER_NODE);
    assertThat(job.leaseUntil()).hasValue(now().plusSeconds(60));
    assertThat(job.fencingToken()).isEqualTo(old.job().fencingToken() + 1);
    assertThat(job.attempt()).isEqualTo(old.job().attempt());
    assertThat(job.nextRunAt()).isEqualTo(old.job().nextRunAt());
    assertThat(job.fireAt()).isEqualTo(old.job().fireAt());
    assertThat(job.createdAt()).isEqualTo(old.job().createdAt());
    assertThat(find("job-1")).isEqualTo(job);
  }

  @Test
  void thePreviousOwnerLosesAJobTakenOver() {
    ClaimedJob old = insertAndClaim("job-1");
    clock.advance(LEASE.plusSeconds(1));
    ClaimedJob takeover = store.claimExpired(OTHER_NODE, TYPES, 10, LEASE).get(0).claim();
    JobSnapshot taken = find("job-1");

    assertThat(store.renew(List.of(old.lease()), LEASE).lost()).containsExactly(old.lease());
    assertThat(store.saveStep(old.lease(), "late", "x")).isFalse();
    assertThat(
            complete(
                completing(old)
                    .history(historyRow("job-1", 1, now()))
                    .followUps(newJob("job-9", OTHER_TYPE, at(60)))
                    .build()))
        .isFalse();

    assertThat(find("job-1")).isEqualTo(taken);
    assertThat(store.steps("job-1")).isEmpty();
    assertThat(store.history("job-1", 0, 10).items()).isEmpty();
    assertThat(store.find("job-9")).isEmpty();
    assertThat(complete(completing(takeover).status(JobStatus.NEEDS_REVIEW).build())).isTrue();
    assertThat(find("job-1").status()).isEqualTo(JobStatus.NEEDS_REVIEW);
  }

  @Test
  void claimExpiredIgnoresOtherTypesAndRespectsTheLimit() {
    insertAndClaim("job-1");
    insertAndClaim("job-2");
    insertAndClaim("job-3");
    insert(newJob("job-4", OTHER_TYPE, START));
    ClaimedJob other = claim("job-4");
    clock.advance(LEASE.plusSeconds(1));

    List<RecoveredJob> firstBatch = store.claimExpired(OTHER_NODE, TYPES, 2, LEASE);
    List<RecoveredJob> secondBatch = store.claimExpired(OTHER_NODE, TYPES, 2, LEASE);

    assertThat(firstBatch).hasSize(2);
    assertThat(secondBatch).hasSize(1);
    assertThat(store.claimExpired(OTHER_NODE, TYPES, 2, LEASE)).isEmpty();
    assertThat(store.claimExpired(OTHER_NODE, Set.of(), 2, LEASE)).isEmpty();
    assertThat(List.of(firstBatch, secondBatch))
        .flatExtracting(batch -> batch.stream().map(r -> r.claim().job().id()).toList())
        .containsExactlyInAnyOrder("job-1", "job-2", "job-3");
    assertThat(find("job-4")).isEqualTo(other.job());
  }

  @Test
  void scheduledJobsAndLiveLeasesAreNotTakenOver() {
    ClaimedJob live = insertAndClaim("job-2");
    JobSnapshot scheduled = insert(newJob("job-1", TYPE, at(-3600)));

    assertThat(store.claimExpired(OTHER_NODE, TYPES, 10, LEASE)).isEmpty();
    assertThat(find("job-1")).isEqualTo(scheduled);
    assertThat(find("job-2")).isEqualTo(live.job());
  }

  @Test
  @Timeout(120)
  void aCompletionRacingATakeoverEitherAppliesOrIsRefused() throws Exception {
    for (int i = 0; i < 40; i++) {
      insert(newJob(String.format("job-%02d", i), TYPE, START));
    }
    List<ClaimedJob> claims = claimAll(NODE, TYPES);
    assertThat(claims).hasSize(40);
    clock.advance(LEASE.plusSeconds(1));
    Callable<Set<String>> completer =
        () -> {
          Set<String> applied = new HashSet<>();
          for (ClaimedJob claim : claims) {
            if (complete(completing(claim).build())) {
              applied.add(claim.job().id());
            }
          }
          return applied;
        };
    Callable<Set<String>> recoverer =
        () -> {
          Set<String> recovered = new HashSet<>();
          List<RecoveredJob> batch;
          while (!(batch = store.claimExpired(OTHER_NODE, TYPES, 3, LEASE)).isEmpty()) {
            batch.forEach(r -> assertThat(recovered.add(r.claim().job().id())).isTrue());
          }
          return recovered;
        };

    List<Set<String>> results = race(List.of(completer, recoverer));

    Set<String> completed = results.get(0);
    Set<String> recovered = results.get(1);
    Set<String> both = new HashSet<>(completed);
    both.retainAll(recovered);
    assertThat(both).as("jobs both completed and taken over").isEmpty();
    Set<String> either = new HashSet<>(completed);
    either.addAll(recovered);
    assertThat(either).containsExactlyInAnyOrderElementsOf(ids(claims));
    for (String id : completed) {
      assertThat(find(id).status()).as(id).isEqualTo(JobStatus.COMPLETED);
    }
    for (String id : recovered) {
      JobSnapshot job = find(id);
      assertThat(job.status()).as(id).isEqualTo(JobStatus.RUNNING);
      assertThat(job.leaseOwner()).as(id).hasValue(OTHER_NODE);
      assertThat(job.fencingToken()).as(id).isEqualTo(2L);
    }
  }
}
