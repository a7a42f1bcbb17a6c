package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.InsertResult;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.NewJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link JobStoreContract}: insert, claimDue, nextDueAt and now. */
public abstract class InsertAndClaimContract extends JobStoreContractSupport {

  // ---------------------------------------------------------------- now

  @Test
  void nowIsTheClocksTime() {
    assertThat(store.now()).isEqualTo(START);

    clock.advance(Duration.ofMinutes(5).plus(MICROSECOND));

    assertThat(store.now()).isEqualTo(START.plus(Duration.ofMinutes(5)).plus(MICROSECOND));
  }

  // ---------------------------------------------------------------- insert

  @Test
  void insertStoresEveryFieldAsGiven() {
    clock.advance(Duration.ofSeconds(5).plus(MICROSECOND));
    String payload = "{\"to\":\"Zoë Ødegård\",\"lines\":[1,2,3]}";
    NewJob job =
        new NewJob(
            "job-1",
            TYPE,
            payload,
            RECURRING,
            7,
            "skip-if-later-than:PT5M",
            "daily-report",
            at(60),
            JobStatus.SCHEDULED);

    InsertResult result = store.insert(job);

    JobSnapshot expected =
        new JobSnapshot(
            "job-1",
            TYPE,
            JobStatus.SCHEDULED,
            RECURRING,
            payload,
            7,
            "skip-if-later-than:PT5M",
            "daily-report",
            at(60),
            at(60),
            0,
            0L,
            null,
            null,
            null,
            null,
            now(),
            now());
    assertThat(result.created()).isTrue();
    assertThat(result.job()).isEqualTo(expected);
    assertThat(store.find("job-1")).contains(expected);
  }

  @Test
  void insertStoresAPausedJobWithoutPayloadOrKey() {
    NewJob job =
        new NewJob(
            "job-1", OTHER_TYPE, null, TRIGGER, -3, MISFIRE, null, at(-60), JobStatus.PAUSED);

    JobSnapshot inserted = insert(job);

    JobSnapshot expected = asInserted(job, START);
    assertThat(inserted).isEqualTo(expected);
    assertThat(store.find("job-1")).contains(expected);
    assertThat(claimAll(NODE, Set.of(OTHER_TYPE))).isEmpty();
  }

  @Test
  void findOfAnUnknownIdIsEmpty() {
    insert(newJob("job-1"));

    assertThat(store.find("job-2")).isEmpty();
  }

  @Test
  void insertingAnExistingIdReturnsTheExistingJobAndChangesNothing() {
    JobSnapshot original = insert(newJob("job-1"));
    clock.advance(Duration.ofSeconds(1));

    InsertResult again =
        store.insert(
            new NewJob(
                "job-1",
                OTHER_TYPE,
                "{}",
                RECURRING,
                9,
                MISFIRE,
                "other-key",
                at(99),
                JobStatus.PAUSED));

    assertThat(again.created()).isFalse();
    assertThat(again.job()).isEqualTo(original);
    assertThat(find("job-1")).isEqualTo(original);
    assertThat(store.insert(withKey("job-2", "other-key")).created())
        .as("the refused insert did not take its unique key")
        .isTrue();
  }

  @Test
  void insertingAnExistingUniqueKeyReturnsTheJobHoldingIt() {
    JobSnapshot original = insert(withKey("job-1", "daily-report"));
    clock.advance(Duration.ofSeconds(1));

    InsertResult again = store.insert(withKey("job-2", "daily-report"));

    assertThat(again.created()).isFalse();
    assertThat(again.job()).isEqualTo(original);
    assertThat(store.find("job-2")).isEmpty();
    assertThat(listIds(JobQuery.all())).containsExactly("job-1");
  }

  @Test
  void aUniqueKeyStaysTakenAfterItsJobFinished() {
    insert(withKey("job-1", "daily-report"));
    assertThat(complete(completing(claim("job-1")).build())).isTrue();
    JobSnapshot completed = find("job-1");

    InsertResult again = store.insert(withKey("job-2", "daily-report"));

    assertThat(again.created()).isFalse();
    assertThat(again.job()).isEqualTo(completed);
    assertThat(store.find("job-2")).isEmpty();
  }

  @Test
  void nullAndBlankUniqueKeysNeverCollide() {
    assertThat(store.insert(withKey("job-1", null)).created()).isTrue();
    assertThat(store.insert(withKey("job-2", null)).created()).isTrue();
    assertThat(store.insert(withKey("job-3", "")).created()).isTrue();
    assertThat(store.insert(withKey("job-4", "")).created()).isTrue();
    assertThat(store.insert(withKey("job-5", "  ")).created()).isTrue();

    assertThat(listIds(JobQuery.all()))
        .containsExactly("job-1", "job-2", "job-3", "job-4", "job-5");
  }

