package dev.herald.platforms.internal.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.Json;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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
 * @param userMessage the {@code error_user_msg} meant for the end user, when present
 */
public record GraphError(
    int code,
    OptionalInt subcode,
    String type,
    String message,
    boolean isTransient,
    Optional<String> fbtraceId,
    Optional<String> userMessage) {

  /**
   * The general class of a Graph API error code, from the "Handling Errors" and "Rate Limits"
   * tables shared by Instagram and Facebook. Adapters
   * check their platform's own codes and subcodes first and fall back to this.
   */
  public enum Kind {
    /** 190 (token invalid or expired, any subcode), 102 (session): refresh or re-authorise. */
    AUTH,
    /**
     * 10 (API Permission Denied) and 200–299 (API Permission): "Permission is either not granted
     * or has been removed. Handle the missing permissions"
     * (https://developers.facebook.com/docs/graph-api/guides/error-handling, Error Codes). The
     * remedy is the user granting the permission again: re-authorise. A refresh cannot add it.
     */
    PERMISSION,
    /** 4, 17, 32, 613, 341, 80001, 80002: a call-rate limit; wait as the usage headers advise. */
    THROTTLED,
    /** 368: temporarily blocked for a policy violation; wait hours, do not hammer. */
    BLOCKED,
    /** 1, 2, -1, -2, or {@code is_transient: true}: a retry may succeed. */
    TRANSIENT,
    /** Everything else (3, 100, 506, …): the request will fail again as it is. */
    PERMANENT
  }

  private static final Set<Integer> THROTTLING = Set.of(4, 17, 32, 613, 341, 80001, 80002);
  private static final Set<Integer> TRANSIENT = Set.of(1, 2, -1, -2);

  /** The envelope without a user message (the original six components). */
  public GraphError(
      int code,
      OptionalInt subcode,
      String type,
      String message,
      boolean isTransient,
      Optional<String> fbtraceId) {
    this(code, subcode, type, message, isTransient, fbtraceId, Optional.empty());
  }

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
            Json.text(error, "fbtrace_id"),
            Json.text(error, "error_user_msg")));
  }

  /** The code for {@code PublishResult.Rejected}: {@code "190"} or {@code "190/463"}. */
  public String codeText() {
    return subcode.isPresent() ? code + "/" + subcode.getAsInt() : Integer.toString(code);
  }

  /** Whether this is {@code code} with subcode {@code subcode}. */
  public boolean is(int code, int subcode) {
    return this.code == code && this.subcode.isPresent() && this.subcode.getAsInt() == subcode;
  }

  /** The general class of {@link #code()}; see {@link Kind}. */
  public Kind kind() {
    if (code == 190 || code == 102) {
      return Kind.AUTH;
    }
    if (code == 10 || (code >= 200 && code <= 299)) {
      return Kind.PERMISSION;
    }
    if (THROTTLING.contains(code)) {
      return Kind.THROTTLED;
    }
    if (code == 368) {
      return Kind.BLOCKED;
    }
    if (TRANSIENT.contains(code) || isTransient) {
      return Kind.TRANSIENT;
    }
    return Kind.PERMANENT;
  }

  /**
   * A one-line description for a result's reason: {@code (#9007/2207027 OAuthException) Media ID is
   * not available: <user message> [fbtrace_id …]}. The messages may echo request input: pass it
   * through the request's {@code redact} before showing it.
   */
  public String describe() {
    StringBuilder out = new StringBuilder("(#").append(codeText());
    if (!type.isEmpty()) {
      out.append(' ').append(type);
    }
    out.append(") ").append(message);
    userMessage.filter(m -> !m.equals(message)).ifPresent(m -> out.append(": ").append(m));
    fbtraceId.ifPresent(id -> out.append(" [fbtrace_id ").append(id).append(']'));
    return out.toString();
  }
}
