package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.BudgetResult;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.LeaseRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Contract: rolling budgets ({@code takeBudget}, {@code releaseBudget}): at most {@code limit}
 * uses in any span of the window, over every job; a use counted once however often it is taken;
 * fenced; atomic when claims race for the last use.
 */
public abstract class BudgetContract extends EditAndResolveContract {
  private static final String BUDGET = "publish/instagram/1784";
  private static final Duration DAY = Duration.ofHours(24);

  private BudgetResult take(ClaimedJob claim, String use, int limit) {
    return store.takeBudget(claim.lease(), BUDGET, use, limit, DAY);
  }

  private BudgetResult taken() {
    return new BudgetResult.Taken(now());
  }

  @Test
  void takeBudgetRecordsUsesUpToTheLimitThenTellsWhenTheOldestLeavesTheWindow() {
    ClaimedJob claim = insertAndClaim("job-1");
    Duration step = Duration.ofHours(1).plus(MICROSECOND);
    List<BudgetResult> results = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      results.add(take(claim, "use-" + i, 3));
      clock.advance(step);
    }

    assertThat(results).containsExactly(new BudgetResult.Taken(START),
        new BudgetResult.Taken(START.plus(step)),
        new BudgetResult.Taken(START.plus(step.multipliedBy(2))));
    assertThat(take(claim, "use-3", 3)).isEqualTo(new BudgetResult.Full(START.plus(DAY)));

