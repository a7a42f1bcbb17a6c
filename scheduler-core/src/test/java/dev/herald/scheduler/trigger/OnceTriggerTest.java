package dev.herald.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OnceTriggerTest {
  private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");
  private final Trigger once = Triggers.once(AT);

  @Test
  void aFutureInstantFiresThen() {
    Instant now = AT.minusSeconds(3600);
    assertThat(once.firstFireTime(now)).contains(AT);
    assertThat(once.nextAfter(now)).contains(AT);
  }

  @Test
  void aPastInstantIsStillTheFirstFireTimeSoTheJobRunsAtOnce() {
    Instant now = AT.plusSeconds(3600);
    assertThat(once.firstFireTime(now)).contains(AT);
    assertThat(once.nextAfter(now)).isEmpty();
  }

  @Test
  void firesOnlyOnce() {
    assertThat(once.firstFireTime(AT)).contains(AT);
    assertThat(once.nextAfter(AT)).isEmpty();
    assertThat(once.nextAfter(AT.minusNanos(1))).contains(AT);
    assertThat(once.isRecurring()).isFalse();
  }

  @Test
  void valueSemantics() {
    assertThat(Triggers.once(Instant.parse("2026-11-23T10:00:00+01:00")))
        .isEqualTo(once)
        .hasSameHashCodeAs(once)
        .hasToString("once:2026-11-23T09:00:00Z");
    assertThat(Triggers.once(AT.plusNanos(1000))).isNotEqualTo(once);
    assertThat(Triggers.once(AT.plusNanos(999)))
        .as("kept to the microsecond, the precision databases store").isEqualTo(once);
  }

  @Test
  void rejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> Triggers.once(null))
        .withMessage("at cannot be null");
    assertThatNullPointerException()
        .isThrownBy(() -> once.nextAfter(null))
        .withMessage("previous cannot be null");
    assertThatNullPointerException()
        .isThrownBy(() -> once.firstFireTime(null))
        .withMessage("now cannot be null");
  }
}
