package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notNull;

import java.net.URI;

/** Building request URIs from a configured base. This class is threadsafe (stateless). */
public final class Uris {
  private Uris() {}

  /**
   * {@code base} with {@code path} appended to its path, keeping a base path such as {@code
   * https://graph.facebook.com/v25.0}: exactly one slash joins them.
   *
   * @throws IllegalArgumentException if the result is not a valid URI
   */
  public static URI resolve(URI base, String path) {
    notNull(base, "base");
    notNull(path, "path");
    String b = base.toString();
    String joined =
        (b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
            + (path.startsWith("/") ? path : "/" + path);
    return URI.create(joined);
  }

  /** {@code uri} with {@code query} appended to its query string (if it is not empty). */
  public static URI withQuery(URI uri, FormBody query) {
    if (query.isEmpty()) {
      return uri;
    }
    String s = uri.toString();
    return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + query.encoded());
  }
}