  @Test
  @Timeout(60)
  void concurrentInsertsOfOneUniqueKeyCreateOneJob() throws Exception {
    List<Callable<InsertResult>> inserts =
        IntStream.range(0, 8)
            .mapToObj(i -> (Callable<InsertResult>) () -> store.insert(withKey("job-" + i, "key")))
            .toList();

    List<InsertResult> results = race(inserts);

    List<InsertResult> created = results.stream().filter(InsertResult::created).toList();
    assertThat(created).hasSize(1);
    String winner = created.get(0).job().id();
    assertThat(results).allSatisfy(r -> assertThat(r.job().id()).isEqualTo(winner));
    assertThat(listIds(JobQuery.all())).containsExactly(winner);
  }

  // ---------------------------------------------------------------- claimDue

  @Test
  void claimDueTakesScheduledJobsDueAtOrBeforeNow() {
    insert(newJob("job-1", TYPE, now().minusSeconds(60)));
    insert(newJob("job-2", TYPE, now()));
    JobSnapshot notYetDue = insert(newJob("job-3", TYPE, now().plus(MICROSECOND)));

    assertThat(ids(claimAll(NODE, TYPES))).containsExactlyInAnyOrder("job-1", "job-2");
    assertThat(find("job-3")).isEqualTo(notYetDue);

    clock.advance(MICROSECOND);
    assertThat(ids(claimAll(NODE, TYPES))).containsExactly("job-3");
  }

  @Test
  void claimDueLeasesTheJobAndIncrementsItsAttemptAndToken() {
    insert(
        new NewJob(
            "job-1", TYPE, "{}", RECURRING, 2, MISFIRE, "key", at(-10), JobStatus.SCHEDULED));
    clock.advance(Duration.ofSeconds(5));

    List<ClaimedJob> claimed = store.claimDue(NODE, TYPES, 10, LEASE);

    JobSnapshot expected =
        new JobSnapshot(
            "job-1",
            TYPE,
            JobStatus.RUNNING,
            RECURRING,
            "{}",
            2,
            MISFIRE,
            "key",
            at(-10),
            at(-10),
            1,
            1L,
            NODE,
            now().plus(LEASE),
            null,
            null,
            START,
            now());
    assertThat(claimed).hasSize(1);
    ClaimedJob claim = claimed.get(0);
    assertThat(claim.job()).isEqualTo(expected);
    assertThat(claim.claimedAt()).isEqualTo(now());
    assertThat(claim.steps()).isEmpty();
    assertThat(claim.lease()).isEqualTo(new LeaseRef("job-1", 1L));
    assertThat(find("job-1")).isEqualTo(expected);
  }

  @Test
  void eachClaimGetsTheNextTokenAndCountsOnFromTheStoredAttempt() {
    ClaimedJob first = insertAndClaim("job-1");
    assertThat(complete(completing(first).retryIn(Duration.ZERO).attempt(1).build())).isTrue();

    ClaimedJob second = claim("job-1");
    assertThat(second.job().attempt()).isEqualTo(2);
    assertThat(second.job().fencingToken()).isEqualTo(2L);
    assertThat(complete(completing(second).scheduledAt(now()).attempt(0).build())).isTrue();

    ClaimedJob third = claim("job-1");
    assertThat(third.job().attempt()).isEqualTo(1);
    assertThat(third.job().fencingToken()).isEqualTo(3L);
  }

  @Test
  void claimDueLeavesJobsOfOtherTypesUntouched() {
    JobSnapshot other = insert(newJob("job-1", OTHER_TYPE, START));
    insert(newJob("job-2", TYPE, START));

    assertThat(ids(claimAll(NODE, TYPES))).containsExactly("job-2");
    assertThat(find("job-1")).isEqualTo(other);
    assertThat(store.claimDue(NODE, Set.of(), 10, LEASE)).isEmpty();
    assertThat(find("job-1")).isEqualTo(other);

    assertThat(ids(claimAll(NODE, Set.of(TYPE, OTHER_TYPE)))).containsExactly("job-1");
  }

  @Test
  void claimDueTakesHighestPriorityFirstThenEarliestThenLowestId() {
    insert(newJob("job-1", TYPE, at(-30), 0));
    insert(newJob("job-2", TYPE, at(-10), 5));
    insert(newJob("job-3", TYPE, at(-20), 5));
    insert(newJob("job-4", TYPE, at(-30), 0));
    insert(newJob("job-5", TYPE, at(-40), -1));
    insert(newJob("job-6", TYPE, at(-20), 0));
    insert(newJob("job-7", TYPE, at(-90), 0));

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      order.addAll(ids(store.claimDue(NODE, TYPES, 1, LEASE)));
    }

