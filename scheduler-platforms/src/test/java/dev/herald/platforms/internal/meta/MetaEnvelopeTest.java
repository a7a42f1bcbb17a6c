package dev.herald.platforms.internal.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaEnvelopeTest {

  @Test
  void parsesEveryGraphErrorFixture() {
    List<Fixture> errors =
        Fixtures.all().stream()
            .filter(f -> f.platform().equals("instagram") || f.platform().equals("facebook"))
            .filter(Fixture::isError)
            .toList();

    assertThat(errors)
        .isNotEmpty()
        .allSatisfy(
            f -> assertThat(GraphError.parse(Json.parse(f.body()))).as(f.file()).isPresent());
  }

  @Test
  void readsCodeSubcodeAndTransience() {
    GraphError notReady =
        GraphError.parse(Json.parse(Fixtures.get("instagram-error-media-not-ready.json").body()))
            .orElseThrow();
    GraphError transientError =
        GraphError.parse(Json.parse(Fixtures.get("facebook-error-transient.json").body()))
            .orElseThrow();

    assertThat(notReady.codeText()).isEqualTo("9007/2207027");
    assertThat(transientError.code()).isEqualTo(2);
    assertThat(transientError.isTransient()).isTrue();
    assertThat(transientError.subcode()).isEmpty();
    assertThat(transientError.fbtraceId()).contains("AmFGcW_3hwDB7qFbl_QdebZ");
    assertThat(GraphError.parse(Json.parse("{\"data\":[]}".getBytes()))).isEmpty();
  }

  @Test
  void foldsUsageHeadersIntoTheHighestPercentageAndTheLongestBlock() {
    Fixture buc = Fixtures.get("facebook-error-rate-limit-buc.json");
    Fixture app = Fixtures.get("facebook-error-rate-limit-page.json");
    Fixture fine = Fixtures.get("instagram-container-created.json");

    MetaUsage throttled = MetaUsage.of(headers(buc.headers()));
    assertThat(throttled.maxPercent()).isEqualTo(100);
    assertThat(throttled.regainAccessIn()).isEqualTo(Duration.ofMinutes(19));
    assertThat(MetaUsage.of(headers(app.headers())).isThrottled()).isTrue();
    assertThat(MetaUsage.of(headers(fine.headers()))).isEqualTo(new MetaUsage(3, Duration.ZERO));
    assertThat(MetaUsage.of(headers(Map.of("X-App-Usage", "not json"))))
        .isEqualTo(new MetaUsage(0, Duration.ZERO));
  }

  private static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> map = new HashMap<>();
    values.forEach((k, v) -> map.put(k, List.of(v)));
    return HttpHeaders.of(map, (k, v) -> true);
  }
}
