package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the fixture index ({@code index.json}): a response body file and the request it
 * answers, as documented in the fixtures' README.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param file the file name, e.g. {@code mastodon-status-created.json}
 * @param platform {@code mastodon}, {@code pixelfed}, {@code instagram}, {@code facebook} or {@code
 *     tiktok}
 * @param method the HTTP method of the request it answers
 * @param path the documented path, with placeholders such as {@code {ig-user-id}} and sometimes a
 *     note in parentheses; descriptive, not a route
 * @param status the HTTP status to answer with
 * @param headers response headers worth emulating (rate-limit and usage headers)
 * @param notes behaviour a fake server should reproduce, if the index notes any
 */
public record Fixture(
    String file,
    String platform,
    String method,
    String path,
    int status,
    Map<String, String> headers,
    Optional<String> notes) {

  /**
   * Checks and copies the components.
   *
   * @param file the file name
   * @param platform the platform id
   * @param method the HTTP method of the request it answers
   * @param path the documented path
   * @param status the HTTP status to answer with
   * @param headers the response headers
   * @param notes the behaviour notes, if any
   */
  public Fixture {
    notBlank(file, "file");
    notBlank(platform, "platform");
    notBlank(method, "method");
    notNull(path, "path");
    headers = Map.copyOf(notNull(headers, "headers"));
    notNull(notes, "notes");
  }

  /**
   * The body bytes, read from the module's resources.
   *
   * @return the body; empty if the fixture has none
   */
  public byte[] body() {
    return Fixtures.read(file);
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the body text
   */
  public String bodyText() {
    return new String(body(), StandardCharsets.UTF_8);
  }

  /**
   * Whether this fixture is an error response (HTTP status 400 or above).
   *
   * @return true if {@link #status()} is 400 or above
   */
  public boolean isError() {
    return status >= 400;
  }
}
