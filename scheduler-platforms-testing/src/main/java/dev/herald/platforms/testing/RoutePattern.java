package dev.herald.platforms.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method and a path with {@code {name}} placeholders, each matching one path segment; written
 * {@code "POST /api/v1/statuses"} or {@code "GET /api/v1/media/{id}"}. Immutable and threadsafe.
 */
final class RoutePattern {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

  private final String method;
  private final String path;
  private final Pattern regex;
  private final List<String> names;

  private RoutePattern(String method, String path) {
    this.method = method.toUpperCase(Locale.ROOT);
    this.path = path;
    StringBuilder re = new StringBuilder();
    List<String> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(path);
    int last = 0;
    while (m.find()) {
      re.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
      found.add(m.group(1));
      last = m.end();
    }
    re.append(Pattern.quote(path.substring(last)));
    this.regex = Pattern.compile(re.toString());
    this.names = List.copyOf(found);
  }

  static RoutePattern of(String method, String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with '/', was '" + path + "'");
    }
    return new RoutePattern(method, path);
  }

  /**
   * Parses {@code "METHOD /path"}.
   *
   * @throws IllegalArgumentException if it is not of that form
   */
  static RoutePattern parse(String route) {
    String[] parts = route.trim().split("\\s+", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "route must be \"METHOD /path\", e.g. \"POST /api/v1/statuses\", was '" + route + "'");
    }
    return of(parts[0], parts[1]);
  }

  /** The placeholder values if {@code method} and {@code requestPath} match. */
  Optional<Map<String, String>> match(String requestMethod, String requestPath) {
    if (!method.equals(requestMethod)) {
      return Optional.empty();
    }
    Matcher m = regex.matcher(requestPath);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      values.put(names.get(i), m.group(i + 1));
    }
    return Optional.of(values);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
