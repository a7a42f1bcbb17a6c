package dev.herald.platforms.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A platform's response, read fully. Success is not decided here: TikTok reports errors inside HTTP
 * 200 and Pixelfed reports auth failures as HTTP 500, so each adapter classifies the status and
 * body itself.
 *
 * <p>Instances are immutable and threadsafe; {@link #toString()} never shows the body, which may
 * carry tokens (OAuth responses).
 */
public final class ApiResponse {

  private final ApiRequest request;
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final Duration elapsed;

  ApiResponse(ApiRequest request, int status, HttpHeaders headers, byte[] body, Duration elapsed) {
    this.request = request;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.elapsed = elapsed;
  }

  /** The request this answers. */
  public ApiRequest request() {
    return request;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** Whether the status is 2xx. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** The response headers. */
  public HttpHeaders headers() {
    return headers;
  }

  /** The first value of header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body bytes (a copy). */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** How long the exchange took. */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * The body as JSON.
   *
   * @throws MalformedResponseException if it is empty or not JSON
   */
  public JsonNode json() {
    try {
      return Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(
          "HTTP " + status + " for " + request + " has no JSON body (" + e.getMessage() + ")");
    }
  }

  /** The body as JSON, or a {@link MissingNode} when it is empty or not JSON (error bodies). */
  public JsonNode jsonOrMissing() {
    try {
      return Json.parse(body);
    } catch (IllegalArgumentException e) {
      return MissingNode.getInstance();
    }
  }

  @Override
  public String toString() {
    return "HTTP "
        + status
        + " for "
        + request
        + " ("
        + body.length
        + " bytes, "
        + elapsed.toMillis()
        + " ms)";
  }
}
