package dev.herald.scheduler.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.Page;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A post query's defaults, checks, next page and target matching. */
class PostQueryTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Target ALICE = Target.of("mastodon", "alice");

  private static TargetStatus target(Target target, TargetState state, Instant due) {
    return new TargetStatus(target, null, state, null, null, 0, due, null, "job", List.of());
  }

  @Test
  void allIsTheFirstPageOfTheJobListingsDefaultSizeWithoutFilters() {
    PostQuery all = PostQuery.all();

    assertThat(all.limit()).isEqualTo(PostQuery.DEFAULT_LIMIT).isEqualTo(JobQuery.DEFAULT_LIMIT);
    assertThat(PostQuery.MAX_LIMIT).isEqualTo(JobQuery.MAX_LIMIT);
    assertThat(all.offset()).isZero();
    assertThat(all.states()).isEmpty();
    assertThat(all.platform()).isEmpty();
    assertThat(all.account()).isEmpty();
    assertThat(all.postIdPrefix()).isEmpty();
    assertThat(all.dueFrom()).isEmpty();
    assertThat(all.dueBefore()).isEmpty();
    assertThat(all.matches(target(ALICE, TargetState.CANCELLED, null))).isTrue();
  }

  @Test
  void mistakesAreNamedWithTheirValue() {
    assertThatThrownBy(() -> PostQuery.builder().limit(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(
            "limit must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> PostQuery.builder().limit(1001))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 1001");
    assertThatThrownBy(() -> PostQuery.builder().offset(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset must be at least 0, was -1");
    assertThatThrownBy(() -> PostQuery.builder().platform(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("platform");
    assertThatThrownBy(() -> PostQuery.builder().account(null))
        .isInstanceOf(NullPointerException.class).hasMessage("account cannot be null");
    assertThatThrownBy(() -> PostQuery.builder().postIdPrefix(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("postIdPrefix cannot be empty");
    assertThatThrownBy(() -> PostQuery.builder().state(TargetState.FAILED, null))
        .isInstanceOf(NullPointerException.class).hasMessage("state cannot be null");
    assertThatThrownBy(() -> PostQuery.builder().dueBetween(T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dueBetween: before (" + T0 + ") must be after from (" + T0 + ")");
  }

  @Test
  void nextKeepsTheFiltersAndStartsAfterThePage() {
    PostQuery query = PostQuery.builder().state(TargetState.NEEDS_REVIEW).platform("mastodon")
        .account("alice").postIdPrefix("run").dueBetween(T0, null).limit(2).build();

    PostQuery next = query.next(new Page<>(List.of("a", "b"), 4, true));

    assertThat(next.offset()).isEqualTo(6);
    assertThat(next.limit()).isEqualTo(2);
    assertThat(next.states()).containsExactly(TargetState.NEEDS_REVIEW);
    assertThat(next.platform()).hasValue("mastodon");
    assertThat(next.account()).hasValue("alice");
    assertThat(next.postIdPrefix()).hasValue("run");
    assertThat(next.dueFrom()).hasValue(T0);
    assertThat(next.dueBefore()).isEmpty();
    assertThat(next).hasToString(query.toString().replace("offset=0", "offset=6"));
  }

  @Test
  void aTargetMatchesWhenItMatchesEveryTargetFilter() {
    PostQuery query = PostQuery.builder().state(TargetState.SCHEDULED, TargetState.FAILED)
        .platform("mastodon").dueBetween(T0, T0.plusSeconds(60)).build();

    assertThat(query.matches(target(ALICE, TargetState.SCHEDULED, T0))).isTrue();
    assertThat(query.matches(target(ALICE, TargetState.PUBLISHED, T0))).isFalse();
    assertThat(query.matches(target(Target.of("facebook", "alice"), TargetState.SCHEDULED, T0)))
        .isFalse();
    assertThat(query.matches(target(ALICE, TargetState.SCHEDULED, T0.plusSeconds(60))))
        .as("the window's end is exclusive").isFalse();
    assertThat(query.matches(target(ALICE, TargetState.FAILED, null)))
        .as("a target that is not due is outside any window").isFalse();
    assertThat(PostQuery.builder().account("bob").build()
        .matches(target(ALICE, TargetState.SCHEDULED, T0))).isFalse();
  }
}
