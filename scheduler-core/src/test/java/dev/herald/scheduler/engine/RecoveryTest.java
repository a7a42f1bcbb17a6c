package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.RecoveryPolicy;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Work claimed by a node that dies is taken over, by the type's recovery policy. */
class RecoveryTest {
  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
  private final JobStore store = JobStore.inMemory(clock);

  private ClaimedJob claimAsDeadNode(String type) {
    List<ClaimedJob> claims = store.claimDue("dead-node", Set.of(type), 1, Duration.ofSeconds(30));
    assertThat(claims).hasSize(1);
    return claims.get(0);
  }

  @Test
  void expiredLeaseIsRunAgainAndTheDeadNodesLateCompletionChangesNothing() {
    RecordingJob job = RecordingJob.succeeding();
    try (TestScheduler scheduler = TestScheduler.create(
        Scheduler.builder().clock(clock).store(store).register("sync", job))) {
      String id = scheduler.client().schedule(JobRequest.now("sync")).id();
      ClaimedJob zombie = claimAsDeadNode("sync");

      clock.advance(Duration.ofSeconds(29));
      assertThat(scheduler.recoverExpired()).as("lease still valid").isEmpty();

      clock.advance(Duration.ofSeconds(2));
      List<JobAttempt> recovered = scheduler.recoverExpired();
      assertThat(recovered).singleElement().satisfies(a -> {
        assertThat(a.outcome()).isEqualTo(JobAttempt.Outcome.LEASE_EXPIRED);
        assertThat(a.node()).isEqualTo("dead-node");
        assertThat(a.error().orElseThrow()).contains("lease of node dead-node expired");
      });
      scheduler.runDue();
      assertThat(job.attempts()).as("the recovered run counts as attempt 2").containsExactly(2);
      assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);

      Completion late = new Completion(zombie.lease(), JobStatus.FAILED, null, null, null, 1,
          "zombie says it failed", false, null, List.of());
      assertThat(store.complete(List.of(late))).containsExactly(false);
      assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void jobWhoseRepetitionCouldDoHarmIsParkedForReview() {
    RecordingJob job = RecordingJob.succeeding();
    try (TestScheduler scheduler = TestScheduler.create(Scheduler.builder().clock(clock)
        .store(store).register("charge", job,
            JobOptions.builder().recoveryPolicy(RecoveryPolicy.NEEDS_REVIEW).build()))) {
      String id = scheduler.client().schedule(JobRequest.now("charge")).id();
      claimAsDeadNode("charge");
      clock.advance(Duration.ofMinutes(1));

      scheduler.recoverExpired();
      scheduler.runDue();

      JobSnapshot parked = store.find(id).orElseThrow();
      assertThat(parked.status()).isEqualTo(JobStatus.NEEDS_REVIEW);
      assertThat(parked.lastError().orElseThrow()).contains("outcome unknown");
      assertThat(job.runs()).as("never re-run automatically").isEmpty();

      scheduler.client().retry(id);
      scheduler.runDue();
      assertThat(job.runs()).as("a human chose to run it again").hasSize(1);
    }
  }
}
