package dev.herald.scheduler.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublishBudgetTest {

  @Test
  void aBudgetIsItsPostsAndWindow() {
    PublishBudget budget = PublishBudget.of(25, Duration.ofHours(24));

    assertThat(budget.isLimited()).isTrue();
    assertThat(budget.posts()).isEqualTo(25);
    assertThat(budget.window()).isEqualTo(Duration.ofHours(24));
    assertThat(budget).isEqualTo(PublishBudget.of(25, Duration.ofDays(1)))
        .hasSameHashCodeAs(PublishBudget.of(25, Duration.ofDays(1)))
        .isNotEqualTo(PublishBudget.of(50, Duration.ofHours(24)))
        .hasToString("25 posts per PT24H");
  }

  @Test
  void noneLimitsNothingAndIsWhatCapabilitiesDeclareByDefault() {
    assertThat(PublishBudget.none().isLimited()).isFalse();
    assertThat(PublishBudget.none()).hasToString("none");
    assertThat(PlatformCapabilities.builder("x").build().publishBudget())
        .isEqualTo(PublishBudget.none());
    assertThat(PlatformCapabilities.builder("x").publishBudget(300, Duration.ofHours(3)).build()
        .publishBudget()).isEqualTo(PublishBudget.of(300, Duration.ofHours(3)));
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> PublishBudget.of(0, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("posts must be at least 1, was 0");
    assertThatThrownBy(() -> PublishBudget.of(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("window must be positive, was PT0S");
    assertThatThrownBy(() -> PublishBudget.of(1, null))
        .isInstanceOf(NullPointerException.class).hasMessage("window cannot be null");
  }
}