    clock.set(START.plus(DAY).minus(MICROSECOND));
    assertThat(take(claim, "use-3", 3)).as("the oldest use still counts")
        .isEqualTo(new BudgetResult.Full(START.plus(DAY)));
    clock.set(START.plus(DAY));
    assertThat(take(claim, "use-3", 3)).as("the oldest use left the window").isEqualTo(taken());
    assertThat(take(claim, "use-4", 3))
        .isEqualTo(new BudgetResult.Full(START.plus(step).plus(DAY)));
  }

  @Test
  void usesCountOverEveryJobAndBudgetsAreIndependentByName() {
    ClaimedJob first = insertAndClaim("job-1");
    ClaimedJob second = insertAndClaim("job-2");
    assertThat(take(first, "use-a", 2)).isEqualTo(taken());
    assertThat(take(second, "use-b", 2)).isEqualTo(taken());

    assertThat(take(second, "use-c", 2)).isEqualTo(new BudgetResult.Full(START.plus(DAY)));
    assertThat(store.takeBudget(second.lease(), "publish/instagram/other", "use-c", 2, DAY))
        .isEqualTo(taken());
  }

  @Test
  void takingAUseAgainMovesItToNowAndNeverCountsItTwiceEvenWhenTheBudgetIsFull() {
    ClaimedJob claim = insertAndClaim("job-1");
    take(claim, "use-a", 2);
    clock.advance(Duration.ofHours(1));
    take(claim, "use-b", 2);
    clock.advance(Duration.ofHours(1));

    assertThat(take(claim, "use-a", 2)).isEqualTo(taken());
    assertThat(take(claim, "use-c", 2)).as("use-b is now the oldest")
        .isEqualTo(new BudgetResult.Full(START.plusSeconds(3600).plus(DAY)));
  }

  @Test
  void aLoweredLimitWaitsUntilEnoughUsesLeftTheWindow() {
    ClaimedJob claim = insertAndClaim("job-1");
    for (int i = 0; i < 4; i++) {
      take(claim, "use-" + i, 4);
      clock.advance(Duration.ofHours(1));
    }

    assertThat(take(claim, "use-4", 2)).as("three of four must leave: the third oldest's time")
        .isEqualTo(new BudgetResult.Full(START.plusSeconds(7200).plus(DAY)));
  }

  @Test
  void releaseBudgetGivesBackOnlyThisJobsUse() {
    ClaimedJob first = insertAndClaim("job-1");
    ClaimedJob second = insertAndClaim("job-2");
    take(first, "use-a", 2);
    take(second, "use-b", 2);

    assertThat(store.releaseBudget(second.lease(), BUDGET, "use-a")).isTrue();
    assertThat(store.releaseBudget(second.lease(), BUDGET, "unknown")).isTrue();
    assertThat(take(second, "use-c", 2)).as("use-a belongs to job-1 and still counts")
        .isInstanceOf(BudgetResult.Full.class);

    assertThat(store.releaseBudget(first.lease(), BUDGET, "use-a")).isTrue();
    assertThat(take(second, "use-c", 2)).isEqualTo(taken());
  }

  @Test
  void aLostLeaseNeitherTakesNorReleases() {
    ClaimedJob claim = insertAndClaim("job-1");
    take(claim, "use-a", 2);
    assertThat(complete(completing(claim).status(JobStatus.COMPLETED).build())).isTrue();
    LeaseRef stale = claim.lease();

    assertThat(store.takeBudget(stale, BUDGET, "use-b", 2, DAY))
        .isEqualTo(new BudgetResult.LeaseLost());
    assertThat(store.releaseBudget(stale, BUDGET, "use-a")).isFalse();
    assertThat(store.takeBudget(new LeaseRef("no-such-job", 1), BUDGET, "use-b", 2, DAY))
        .isEqualTo(new BudgetResult.LeaseLost());

    ClaimedJob other = insertAndClaim("job-2");
    assertThat(take(other, "use-c", 2)).as("use-a kept, use-b never taken").isEqualTo(taken());
    assertThat(take(other, "use-d", 2)).isInstanceOf(BudgetResult.Full.class);
  }

  @Test
  void claimsRacingForANewBudgetGetNoMoreThanItsLimit() throws Exception {
    List<BudgetResult> results = raceEightClaims(3, false);

    assertThat(results).filteredOn(BudgetResult.Taken.class::isInstance).hasSize(3);
    assertThat(results).filteredOn(BudgetResult.Full.class::isInstance).hasSize(5)
        .allSatisfy(r -> assertThat(((BudgetResult.Full) r).until()).isEqualTo(START.plus(DAY)));
  }

  @Test
  void claimsRacingForTheLastUsesGetOneEach() throws Exception {
    List<BudgetResult> results = raceEightClaims(4, true);

    assertThat(results).filteredOn(BudgetResult.Taken.class::isInstance).hasSize(3);
    assertThat(results).filteredOn(BudgetResult.Full.class::isInstance).hasSize(5);
  }

  /** Eight claims each take a use at once; the budget has one use already if {@code used}. */
  private List<BudgetResult> raceEightClaims(int limit, boolean used) throws Exception {
    for (int i = 0; i < 8; i++) {
      insertDue("job-" + i);
    }
    List<ClaimedJob> claims = claimAll(NODE, TYPES);
    assertThat(claims).hasSize(8);
    if (used) {
      take(claims.get(0), "early", limit);
    }
    return race(IntStream.range(0, 8)
        .mapToObj(i -> (Callable<BudgetResult>) () -> take(claims.get(i), "use-" + i, limit))
        .toList());
  }

  @Test
  void takeBudgetRefusesBadArgumentsNamingThem() {
    ClaimedJob claim = insertAndClaim("job-1");
    LeaseRef lease = claim.lease();

    assertThatThrownBy(() -> store.takeBudget(lease, " ", "use", 1, DAY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget");
    assertThatThrownBy(() -> store.takeBudget(lease, BUDGET, "u".repeat(192), 1, DAY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use");
    assertThatThrownBy(() -> store.takeBudget(lease, BUDGET, "use", 0, DAY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> store.takeBudget(lease, BUDGET, "use", 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    assertThat(store.takeBudget(lease, "b".repeat(191), "u".repeat(191), 1, DAY))
        .isEqualTo(taken());
  }
}
