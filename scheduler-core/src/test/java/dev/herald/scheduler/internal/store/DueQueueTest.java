package dev.herald.scheduler.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The due queue of {@link InMemoryJobStore}: a claim reads about as many rows as it takes, however
 * many rows wait, and takes them in claim order. Work is counted in rows examined, not timed.
 */
class DueQueueTest {
  private static final Instant START = Instant.parse("2026-03-29T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String TYPE = "report";
  private static final String UNKNOWN_TYPE = "email";
  private static final Set<String> TYPES = Set.of(TYPE);

  private final ManualClock clock = ManualClock.at(START);
  private final InMemoryJobStore store = new InMemoryJobStore(clock);

  @ParameterizedTest
  @ValueSource(ints = {10, 100_000})
  void aClaimReadsTheSameRowsWhateverTheBacklog(int backlog) {
    for (int i = 0; i < backlog; i++) {
      insert("future-" + i, TYPE, 0, START.plusSeconds(3600 + i));
      insert("unknown-" + i, UNKNOWN_TYPE, 9, START.minusSeconds(i)); // due, left alone
    }
    insert("due-1", TYPE, 0, START.minusSeconds(5));
    insert("due-2", TYPE, 1, START.minusSeconds(1));
    insert("due-3", TYPE, 0, START.minusSeconds(9));

    long before = store.rowsExamined();
    List<ClaimedJob> first = store.claimDue("node", TYPES, 2, LEASE);
    long firstClaim = store.rowsExamined() - before;
    before = store.rowsExamined();
    List<ClaimedJob> second = store.claimDue("node", TYPES, 2, LEASE);
    long secondClaim = store.rowsExamined() - before;
    before = store.rowsExamined();
    List<ClaimedJob> third = store.claimDue("node", TYPES, 2, LEASE);
    long thirdClaim = store.rowsExamined() - before;

    assertThat(ids(first)).containsExactly("due-2", "due-3");
    assertThat(ids(second)).containsExactly("due-1");
    assertThat(third).isEmpty();
    // 3 rows fell due and moved to the claim order, 2 taken; then 1 taken; then none
    assertThat(firstClaim).isEqualTo(3 + 2);
    assertThat(secondClaim).isEqualTo(1);
    assertThat(thirdClaim).isZero();
    before = store.rowsExamined();
    assertThat(store.nextDueAt(TYPES)).contains(START.plusSeconds(3600));
    assertThat(store.rowsExamined() - before).isEqualTo(1);
  }

  @Test
  void aBacklogOfDueRowsMovesOnceThenEachClaimReadsOnlyItsBatch() {
    int backlog = 20_000;
    int batch = 10;
    for (int i = 0; i < backlog; i++) {
      insert(String.format("job-%05d", i), TYPE, i % 3, START.minusSeconds(i % 7));
    }
    long before = store.rowsExamined();
    List<ClaimedJob> firstBatch = store.claimDue("node", TYPES, batch, LEASE);
    assertThat(store.rowsExamined() - before).isEqualTo(backlog + batch);

    List<ClaimedJob> all = new ArrayList<>(firstBatch);
    long mostPerClaim = 0;
    while (true) {
      before = store.rowsExamined();
      List<ClaimedJob> claimed = store.claimDue("node", TYPES, batch, LEASE);
      mostPerClaim = Math.max(mostPerClaim, store.rowsExamined() - before);
      if (claimed.isEmpty()) {
        break;
      }
      all.addAll(claimed);
    }

    assertThat(mostPerClaim).isEqualTo(batch);
    assertThat(all).hasSize(backlog);
    assertThat(all).extracting(ClaimedJob::job).isSortedAccordingTo(
        (a, b) -> a.priority() != b.priority() ? Integer.compare(b.priority(), a.priority())
            : a.nextRunAt().orElseThrow().equals(b.nextRunAt().orElseThrow())
                ? a.id().compareTo(b.id())
                : a.nextRunAt().orElseThrow().compareTo(b.nextRunAt().orElseThrow()));
  }

  @Test
  void rowsFallingDueWhileOthersWaitMoveOnceEach() {
    for (int i = 0; i < 1_000; i++) {
      insert("job-" + i, TYPE, 0, START.plusSeconds(i));
    }
    long before = store.rowsExamined();
    int claimed = 0;
    for (int second = 0; second < 100; second++) {
      clock.set(START.plusSeconds(second));
      claimed += store.claimDue("node", TYPES, 5, LEASE).size();
    }
    // each of the 100 rows that fell due is moved once and read once when taken
    assertThat(claimed).isEqualTo(100);
    assertThat(store.rowsExamined() - before).isEqualTo(100 + 100);
  }

  @Test
  void aClockSteppingBackHidesRowsNoLongerDue() {
    insert("early", TYPE, 0, START.plusSeconds(5));
    insert("late", TYPE, 5, START.plusSeconds(10));
    clock.set(START.plusSeconds(10));
    assertThat(store.stats(0).dueByType()).containsEntry(TYPE, 2L);

    clock.set(START.plusSeconds(7));
    assertThat(store.stats(0).dueByType()).containsEntry(TYPE, 1L);
    assertThat(ids(store.claimDue("node", TYPES, 5, LEASE))).containsExactly("early");

    clock.set(START.plusSeconds(10));
    assertThat(ids(store.claimDue("node", TYPES, 5, LEASE))).containsExactly("late");
  }

  @Test
  void aClaimOverSeveralTypesTakesTheirRowsInOneOrder() {
    insert("a-low", "a", 0, START.minusSeconds(9));
    insert("b-high", "b", 2, START.minusSeconds(1));
    insert("a-high", "a", 2, START.minusSeconds(2));
    insert("b-low", "b", 0, START.minusSeconds(8));
    insert("c-top", "c", 9, START.minusSeconds(9));

    List<ClaimedJob> claimed = store.claimDue("node", Set.of("a", "b"), 10, LEASE);

    assertThat(ids(claimed)).containsExactly("a-high", "b-high", "a-low", "b-low");
    assertThat(store.find("c-top").orElseThrow().status()).isEqualTo(JobStatus.SCHEDULED);
  }

  @Test
  void expiredLeasesAreTakenInLeaseOrderAcrossTypesAndRenewalsAreHonoured() {
    insert("a-1", "a", 0, START);
    insert("b-1", "b", 0, START);
    insert("a-2", "a", 0, START);
    store.claimDue("old", Set.of("a"), 1, LEASE); // a-1, lease until +30 s
    clock.advance(Duration.ofSeconds(1));
    store.claimDue("old", Set.of("b"), 1, LEASE); // b-1, until +31 s
    clock.advance(Duration.ofSeconds(1));
    List<ClaimedJob> renewed = store.claimDue("old", Set.of("a"), 1, LEASE); // a-2, until +32 s
    clock.advance(Duration.ofSeconds(20));
    store.renew(List.of(renewed.get(0).lease()), LEASE); // a-2 until +52 s

    clock.set(START.plusSeconds(40));
    assertThat(store.claimExpired("new", Set.of("a", "b"), 10, LEASE))
        .extracting(r -> r.claim().job().id())
        .containsExactly("a-1", "b-1");
    assertThat(store.claimExpired("new", Set.of("a", "b"), 10, LEASE)).isEmpty();
  }

  private void insert(String id, String type, int priority, Instant runAt) {
    store.insert(new NewJob(id, type, null, "once:2026-03-29T00:00:00Z", priority, "coalesce", null, runAt,
        JobStatus.SCHEDULED));
  }

  private static List<String> ids(List<ClaimedJob> claims) {
    return claims.stream().map(c -> c.job().id()).toList();
  }
}
