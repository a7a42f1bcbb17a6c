package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.publish.PublishResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TikTok post ids are int64 JSON numbers above 2<sup>53</sup>, where a double (and so a JavaScript
 * client, or a naive {@code asLong} through {@code double}) loses the last digits. They are read as
 * exact text from the wire to the result.
 */
class TikTokBigIdTest {

  static final String ID = "7439912345678901234";

  @TempDir Path dir;

  @Test
  void theFixtureIdIsAJsonNumberAbove2To53ThatADoubleWouldRound() {
    String body = Fixtures.get("tiktok-status-complete.json").bodyText();

    assertThat(body).contains("[\n      " + ID + "\n    ]");
    assertThat(new BigInteger(ID)).isGreaterThan(BigInteger.TWO.pow(53));
    assertThat(new java.math.BigDecimal((double) Long.parseLong(ID)).toBigInteger().toString())
        .isNotEqualTo(ID);
  }

  @Test
  void statusParsingKeepsTheIdExactUnderEitherSpellingAndAsNumberOrString() {
    JsonNode data = Json.parse(Fixtures.get("tiktok-status-complete.json").body()).path("data");

    assertThat(TikTokStatus.parse(data).postIds()).containsExactly(ID);
    assertThat(ids("{\"publicly_available_post_id\":[" + ID + "]}")).containsExactly(ID);
    assertThat(ids("{\"publicaly_available_post_id\":[\"" + ID + "\"]}")).containsExactly(ID);
    assertThat(ids("{\"publicaly_available_post_id\":" + ID + "}")).containsExactly(ID);
    assertThat(ids("{\"publicaly_available_post_id\":[18446744073709551615]}"))
        .as("beyond int64 too")
        .containsExactly("18446744073709551615");
    assertThat(
            ids("{\"publicaly_available_post_id\":[],\"publicly_available_post_id\":[" + ID + "]}"))
        .containsExactly(ID);
    assertThat(ids("{\"publicaly_available_post_id\":[]}")).isEmpty();
  }

  @Test
  void thePublishedRemoteIdIsExactlyTheIdOnTheWire() {
    try (TikTokHarness h = new TikTokHarness(dir)) {
      PublishResult result = h.publish(h.publisher(), post(remoteVideo("v.mp4")).build());

      assertThat(FakeTikTok.FIRST_POST_ID).isEqualTo(ID);
      assertThat(result)
          .isInstanceOfSatisfying(
              PublishResult.Published.class,
              p -> {
                assertThat(p.remoteId()).isEqualTo(ID);
                assertThat(p.url().orElseThrow())
                    .hasToString("https://www.tiktok.com/@tiktok/video/" + ID);
              });
      assertThat(h.fake.ledger().find(ID)).isPresent();
    }
  }

  private static java.util.List<String> ids(String data) {
    return TikTokStatus.postIds(Json.parse(data.getBytes(StandardCharsets.UTF_8)));
  }
}
