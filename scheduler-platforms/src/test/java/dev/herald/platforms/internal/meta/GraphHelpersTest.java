package dev.herald.platforms.internal.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GraphHelpersTest {

  static GraphError error(String fixture) {
    return GraphError.parse(Json.parse(Fixtures.get(fixture).body())).orElseThrow();
  }

  @Test
  void classifiesCodesIntoTheGeneralKinds() {
    assertThat(error("instagram-error-token-expired.json").kind()).isEqualTo(GraphError.Kind.AUTH);
    assertThat(error("instagram-error-rate-limit-buc.json").kind())
        .isEqualTo(GraphError.Kind.THROTTLED);
    assertThat(error("facebook-error-rate-limit-buc.json").kind())
        .isEqualTo(GraphError.Kind.THROTTLED);
    assertThat(error("facebook-error-temporarily-blocked.json").kind())
        .isEqualTo(GraphError.Kind.BLOCKED);
    assertThat(error("instagram-error-server-transient.json").kind())
        .isEqualTo(GraphError.Kind.TRANSIENT);
    assertThat(error("facebook-error-duplicate.json").kind()).isEqualTo(GraphError.Kind.PERMANENT);
    assertThat(error("facebook-error-permission.json").kind())
        .as("200: permission not granted or removed")
        .isEqualTo(GraphError.Kind.PERMISSION);
    assertThat(error("instagram-error-permission.json").kind())
        .as("10: API permission denied")
        .isEqualTo(GraphError.Kind.PERMISSION);
    assertThat(error("instagram-error-builder-expired.json").kind())
        .as("is_transient: true")
        .isEqualTo(GraphError.Kind.TRANSIENT);
  }

  @Test
  void readsTheUserMessageAndDescribesTheError() {
    GraphError e = error("instagram-error-image-too-large.json");

    assertThat(e.is(36000, 2207004)).isTrue();
    assertThat(e.is(36000, 2207005)).isFalse();
    assertThat(e.userMessage())
        .contains("The image is too large to download. It should be less than 8 MiB.");
    assertThat(e.describe())
        .isEqualTo(
            "(#36000/2207004 OAuthException) The image size is too large.: The image is too large"
                + " to download. It should be less than 8 MiB. [fbtrace_id"
                + " A6LJylpZRKw2xKLFsAP-cJh]");
    assertThat(
            new GraphError(2, OptionalInt.empty(), "", "x", true, Optional.empty()).userMessage())
        .isEmpty();
  }

  @Test
  void pinsTheVersionAndParsesGraphTimestamps() {
    assertThat(GraphApi.checkVersion("v25.0")).isEqualTo("v25.0");
    assertThatThrownBy(() -> GraphApi.checkVersion("25")).hasMessageContaining("v25.0");
    assertThat(GraphApi.parseTime("2026-11-20T12:33:41+0000"))
        .contains(Instant.parse("2026-11-20T12:33:41Z"));
    assertThat(GraphApi.parseTime("2026-11-20T12:33:41Z"))
        .contains(Instant.parse("2026-11-20T12:33:41Z"));
    assertThat(GraphApi.parseTime("yesterday")).isEmpty();
  }

  @Test
  void theMemoForgetsAfterItsTimeToLiveAndDropsTheOldestBeyondItsSize() {
    ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    PublishMemo<String> memo = new PublishMemo<>(clock, Duration.ofHours(24), 2);

    memo.put("a", "k1", "one");
    clock.advance(Duration.ofMinutes(1));
    memo.put("a", "k2", "two");
    clock.advance(Duration.ofMinutes(1));
    memo.put("b", "k1", "three");

    assertThat(memo.get("a", "k1")).isEmpty();
    assertThat(memo.get("a", "k2")).contains("two");
    assertThat(memo.get("b", "k1")).contains("three");
    clock.advance(Duration.ofHours(24));
    assertThat(memo.get("b", "k1")).isEmpty();
    memo.put("c", "k", "four");
    memo.remove("c", "k");
    assertThat(memo.get("c", "k")).isEmpty();
  }
}
