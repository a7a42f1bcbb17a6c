package dev.herald.scheduler.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.trigger.Triggers;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One-time specs are read without Instant.parse, to the same instant, or left to it. */
class TriggerCacheTest {
  private final TriggerCache cache = new TriggerCache();

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-23T09:00:00Z", "2026-11-23T09:00:00.5Z",
      "2026-11-23T09:00:00.123Z", "2026-11-23T09:00:00.123456Z", "2026-11-23T09:00:00.123456789Z",
      "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:34:56.07Z"})
  void aCanonicalInstantIsReadAsInstantParseReadsIt(String text) {
    assertThat(TriggerCache.canonicalInstant("once:" + text, 5)).isEqualTo(Instant.parse(text));
    assertThat(cache.get("once:" + text)).isEqualTo(Triggers.parse("once:" + text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-29T09:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T09:00:00.Z",
      "2026-11-23T09:00:00", "+10000-01-01T00:00:00Z", "2026-11-23 09:00:00Z",
      " 2026-11-23T09:00:00Z", "2026-11-23T09:00:0xZ", "2026-11-23T23:59:60Z",
      "2026-11-23T09:00:00.1234567890Z"})
  void anythingElseIsLeftToInstantParse(String text) {
    assertThat(TriggerCache.canonicalInstant("once:" + text, 5)).isNull();
  }

  @Test
  void aMalformedOneTimeSpecFailsWithTheParsersMessage() {
    assertThatThrownBy(() -> cache.get("once:2026-02-29T09:00:00Z"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("once:2026-02-29");
  }

  @Test
  void recurringSpecsAreCachedAndOneTimeSpecsWithLeadingSpaceStillParse() {
    assertThat(cache.get("5m")).isSameAs(cache.get("5m"));
    assertThat(cache.get("once: 2026-11-23T09:00:00Z"))
        .isEqualTo(Triggers.once(Instant.parse("2026-11-23T09:00:00Z")));
  }
}
