package dev.herald.platforms.internal.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.Json;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Graph API error envelope shared by Instagram and Facebook: {@code {"error":{"message",
 * "type","code","error_subcode","is_transient","error_user_title","error_user_msg","fbtrace_id"}}}.
 * Classify by {@link #code()} and {@link #subcode()}, not by the HTTP status, which is usually 400.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param code the error code (e.g. 190, 9007, 80002)
 * @param subcode the {@code error_subcode}, when present (e.g. 2207027)
 * @param type e.g. {@code OAuthException}; empty string when absent
 * @param message the developer message; empty string when absent
 * @param isTransient Meta's hint that a retry may succeed
 * @param fbtraceId the trace id to log, when present
 */
public record GraphError(
    int code,
    OptionalInt subcode,
    String type,
    String message,
    boolean isTransient,
    Optional<String> fbtraceId) {

  /** The error in {@code body}, if it is a Graph API error envelope with a numeric code. */
  public static Optional<GraphError> parse(JsonNode body) {
    JsonNode error = body == null ? null : body.get("error");
    if (error == null || !error.isObject() || !error.path("code").canConvertToInt()) {
      return Optional.empty();
    }
    JsonNode sub = error.path("error_subcode");
    return Optional.of(
        new GraphError(
            error.path("code").asInt(),
            sub.canConvertToInt() ? OptionalInt.of(sub.asInt()) : OptionalInt.empty(),
            error.path("type").asText(""),
            error.path("message").asText(""),
            error.path("is_transient").asBoolean(false),
            Json.text(error, "fbtrace_id")));
  }

  /** The code for {@code PublishResult.Rejected}: {@code "190"} or {@code "190/463"}. */
  public String codeText() {
    return subcode.isPresent() ? code + "/" + subcode.getAsInt() : Integer.toString(code);
  }
}
