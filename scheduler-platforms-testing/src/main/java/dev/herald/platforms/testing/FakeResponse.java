package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link FakeServer} answers: status, headers, body, and the fixture the body came from (so
 * the server can report which fixtures it served).
 *
 * <p>Instances are immutable and threadsafe; the {@code with…} methods return copies.
 */
public final class FakeResponse {

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String fixture;

  private FakeResponse(int status, Map<String, String> headers, byte[] body, String fixture) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
    }
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.body = body;
    this.fixture = fixture;
  }

  /**
   * The fixture's status, headers and body.
   *
   * @param fixture the fixture
   * @return the response
   */
  public static FakeResponse of(Fixture fixture) {
    Map<String, String> headers = new LinkedHashMap<>(fixture.headers());
    headers.putIfAbsent("Content-Type", "application/json; charset=utf-8");
    return new FakeResponse(fixture.status(), headers, fixture.body(), fixture.file());
  }

  /**
   * A JSON response.
   *
   * @param status the HTTP status
   * @param json the body
   * @return the response, with {@code Content-Type: application/json}
   */
  public static FakeResponse json(int status, String json) {
    return new FakeResponse(
        status,
        Map.of("Content-Type", "application/json; charset=utf-8"),
        json.getBytes(StandardCharsets.UTF_8),
        null);
  }

  /**
   * A response without a body.
   *
   * @param status the HTTP status
   * @return the response
   */
  public static FakeResponse empty(int status) {
    return new FakeResponse(status, Map.of(), new byte[0], null);
  }

  /**
   * A copy with {@code body} replacing the body; the fixture it came from is kept.
   *
   * @param body the new body
   * @return a new response
   */
  public FakeResponse withBody(byte[] body) {
    return new FakeResponse(status, headers, notNull(body, "body").clone(), fixture);
  }

  /**
   * A copy with header {@code name} set to {@code value}.
   *
   * @param name the header's name
   * @param value the header's value
   * @return a new response
   */
  public FakeResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(notBlank(name, "name"), notNull(value, "value"));
    return new FakeResponse(status, copy, body, fixture);
  }

  /**
   * A copy with another status.
   *
   * @param status the new HTTP status
   * @return a new response
   */
  public FakeResponse withStatus(int status) {
    return new FakeResponse(status, headers, body, fixture);
  }

  /**
   * The status.
   *
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * The headers.
   *
   * @return the headers by name
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The body (a copy).
   *
   * @return the body; empty if there is none
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the body text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The fixture file the body came from, if any.
   *
   * @return the fixture's file name, or empty if the response was built by hand
   */
  public Optional<String> fixture() {
    return Optional.ofNullable(fixture);
  }

  byte[] bodyBytes() {
    return body;
  }

  @Override
  public String toString() {
    return "FakeResponse[" + status + (fixture == null ? "" : ", " + fixture) + "]";
  }
}
