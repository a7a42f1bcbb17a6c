package dev.herald.scheduler.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The indexes of {@link InMemoryJobStore} against a plain model: random inserts, claims,
 * completions, renewals, takeovers, admin commands, purges and clock moves (backwards too), each
 * read checked against what a scan of every job gives.
 */
class InMemoryJobStoreModelTest {
  private static final Instant START = Instant.parse("2026-03-29T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final List<String> ALL_TYPES = List.of("a", "b", "c");
  private static final List<Set<String>> TYPE_SETS =
      List.of(Set.of("a"), Set.of("b"), Set.of("a", "b"), Set.of("a", "b", "c"), Set.of("d"));
  private static final Comparator<JobSnapshot> CLAIM_ORDER =
      Comparator.comparingInt((JobSnapshot j) -> -j.priority())
          .thenComparing(j -> j.nextRunAt().orElseThrow())
          .thenComparing(JobSnapshot::id);

  private final ManualClock clock = ManualClock.at(START);
  private final InMemoryJobStore store = new InMemoryJobStore(clock);
  private final List<LeaseRef> held = new ArrayList<>();
  private int nextId;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void everyReadMatchesAScanOfAllJobs(long seed) {
    Random random = new Random(seed);
    for (int step = 0; step < 3_000; step++) {
      int op = random.nextInt(100);
      if (op < 30) {
        insert(random);
      } else if (op < 50) {
        claim(random);
      } else if (op < 62) {
        complete(random);
      } else if (op < 67) {
        renew(random);
      } else if (op < 72) {
        takeOver(random);
      } else if (op < 80) {
        admin(random);
      } else if (op < 92) {
        clock.set(clock.instant().plusSeconds(random.nextInt(61) - 20));
      } else if (op < 94) {
        store.purge(clock.instant().minusSeconds(random.nextInt(120)));
      } else {
        checkReads(random);
      }
    }
    checkReads(random);
  }

  private void insert(Random random) {
    String type = ALL_TYPES.get(random.nextInt(ALL_TYPES.size()));
    int priority = List.of(-1, 0, 0, 0, 3).get(random.nextInt(5));
    // whole seconds, so that rows share times and the id decides
    Instant runAt = clock.instant().plusSeconds(random.nextInt(61) - 30);
    JobStatus status = random.nextInt(10) == 0 ? JobStatus.PAUSED : JobStatus.SCHEDULED;
    store.insert(new NewJob("job-" + nextId++, type, null, "once:2026-03-29T00:00:00Z", priority, "coalesce", null,
        runAt, status));
  }

  private void claim(Random random) {
    Set<String> types = TYPE_SETS.get(random.nextInt(TYPE_SETS.size()));
    int limit = 1 + random.nextInt(5);
    Instant now = clock.instant();
    List<String> expected = all().stream()
        .filter(j -> j.status() == JobStatus.SCHEDULED && types.contains(j.type())
            && !j.nextRunAt().orElseThrow().isAfter(now))
        .sorted(CLAIM_ORDER)
        .limit(limit)
        .map(JobSnapshot::id)
        .toList();
    List<ClaimedJob> claimed = store.claimDue("node", types, limit, LEASE);
    assertThat(claimed).extracting(c -> c.job().id()).containsExactlyElementsOf(expected);
    claimed.forEach(c -> held.add(c.lease()));
  }

  private void complete(Random random) {
    if (held.isEmpty()) {
      return;
    }
    LeaseRef lease = held.remove(random.nextInt(held.size()));
    Completion completion = random.nextBoolean()
        ? new Completion(lease, JobStatus.SCHEDULED,
            clock.instant().plusSeconds(random.nextInt(41) - 10), null, START, 0, null, true, null,
            List.of())
        : new Completion(lease, JobStatus.COMPLETED, null, null, null, 1, null, true, null,
            List.of());
    store.complete(List.of(completion));
  }

  private void renew(Random random) {
    if (!held.isEmpty()) {
      store.renew(List.of(held.get(random.nextInt(held.size()))), LEASE);
    }
  }

  private void takeOver(Random random) {
    Set<String> types = TYPE_SETS.get(random.nextInt(TYPE_SETS.size()));
    int limit = 1 + random.nextInt(3);
    Instant now = clock.instant();
    List<String> expected = all().stream()
        .filter(j -> j.status() == JobStatus.RUNNING && types.contains(j.type())
            && j.leaseUntil().orElseThrow().isBefore(now))
        .sorted(Comparator.comparing((JobSnapshot j) -> j.leaseUntil().orElseThrow())
            .thenComparing(JobSnapshot::id))
        .limit(limit)
        .map(JobSnapshot::id)
        .toList();
    assertThat(store.claimExpired("other", types, limit, LEASE))
        .extracting(r -> r.claim().job().id())
        .containsExactlyElementsOf(expected);
  }

  private void admin(Random random) {
    if (nextId == 0) {
      return;
    }
    String id = "job-" + random.nextInt(nextId);
    AdminCommand command = switch (random.nextInt(4)) {
      case 0 -> new AdminCommand.Pause();
      case 1 -> new AdminCommand.Resume();
      case 2 -> new AdminCommand.RunNow(clock.instant().plusSeconds(random.nextInt(21) - 10));
      default -> new AdminCommand.Cancel();
    };
    store.apply(id, command);
  }

  private void checkReads(Random random) {
    Instant now = clock.instant();
    List<JobSnapshot> all = all();
    List<JobSnapshot> scheduled = all.stream()
        .filter(j -> j.status() == JobStatus.SCHEDULED)
        .sorted(Comparator.comparing((JobSnapshot j) -> j.nextRunAt().orElseThrow())
            .thenComparing(JobSnapshot::id))
        .toList();
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    for (JobStatus s : JobStatus.values()) {
      counts.put(s, all.stream().filter(j -> j.status() == s).count());
    }
    Map<String, Long> dueByType = scheduled.stream()
        .filter(j -> !j.nextRunAt().orElseThrow().isAfter(now))
        .collect(Collectors.groupingBy(JobSnapshot::type, TreeMap::new, Collectors.counting()));
    int upcoming = random.nextInt(6);

    SchedulerStats stats = store.stats(upcoming);

    assertThat(stats.countsByStatus()).isEqualTo(counts);
    assertThat(stats.dueByType()).isEqualTo(dueByType);
    assertThat(stats.upcoming()).extracting(JobSnapshot::id).containsExactlyElementsOf(
        scheduled.stream().limit(upcoming).map(JobSnapshot::id).toList());
    assertThat(stats.oldestDueAt()).isEqualTo(scheduled.stream()
        .map(j -> j.nextRunAt().orElseThrow())
        .filter(t -> !t.isAfter(now))
        .findFirst());
    for (Set<String> types : TYPE_SETS) {
      Optional<Instant> next = scheduled.stream()
          .filter(j -> types.contains(j.type()))
          .map(j -> j.nextRunAt().orElseThrow())
          .findFirst();
      assertThat(store.nextDueAt(types)).as("next due of %s", types).isEqualTo(next);
    }
  }

  private List<JobSnapshot> all() {
    List<JobSnapshot> all = new ArrayList<>();
    JobQuery query = JobQuery.builder().limit(JobQuery.MAX_LIMIT).build();
    Page<JobSnapshot> page;
    do {
      page = store.list(query);
      all.addAll(page.items());
      query = query.next(page);
    } while (page.hasMore());
    return all;
  }
}
