package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.PayloadCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JobStore} must have. Extend it in the store's test module and
 * implement {@link #createStore}: a fresh, empty store whose time is the given {@link
 * dev.herald.scheduler.testing.ManualClock} (for a database store, pass the clock to the store in
 * place of the database's {@code CURRENT_TIMESTAMP}); optionally override {@link #closeStore}.
 *
 * <p>The suite is one chain of abstract classes, one per area, so that a store's test extends this
 * class only: {@link InsertAndClaimContract} (insert, claimDue, nextDueAt, now), {@link
 * LeaseContract} (renew, steps, claimExpired), {@link CompletionContract} (complete), {@link
 * AdminCommandContract} (apply), {@link EditAndResolveContract} (payload edits, retry, resolve),
 * {@link BudgetContract} (takeBudget, releaseBudget) and this class (list, history, stats, purge).
 *
 * <p>What the suite assumes of a store:
 *
 * <ul>
 *   <li>Time moves only through the clock, which starts at {@link #START} for every test. Instants
 *       have microsecond precision, so a store must keep microseconds, and must give back exactly
 *       the instants it was given (compared with {@code equals}).
 *   <li>Ids, types, unique keys and specs are short lowercase ASCII strings; ids that are compared
 *       for order have the same length, so any collation orders them like {@link String#compareTo}.
 *       Payloads, errors and step values may hold any Unicode text; errors up to 2001 characters.
 *   <li>The concurrency tests use up to 8 threads on one store instance, and at most 200 jobs.
 *   <li>The order of the list returned by {@code claimDue} and {@code claimExpired} is not checked;
 *       which jobs a limited {@code claimDue} takes is.
 * </ul>
 */
public abstract class JobStoreContract extends BudgetContract {

  // ---------------------------------------------------------------- list

  @Test
  void listFiltersByStatusTypeAndNextRunWindow() {
    jobIn(JobStatus.COMPLETED, "job-6");
    insert(newJob("job-1", TYPE, at(10)));
    insert(newJob("job-2", TYPE, at(20)));
    insert(newJob("job-3", OTHER_TYPE, at(20)));
    insert(newJob("job-4", TYPE, at(30)));
    insert(paused("job-5", at(15)));

    assertThat(listIds(JobQuery.all()))
        .containsExactly("job-1", "job-5", "job-2", "job-3", "job-4", "job-6");
    assertThat(listIds(JobQuery.builder().status(JobStatus.SCHEDULED).build()))
        .containsExactly("job-1", "job-2", "job-3", "job-4");
    assertThat(
            listIds(
                JobQuery.builder()
                    .status(JobStatus.SCHEDULED, JobStatus.PAUSED)
                    .type(TYPE)
                    .build()))
        .containsExactly("job-1", "job-5", "job-2", "job-4");
    assertThat(listIds(JobQuery.builder().status(JobStatus.COMPLETED).build()))
        .containsExactly("job-6");
    assertThat(listIds(JobQuery.builder().type(OTHER_TYPE).build())).containsExactly("job-3");
    assertThat(listIds(JobQuery.builder().type("unknown-type").build())).isEmpty();
    assertThat(listIds(JobQuery.builder().status(JobStatus.RUNNING).build())).isEmpty();
  }

  @Test
  void listFiltersByAHalfOpenNextRunWindow() {
    jobIn(JobStatus.COMPLETED, "job-6");
    insert(newJob("job-1", TYPE, at(10)));
    insert(newJob("job-2", TYPE, at(20)));
    insert(newJob("job-3", OTHER_TYPE, at(20)));
    insert(newJob("job-4", TYPE, at(30)));
    insert(paused("job-5", at(15)));

    assertThat(listIds(JobQuery.builder().nextRunBetween(at(15), at(30)).build()))
        .containsExactly("job-5", "job-2", "job-3");
    assertThat(listIds(JobQuery.builder().nextRunBetween(at(20), null).build()))
        .containsExactly("job-2", "job-3", "job-4");
    assertThat(listIds(JobQuery.builder().nextRunBetween(null, at(20)).build()))
        .containsExactly("job-1", "job-5");
    assertThat(
            listIds(
                JobQuery.builder()
                    .nextRunBetween(at(20), at(20).plus(MICROSECOND))
                    .type(TYPE)
                    .build()))
        .containsExactly("job-2");
  }

  @Test
  void listOrdersByNextRunThenIdWithJobsWithoutNextRunLast() {
    jobIn(JobStatus.COMPLETED, "job-5");
    jobIn(JobStatus.CANCELLED, "job-4");
    insert(newJob("job-3", TYPE, at(10)));
    insert(newJob("job-1", OTHER_TYPE, at(10)));
    insert(newJob("job-2", TYPE, at(5)));

    assertThat(listIds(JobQuery.all()))
        .containsExactly("job-2", "job-1", "job-3", "job-4", "job-5");
  }

  @Test
  void listPagesWithOffsetLimitAndHasMore() {
    List<JobSnapshot> jobs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      jobs.add(insert(newJob(String.format("job-%02d", i), TYPE, at(100 - i / 5))));
    }
    List<String> expected =
        jobs.stream()
            .sorted(
                Comparator.comparing((JobSnapshot j) -> j.nextRunAt().orElseThrow())
                    .thenComparing(JobSnapshot::id))
            .map(JobSnapshot::id)
            .toList();
    JobQuery query = JobQuery.builder().limit(10).build();

    Page<JobSnapshot> first = store.list(query);
    Page<JobSnapshot> second = store.list(query.next(first));
    Page<JobSnapshot> third = store.list(query.next(second));

    assertThat(List.of(first.offset(), second.offset(), third.offset())).containsExactly(0, 10, 20);
    assertThat(List.of(first.hasMore(), second.hasMore(), third.hasMore()))
        .containsExactly(true, true, false);
    List<String> listed = new ArrayList<>();
    List.of(first, second, third).forEach(p -> p.items().forEach(j -> listed.add(j.id())));
    assertThat(listed).isEqualTo(expected);
    assertThat(third.items()).hasSize(5);

    Page<JobSnapshot> toTheEnd = store.list(JobQuery.builder().offset(15).limit(10).build());
    assertThat(toTheEnd.items()).extracting(JobSnapshot::id).isEqualTo(expected.subList(15, 25));
    assertThat(toTheEnd.hasMore()).isFalse();
    Page<JobSnapshot> beyond = store.list(JobQuery.builder().offset(30).limit(10).build());
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.offset()).isEqualTo(30);
    assertThat(beyond.hasMore()).isFalse();
  }

  @Test
  void clientStreamWalksEveryPageOfAListingInOrder() {
    List<JobSnapshot> jobs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      jobs.add(insert(newJob(String.format("job-%02d", i), TYPE, at(100 - i / 5))));
    }
    jobIn(JobStatus.COMPLETED, "job-99");
    List<String> expected =
        jobs.stream()
            .sorted(
                Comparator.comparing((JobSnapshot j) -> j.nextRunAt().orElseThrow())
                    .thenComparing(JobSnapshot::id))
            .map(JobSnapshot::id)
            .toList();
    SchedulerClient client = SchedulerClient.create(store, PayloadCodec.defaultCodec(), clock);
    JobQuery scheduled = JobQuery.builder().status(JobStatus.SCHEDULED).limit(10).build();

    assertThat(client.stream(scheduled).map(JobSnapshot::id)).isEqualTo(expected);
    assertThat(client.stream(JobQuery.builder().limit(7).build()).map(JobSnapshot::id))
        .as("every status, the job without a next run last")
        .hasSize(26)
        .endsWith("job-99");
    assertThat(
            client.stream(JobQuery.builder().status(JobStatus.SCHEDULED).offset(20).build())
                .map(JobSnapshot::id))
        .isEqualTo(expected.subList(20, 25));
    assertThat(client.stream(JobQuery.builder().type(OTHER_TYPE).build())).isEmpty();
  }

  // ---------------------------------------------------------------- history

  @Test
  void historyIsNewestFirstAndPaged() {
    insertDue("job-1");
    List<JobAttempt> rows = new ArrayList<>();
    for (int attempt = 1; attempt <= 5; attempt++) {
      ClaimedJob claim = claim("job-1");
      clock.advance(Duration.ofSeconds(1));
      JobAttempt row = historyRow("job-1", attempt, now());
      rows.add(0, row);
      complete(completing(claim).retryIn(Duration.ZERO).attempt(attempt).history(row).build());
    }

    Page<JobAttempt> first = store.history("job-1", 0, 2);
    Page<JobAttempt> second = store.history("job-1", 2, 2);
    Page<JobAttempt> last = store.history("job-1", 4, 2);

    assertThat(first.items()).containsExactlyElementsOf(rows.subList(0, 2));
    assertThat(first.offset()).isZero();
    assertThat(first.hasMore()).isTrue();
    assertThat(second.items()).containsExactlyElementsOf(rows.subList(2, 4));
    assertThat(second.offset()).isEqualTo(2);
    assertThat(second.hasMore()).isTrue();
    assertThat(last.items()).containsExactlyElementsOf(rows.subList(4, 5));
    assertThat(last.hasMore()).isFalse();
    assertThat(store.history("job-1", 0, 5).items()).containsExactlyElementsOf(rows);
    assertThat(store.history("job-1", 0, 5).hasMore()).isFalse();
  }

  @Test
  void historyOfAJobWithoutRowsOrOfAnUnknownJobIsEmpty() {
    insert(newJob("job-1"));

    for (String id : List.of("job-1", "no-such-job")) {
      Page<JobAttempt> page = store.history(id, 0, 10);
      assertThat(page.items()).as(id).isEmpty();
      assertThat(page.offset()).isZero();
      assertThat(page.hasMore()).isFalse();
    }
  }

  // ---------------------------------------------------------------- stats

  @Test
  void statsOfAnEmptyStoreAreZero() {
    SchedulerStats stats = store.stats(5);

    assertThat(stats.asOf()).isEqualTo(START);
    assertThat(stats.countsByStatus()).containsOnlyKeys(JobStatus.values());
    assertThat(stats.countsByStatus()).allSatisfy((status, count) -> assertThat(count).isZero());
    assertThat(stats.dueByType()).isEmpty();
    assertThat(stats.upcoming()).isEmpty();
    assertThat(stats.oldestDueAt()).isEmpty();
  }

  @Test
  void statsCountJobsInEveryStatus() {
    jobIn(JobStatus.RUNNING, "job-1");
    jobIn(JobStatus.COMPLETED, "job-2");
    jobIn(JobStatus.COMPLETED, "job-3");
    jobIn(JobStatus.FAILED, "job-4");
    jobIn(JobStatus.NEEDS_REVIEW, "job-5");
    jobIn(JobStatus.CANCELLED, "job-6");
    jobIn(JobStatus.PAUSED, "job-7");
    jobIn(JobStatus.SCHEDULED, "job-8");
    clock.advance(Duration.ofSeconds(1));

    SchedulerStats stats = store.stats(5);

    assertThat(stats.asOf()).isEqualTo(now());
    assertThat(stats.countsByStatus())
        .isEqualTo(
            Map.of(
                JobStatus.SCHEDULED,
                1L,
                JobStatus.RUNNING,
                1L,
                JobStatus.PAUSED,
                1L,
                JobStatus.COMPLETED,
                2L,
                JobStatus.FAILED,
                1L,
                JobStatus.CANCELLED,
                1L,
                JobStatus.NEEDS_REVIEW,
                1L));
  }

  @Test
  void statsReportDueJobsPerTypeTheUpcomingJobsAndTheOldestDue() {
    jobIn(JobStatus.RUNNING, "job-7");
    insert(newJob("job-1", TYPE, at(-60)));
    insert(newJob("job-2", TYPE, at(0)));
    insert(newJob("job-3", OTHER_TYPE, at(-30)));
    insert(newJob("job-4", TYPE, at(60)));
    insert(newJob("job-5", OTHER_TYPE, at(120)));
    insert(paused("job-6", at(-120)));

    SchedulerStats stats = store.stats(3);

    assertThat(stats.dueByType()).isEqualTo(Map.of(TYPE, 2L, OTHER_TYPE, 1L));
    assertThat(stats.oldestDueAt()).hasValue(at(-60));
    assertThat(stats.upcoming())
        .extracting(JobSnapshot::id)
        .containsExactly("job-1", "job-3", "job-2");
    assertThat(stats.upcoming().get(0)).isEqualTo(find("job-1"));
    assertThat(stats.count(JobStatus.SCHEDULED)).isEqualTo(5);
    assertThat(store.stats(10).upcoming())
        .extracting(JobSnapshot::id)
        .containsExactly("job-1", "job-3", "job-2", "job-4", "job-5");
    assertThat(store.stats(0).upcoming()).isEmpty();
  }

  @Test
  void oldestDueIsNullWhileNothingIsDue() {
    insert(newJob("job-1", TYPE, at(60)));
    jobIn(JobStatus.RUNNING, "job-2");

    SchedulerStats stats = store.stats(5);

    assertThat(stats.oldestDueAt()).isEmpty();
    assertThat(stats.dueByType()).isEmpty();
    assertThat(stats.upcoming()).extracting(JobSnapshot::id).containsExactly("job-1");

    clock.set(at(60));
    SchedulerStats later = store.stats(5);
    assertThat(later.oldestDueAt()).hasValue(at(60));
    assertThat(later.dueByType()).isEqualTo(Map.of(TYPE, 1L));
  }

  // ---------------------------------------------------------------- purge

  @Test
  void purgeDeletesCompletedAndCancelledJobsLastUpdatedBeforeTheCutoff() {
    ClaimedJob claim = insertAndClaim("job-1");
    store.saveStep(claim.lease(), "fetch", "42");
    complete(completing(claim).history(historyRow("job-1", 1, now())).build());
    jobIn(JobStatus.CANCELLED, "job-2");
    jobIn(JobStatus.FAILED, "job-3");
    jobIn(JobStatus.NEEDS_REVIEW, "job-4");
    jobIn(JobStatus.PAUSED, "job-5");
    jobIn(JobStatus.RUNNING, "job-6");
    insert(newJob("job-7", TYPE, at(86_400)));
    Instant cutoff = clock.advance(Duration.ofHours(1));
    jobIn(JobStatus.COMPLETED, "job-8");
    jobIn(JobStatus.CANCELLED, "job-9");
    clock.advance(Duration.ofHours(1));

    assertThat(store.purge(cutoff)).isEqualTo(2);

    assertThat(store.find("job-1")).isEmpty();
    assertThat(store.find("job-2")).isEmpty();
    assertThat(store.steps("job-1")).isEmpty();
    assertThat(store.history("job-1", 0, 10).items()).isEmpty();
    assertThat(listIds(JobQuery.all()))
        .containsExactlyInAnyOrder("job-3", "job-4", "job-5", "job-6", "job-7", "job-8", "job-9");
    assertThat(store.purge(cutoff)).isZero();
  }

  @Test
  void aPurgedJobsUniqueKeyCanBeUsedAgain() {
    insert(withKey("job-1", "daily-report"));
    complete(completing(claim("job-1")).build());
    clock.advance(Duration.ofSeconds(1));

    assertThat(store.purge(now())).isEqualTo(1);

    assertThat(store.insert(withKey("job-2", "daily-report")).created()).isTrue();
    assertThat(store.find("job-2")).isPresent();
  }

  @Test
  void purgeDeletesHistoryRowsOfOtherJobsThatFinishedBeforeTheCutoff() {
    insertDue("job-1");
    List<JobAttempt> rows = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      ClaimedJob claim = claim("job-1");
      JobAttempt row = historyRow("job-1", attempt, now());
      rows.add(row);
      complete(completing(claim).retryIn(Duration.ZERO).attempt(attempt).history(row).build());
      clock.advance(Duration.ofSeconds(10));
    }
    applied("job-1", new AdminCommand.Pause());
    JobSnapshot job = find("job-1");

    assertThat(store.purge(at(20))).isZero();

    assertThat(store.history("job-1", 0, 10).items()).containsExactly(rows.get(2));
    assertThat(find("job-1")).isEqualTo(job);
  }

  @Test
  void purgeOfAnEmptyStoreDeletesNothing() {
    assertThat(store.purge(at(3600))).isZero();
  }
}