    assertThat(order)
        .containsExactly("job-3", "job-2", "job-7", "job-1", "job-4", "job-6", "job-5");
    assertThat(claimAll(NODE, TYPES)).isEmpty();
  }

  @Test
  void claimDueClaimsAtMostLimitJobsTheFirstInClaimOrder() {
    insert(newJob("job-1", TYPE, at(-10), 0));
    insert(newJob("job-2", TYPE, at(-10), 3));
    insert(newJob("job-3", TYPE, at(-50), 0));
    JobSnapshot fourth = insert(newJob("job-4", TYPE, at(-10), 0));
    JobSnapshot fifth = insert(newJob("job-5", TYPE, at(-5), 0));

    assertThat(ids(store.claimDue(NODE, TYPES, 3, LEASE)))
        .containsExactlyInAnyOrder("job-2", "job-3", "job-1");
    assertThat(find("job-4")).isEqualTo(fourth);
    assertThat(find("job-5")).isEqualTo(fifth);
  }

  @Test
  void runningAndPausedJobsAreNeverClaimed() {
    ClaimedJob running = insertAndClaim("job-1");
    JobSnapshot pausedJob = insert(paused("job-2", at(-60)));
    clock.advance(LEASE.multipliedBy(3));

    assertThat(claimAll(OTHER_NODE, TYPES)).isEmpty();
    assertThat(find("job-1")).isEqualTo(running.job());
    assertThat(find("job-2")).isEqualTo(pausedJob);
  }

  @Test
  @Timeout(120)
  void racingClaimersClaimEveryJobExactlyOnce() throws Exception {
    int jobs = 200;
    for (int i = 0; i < jobs; i++) {
      insert(newJob(String.format("job-%03d", i), TYPE, at(-(i % 7)), i % 3));
    }
    List<Callable<List<String>>> claimers =
        IntStream.range(0, 8)
            .mapToObj(t -> (Callable<List<String>>) () -> claimUntilNoneIsLeft("node-" + t))
            .toList();

    List<List<String>> claimedByThread = race(claimers);

    List<String> all = claimedByThread.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(jobs).doesNotHaveDuplicates();
    Map<String, JobSnapshot> stored =
        store.list(JobQuery.builder().limit(1000).build()).items().stream()
            .collect(Collectors.toMap(JobSnapshot::id, Function.identity()));
    Map<String, String> expectedOwners = new HashMap<>();
    for (int t = 0; t < claimedByThread.size(); t++) {
      for (String id : claimedByThread.get(t)) {
        expectedOwners.put(id, "node-" + t);
      }
    }
    assertThat(stored).hasSize(jobs);
    assertThat(stored.values())
        .allSatisfy(
            job -> {
              assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
              assertThat(job.leaseOwner()).hasValue(expectedOwners.get(job.id()));
              assertThat(job.fencingToken()).isEqualTo(1L);
              assertThat(job.attempt()).isEqualTo(1);
            });
    assertThat(claimAll(NODE, TYPES)).isEmpty();
  }

  private List<String> claimUntilNoneIsLeft(String owner) {
    List<String> mine = new ArrayList<>();
    while (true) {
      List<ClaimedJob> claimed = store.claimDue(owner, TYPES, 5, LEASE);
      if (claimed.isEmpty()) {
        return mine;
      }
      assertThat(claimed.size()).isLessThanOrEqualTo(5);
      for (ClaimedJob c : claimed) {
        assertThat(c.job().leaseOwner()).hasValue(owner);
        mine.add(c.job().id());
      }
    }
  }

  // ---------------------------------------------------------------- nextDueAt

  @Test
  void nextDueAtIsEmptyWithoutScheduledJobs() {
    assertThat(store.nextDueAt(TYPES)).isEmpty();

    insertAndClaim("job-1");
    insert(paused("job-2", at(-60)));

    assertThat(store.nextDueAt(TYPES)).isEmpty();
    assertThat(store.nextDueAt(Set.of())).isEmpty();
  }

  @Test
  void nextDueAtIsTheEarliestNextRunOfAScheduledJobOfTheTypes() {
    insertAndClaim("job-1");
    insert(newJob("job-2", TYPE, at(120)));
    insert(newJob("job-3", TYPE, at(60).plus(MICROSECOND)));
    insert(newJob("job-4", OTHER_TYPE, at(10)));
    insert(paused("job-5", at(5)));

    assertThat(store.nextDueAt(TYPES)).contains(at(60).plus(MICROSECOND));
    assertThat(store.nextDueAt(Set.of(OTHER_TYPE))).contains(at(10));
    assertThat(store.nextDueAt(Set.of(TYPE, OTHER_TYPE))).contains(at(10));
    assertThat(store.nextDueAt(Set.of("unknown-type"))).isEmpty();
  }

  @Test
  void nextDueAtIncludesJobsAlreadyDue() {
    insert(newJob("job-1", TYPE, at(-3600)));
    insert(newJob("job-2", TYPE, at(60)));

    assertThat(store.nextDueAt(TYPES)).contains(at(-3600));
  }
}
