package dev.herald.platforms.internal.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.Json;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Meta's usage headers, folded into the figures a throttle needs: the highest percentage of any
 * budget ({@code call_count}, {@code total_time}, {@code total_cputime}) across {@code
 * X-App-Usage}, {@code X-Page-Usage} and every entry of {@code X-Business-Use-Case-Usage}, and the
 * longest {@code estimated_time_to_regain_access} (minutes in the header). Malformed headers are
 * ignored.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param maxPercent the highest usage percentage reported; 0 when no header is present
 * @param regainAccessIn how long until calls are allowed again; zero when not throttled
 */
public record MetaUsage(int maxPercent, Duration regainAccessIn) {

  private static final String[] BUDGETS = {"call_count", "total_time", "total_cputime"};

  /** The usage reported by {@code headers}. */
  public static MetaUsage of(HttpHeaders headers) {
    int max = 0;
    long minutes = 0;
    for (String name : new String[] {"X-App-Usage", "X-Page-Usage"}) {
      JsonNode node = parse(headers.firstValue(name).orElse(null));
      max = Math.max(max, percent(node));
    }
    JsonNode buc = parse(headers.firstValue("X-Business-Use-Case-Usage").orElse(null));
    if (buc != null) {
      for (JsonNode entries : buc) {
        for (JsonNode entry : entries) {
          max = Math.max(max, percent(entry));
          minutes = Math.max(minutes, entry.path("estimated_time_to_regain_access").asLong(0));
        }
      }
    }
    return new MetaUsage(max, Duration.ofMinutes(minutes));
  }

  /** Whether a budget is exhausted (at or above 100 %) or access is blocked for a while. */
  public boolean isThrottled() {
    return maxPercent >= 100 || !regainAccessIn.isZero();
  }

  private static int percent(JsonNode node) {
    int max = 0;
    if (node != null && node.isObject()) {
      for (String budget : BUDGETS) {
        max = Math.max(max, node.path(budget).asInt(0));
      }
    }
    return max;
  }

  private static JsonNode parse(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Json.parse(header.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
