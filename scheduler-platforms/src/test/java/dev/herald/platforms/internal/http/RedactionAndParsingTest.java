package dev.herald.platforms.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.Redaction;
import dev.herald.platforms.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionAndParsingTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void masksSecretParametersHeadersAndJsonMembers() {
    assertThat(
            Redaction.text(
                "grant_type=refresh_token&refresh_token=rft.abc&client_secret=s3&code=xyz&error_code=7"))
        .isEqualTo(
            "grant_type=refresh_token&refresh_token=<redacted>&client_secret=<redacted>&code=<redacted>&error_code=7");
    assertThat(
            Redaction.uri(
                URI.create(
                    "https://graph.instagram.example/refresh_access_token?grant_type=ig_refresh_token&access_token=IGQ123")))
        .endsWith("access_token=<redacted>");
    assertThat(
            Redaction.text(
                "{\"access_token\": \"act.1\", \"refresh_token\":\"rft.2\", \"code\":\"ok\"}"))
        .isEqualTo(
            "{\"access_token\":\"<redacted>\", \"refresh_token\":\"<redacted>\", \"code\":\"ok\"}");
    assertThat(Redaction.text("Authorization: Bearer abc.def-ghi"))
        .isEqualTo("Authorization: Bearer <redacted>");
    assertThat(Redaction.header("Authorization", "OAuth EAAB")).isEqualTo("OAuth <redacted>");
    assertThat(Redaction.header("Idempotency-Key", "job-1")).isEqualTo("job-1");
    assertThat(Redaction.text("token t0k3n leaked", List.of("t0k3n")))
        .isEqualTo("token <redacted> leaked");
    assertThat(Redaction.secret(null)).isEqualTo("null");
  }

  @Test
  void parsesResetAsIsoWithMicrosecondsOrEpochSecondsAndRetryAfterBothWays() {
    assertThat(RateLimits.parseReset("2026-11-20T12:35:00.000000Z", NOW))
        .contains(Instant.parse("2026-11-20T12:35:00Z"));
    assertThat(RateLimits.parseReset("2026-11-20T13:35:00.123456+01:00", NOW))
        .contains(Instant.parse("2026-11-20T12:35:00.123456Z"));
    assertThat(RateLimits.parseReset("1795696500", NOW))
        .contains(Instant.ofEpochSecond(1795696500L));
    assertThat(RateLimits.parseReset("60", NOW)).contains(NOW.plusSeconds(60));
    assertThat(RateLimits.parseReset("soon", NOW)).isEmpty();
    assertThat(RateLimits.parseRetryAfter("120", NOW)).contains(NOW.plusSeconds(120));
    assertThat(RateLimits.parseRetryAfter("Fri, 20 Nov 2026 12:05:00 GMT", NOW))
        .contains(Instant.parse("2026-11-20T12:05:00Z"));
    assertThat(RateLimits.parseRetryAfter("-1", NOW)).isEmpty();
  }

  @Test
  void untilIsTheLaterOfResetAndRetryAfter() {
    RateLimits limits =
        RateLimits.of(
            headers(
                Map.of(
                    "X-RateLimit-Limit",
                    "300",
                    "X-RateLimit-Remaining",
                    "0",
                    "X-RateLimit-Reset",
                    "2026-11-20T12:01:00.000000Z",
                    "Retry-After",
                    "30")),
            NOW);

    assertThat(limits.limit()).hasValue(300);
    assertThat(limits.remaining()).hasValue(0);
    assertThat(limits.until()).contains(Instant.parse("2026-11-20T12:01:00Z"));
    assertThat(RateLimits.of(headers(Map.of()), NOW).until()).isEmpty();
  }

  @Test
  void readsIdsAbove2To53Exactly() {
    JsonNode status = Json.parse(Fixtures.get("tiktok-status-complete.json").body());
    JsonNode ids = status.path("data").path("publicaly_available_post_id");

    assertThat(ids.get(0).asText()).isEqualTo("7439912345678901234");
    assertThat(Json.text(Json.parse("{\"id\":123456789012345678901234567890}".getBytes()), "id"))
        .contains("123456789012345678901234567890");
    assertThat(Json.text(Json.parse("{\"id\":\"113541990012345678\"}".getBytes()), "id"))
        .contains("113541990012345678");
    assertThat(Json.text(Json.parse("{\"id\":null}".getBytes()), "id")).isEmpty();
    assertThatThrownBy(() -> Json.parse("<html>".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("html");
  }

  @Test
  void buildsUrisAndContentRanges() {
    assertThat(Uris.resolve(URI.create("https://graph.facebook.example/v25.0/"), "/me/accounts"))
        .isEqualTo(URI.create("https://graph.facebook.example/v25.0/me/accounts"));
    assertThat(
            Uris.withQuery(
                URI.create("https://x.example/a?b=1"), FormBody.builder().add("c", "d e").build()))
        .isEqualTo(URI.create("https://x.example/a?b=1&c=d%20e"));
    assertThat(ContentRange.of(0, 9_999_999, 50_000_123)).isEqualTo("bytes 0-9999999/50000123");
    assertThat(ContentRange.lastByte("bytes 0-19999999/50000123")).hasValue(19_999_999);
    assertThat(ContentRange.lastByte("garbage")).isEmpty();
    assertThatThrownBy(() -> ContentRange.of(5, 4, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> map = new java.util.HashMap<>();
    values.forEach((k, v) -> map.put(k, List.of(v)));
    return HttpHeaders.of(map, (k, v) -> true);
  }
}
