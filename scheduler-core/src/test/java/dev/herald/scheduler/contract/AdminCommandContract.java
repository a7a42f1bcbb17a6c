package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobSnapshot.PendingAction;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.AdminResult;
import dev.herald.scheduler.spi.ClaimedJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link JobStoreContract}: apply and the admin commands. */
public abstract class AdminCommandContract extends CompletionContract {

  /** One of each command. */
  private static List<AdminCommand> everyCommand() {
    return List.of(
        new AdminCommand.Pause(),
        new AdminCommand.Resume(),
        new AdminCommand.RunNow(at(60)),
        new AdminCommand.Cancel(),
        new AdminCommand.Reschedule(RECURRING, at(60)),
        new AdminCommand.Retry(at(60)),
        new AdminCommand.Retry(at(60), Set.of("fetch")),
        new AdminCommand.UpdatePayload("{\"edited\":true}"),
        new AdminCommand.Resolve(Map.of("result", "remote-1"), "found published by hand"));
  }

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void commandsAreRefusedInStatusesTheyDoNotApplyTo(JobStatus status) {
    JobSnapshot job = jobIn(status, "job-1");
    clock.advance(Duration.ofSeconds(1));

    for (AdminCommand command : everyCommand()) {
      if (!command.appliesTo().contains(status)) {
        assertThat(store.apply("job-1", command))
            .as(command.name())
            .isEqualTo(new AdminResult.WrongStatus(status));
        assertThat(find("job-1")).as("job after refused %s", command.name()).isEqualTo(job);
      }
    }
  }

  @Test
  void commandsOnAnUnknownJobFindNothing() {
    for (AdminCommand command : everyCommand()) {
      assertThat(store.apply("no-such-job", command))
          .as(command.name())
          .isEqualTo(new AdminResult.NotFound());
    }
    assertThat(store.list(JobQuery.all()).items()).isEmpty();
  }

  // ---------------------------------------------------------------- pause and resume

  @Test
  void pausePausesAScheduledJobKeepingItsNextRun() {
    JobSnapshot scheduled = insert(newJob("job-1", TYPE, at(60)));
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot paused = applied("job-1", new AdminCommand.Pause());

    assertThat(paused.status()).isEqualTo(JobStatus.PAUSED);
    assertThat(paused.nextRunAt()).isEqualTo(scheduled.nextRunAt());
    assertThat(paused.fireAt()).isEqualTo(scheduled.fireAt());
    assertThat(paused.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(paused);
    clock.set(at(120));
    assertThat(store.nextDueAt(TYPES)).isEmpty();
    assertThat(claimAll(NODE, TYPES)).isEmpty();
  }

  @Test
  void pauseOfARunningJobLeavesAPendingPause() {
    ClaimedJob claim = insertAndClaim("job-1");
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.Pause());

    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(job.pendingAction()).hasValue(PendingAction.PAUSE);
    assertThat(job.leaseOwner()).hasValue(NODE);
    assertThat(job.leaseUntil()).isEqualTo(claim.job().leaseUntil());
    assertThat(job.fencingToken()).isEqualTo(claim.job().fencingToken());
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
  }

  @Test
  void resumeSchedulesAPausedJobAtItsNextRun() {
    insert(paused("job-1", at(-60)));
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.Resume());

    assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(job.nextRunAt()).hasValue(at(-60));
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
    assertThat(claim("job-1").job().fireAt()).isEqualTo(at(-60));
  }

  @Test
  void resumeOfARunningJobWithdrawsAPendingPause() {
    ClaimedJob claim = insertAndClaim("job-1");
    applied("job-1", new AdminCommand.Pause());
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.Resume());

    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(job.pendingAction()).isEmpty();
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(store.renew(List.of(claim.lease()), LEASE).pendingActions()).isEmpty();
    complete(completing(claim).scheduledAt(at(3600)).build());
    assertThat(find("job-1").status()).isEqualTo(JobStatus.SCHEDULED);
  }

  @Test
  void aPendingCancelWinsOverPauseAndResume() {
    insertAndClaim("job-1");
    applied("job-1", new AdminCommand.Cancel());

    assertThat(applied("job-1", new AdminCommand.Pause()).pendingAction())
        .hasValue(PendingAction.CANCEL);
    assertThat(applied("job-1", new AdminCommand.Resume()).pendingAction())
        .hasValue(PendingAction.CANCEL);
  }

  // ---------------------------------------------------------------- run now

  @Test
  void runNowMakesAScheduledJobDueAtTheGivenTime() {
    insert(newJob("job-1", TYPE, at(3600)));
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.RunNow(now()));

    assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(job.nextRunAt()).hasValue(now());
    assertThat(job.fireAt()).isEqualTo(now());
    assertThat(job.attempt()).isZero();
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
    assertThat(claim("job-1").job().fireAt()).isEqualTo(now());
  }

  @Test
  void runNowOfAPendingRetryKeepsItsFireTime() {
    ClaimedJob claim = insertAndClaim("job-1");
    complete(completing(claim).retryIn(Duration.ofHours(1)).attempt(1).error("boom").build());
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.RunNow(now()));

    assertThat(job.nextRunAt()).hasValue(now());
    assertThat(job.fireAt()).isEqualTo(START);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.updatedAt()).isEqualTo(now());
  }

  // ---------------------------------------------------------------- cancel

  @ParameterizedTest
  @EnumSource(names = {"SCHEDULED", "PAUSED", "FAILED", "NEEDS_REVIEW"})
  void cancelCancelsAJobThatIsNotRunning(JobStatus status) {
    jobIn(status, "job-1");
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.Cancel());

    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(job.nextRunAt()).isEmpty();
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
    assertThat(store.nextDueAt(TYPES)).isEmpty();
  }

  @Test
  void cancelOfARunningJobLeavesAPendingCancelReplacingAPendingPause() {
    ClaimedJob claim = insertAndClaim("job-1");
    applied("job-1", new AdminCommand.Pause());
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.Cancel());

    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(job.pendingAction()).hasValue(PendingAction.CANCEL);
    assertThat(job.leaseOwner()).hasValue(NODE);
    assertThat(job.leaseUntil()).isEqualTo(claim.job().leaseUntil());
    assertThat(job.fencingToken()).isEqualTo(claim.job().fencingToken());
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
  }

  // ---------------------------------------------------------------- reschedule

  @ParameterizedTest
  @EnumSource(names = {"SCHEDULED", "PAUSED", "COMPLETED", "FAILED"})
  void rescheduleReplacesTheTriggerAndStartsAfresh(JobStatus status) {
    ClaimedJob claim = insertAndClaim("job-1");
    store.saveStep(claim.lease(), "fetch", "42");
    JobStatus ending = status == JobStatus.PAUSED ? JobStatus.SCHEDULED : status;
    var completion =
        ending == JobStatus.SCHEDULED
            ? completing(claim).retryIn(Duration.ofHours(1))
            : completing(claim).status(ending);
    complete(completion.attempt(1).error("boom").build());
    if (status == JobStatus.PAUSED) {
      applied("job-1", new AdminCommand.Pause());
    }
    assertThat(find("job-1").status()).isEqualTo(status);
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.Reschedule(RECURRING, at(7200)));

    assertThat(job.status())
        .isEqualTo(status == JobStatus.PAUSED ? JobStatus.PAUSED : JobStatus.SCHEDULED);
    assertThat(job.triggerSpec()).isEqualTo(RECURRING);
    assertThat(job.nextRunAt()).hasValue(at(7200));
    assertThat(job.fireAt()).isEqualTo(at(7200));
    assertThat(job.attempt()).isZero();
    assertThat(job.lastError()).isEmpty();
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
    assertThat(store.steps("job-1")).isEmpty();
  }

  @Test
  void aRescheduledJobRunsAtItsNewFirstRun() {
    ClaimedJob first = insertAndClaim("job-1");
    complete(completing(first).build());

    applied("job-1", new AdminCommand.Reschedule(RECURRING, at(60)));
    assertThat(store.nextDueAt(TYPES)).contains(at(60));
    clock.set(at(60));

    ClaimedJob second = claim("job-1");
    assertThat(second.job().attempt()).isEqualTo(1);
    assertThat(second.job().fireAt()).isEqualTo(at(60));
    assertThat(second.job().fencingToken()).isEqualTo(first.job().fencingToken() + 1);
  }

  // ---------------------------------------------------------------- retry

  @ParameterizedTest
  @EnumSource(names = {"FAILED", "NEEDS_REVIEW"})
  void retrySchedulesTheSameFireTimeAgainKeepingTheSteps(JobStatus status) {
    ClaimedJob claim = insertAndClaim("job-1");
    store.saveStep(claim.lease(), "fetch", "42");
    complete(completing(claim).status(status).attempt(3).error("boom").build());
    clock.advance(Duration.ofHours(1));

    JobSnapshot job = applied("job-1", new AdminCommand.Retry(now()));

    assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(job.nextRunAt()).hasValue(now());
    assertThat(job.fireAt()).as("the failed run's fire time").isEqualTo(START);
    assertThat(job.attempt()).isZero();
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
    assertThat(store.steps("job-1")).isEqualTo(Map.of("fetch", "42"));

    ClaimedJob again = claim("job-1");
    assertThat(again.job().attempt()).isEqualTo(1);
    assertThat(again.job().fireAt()).isEqualTo(START);
    assertThat(again.steps()).isEqualTo(Map.of("fetch", "42"));
  }
}
