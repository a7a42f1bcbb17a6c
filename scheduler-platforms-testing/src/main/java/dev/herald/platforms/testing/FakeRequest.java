package dev.herald.platforms.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request received by a {@link FakeServer}, read fully: method, path, query, headers, body, and
 * the parameters of the query string, a form-urlencoded body or a multipart body.
 *
 * <p>Instances are immutable and threadsafe. {@link #toString()} shows the method, the path and the
 * redacted query, never a header or the body.
 */
public final class FakeRequest {

  /** Query parameters whose values are credentials, never logged. */
  private static final Set<String> SECRET_PARAMS =
      Set.of("access_token", "client_secret", "refresh_token", "code", "fb_exchange_token",
          "upload_token", "code_verifier", "input_token");

  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Map<String, List<String>> params;
  private final Map<String, UploadedFile> files;
  private final Map<String, String> pathParams;
  private final Instant receivedAt;

  private FakeRequest(
      String method,
      String path,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      Map<String, List<String>> params,
      Map<String, UploadedFile> files,
      Map<String, String> pathParams,
      Instant receivedAt) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
    this.params = params;
    this.files = files;
    this.pathParams = pathParams;
    this.receivedAt = receivedAt;
  }

  static FakeRequest read(HttpExchange exchange, Instant now) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, List<String>> params = new LinkedHashMap<>();
    Map<String, UploadedFile> files = new LinkedHashMap<>();
    parseForm(rawQuery, params);
    String contentType = headers.getOrDefault("Content-Type", List.of("")).get(0);
    String boundary = MultipartParser.boundary(contentType);
    if (boundary != null) {
      for (MultipartParser.Part part : MultipartParser.parse(body, boundary)) {
        if (part.isFile()) {
          files.put(
              part.name(),
              new UploadedFile(part.filename(), part.contentType(), part.content().length));
        } else {
          add(params, part.name(), new String(part.content(), StandardCharsets.UTF_8));
        }
      }
    } else if (contentType
        .toLowerCase(Locale.ROOT)
        .startsWith("application/x-www-form-urlencoded")) {
      parseForm(new String(body, StandardCharsets.UTF_8), params);
    }
    params.replaceAll((k, v) -> List.copyOf(v));
    return new FakeRequest(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        exchange.getRequestURI().getPath(),
        rawQuery == null ? "" : rawQuery,
        headers,
        body,
        params,
        files,
        Map.of(),
        now);
  }

  FakeRequest withPathParams(Map<String, String> values) {
    return new FakeRequest(
        method, path, rawQuery, headers, body, params, files, Map.copyOf(values), receivedAt);
  }

  /**
   * The method, upper case.
   *
   * @return the method, e.g. {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * The decoded path, e.g. {@code /api/v1/statuses}.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * The raw query string, empty if none. May hold secrets: do not log it unredacted.
   *
   * @return the query string, or an empty string
   */
  public String rawQuery() {
    return rawQuery;
  }

  /**
   * The first value of header {@code name} (case-insensitive).
   *
   * @param name the header's name
   * @return the value, or empty if the header is absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The token of an {@code Authorization: Bearer <token>} header, or of an {@code OAuth} one.
   *
   * @return the token, or empty if the request has none
   */
  public Optional<String> bearerToken() {
    return header("Authorization")
        .map(String::trim)
        .filter(
            v ->
                v.regionMatches(true, 0, "Bearer ", 0, 7)
                    || v.regionMatches(true, 0, "OAuth ", 0, 6))
        .map(v -> v.substring(v.indexOf(' ') + 1).trim());
  }

  /**
   * The body bytes (a copy).
   *
   * @return the body; empty if the request has none
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
   * The first value of parameter {@code name} from the query, a form body or multipart fields.
   *
   * @param name the parameter's name
   * @return the value, or empty if the parameter is absent
   */
  public Optional<String> param(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Every value of parameter {@code name}, in order ({@code media_ids[]}).
   *
   * @param name the parameter's name
   * @return the values; empty if the parameter is absent
   */
  public List<String> params(String name) {
    return params.getOrDefault(name, List.of());
  }

  /**
   * The multipart file part named {@code name}.
   *
   * @param name the part's name
   * @return the file, or empty if there is no such part
   */
  public Optional<UploadedFile> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  /**
   * The value of route placeholder {@code {name}}.
   *
   * @param name the placeholder's name
   * @return the value, or empty if the route has no such placeholder
   */
  public Optional<String> pathParam(String name) {
    return Optional.ofNullable(pathParams.get(name));
  }

  /**
   * When the fake received the request, on the fake's clock.
   *
   * @return the receipt time
   */
  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public String toString() {
    return method + " " + path + (rawQuery.isEmpty() ? "" : "?" + maskSecrets(rawQuery));
  }

  /** The query with the value of every credential parameter replaced, for log lines. */
  private static String maskSecrets(String rawQuery) {
    StringBuilder out = new StringBuilder();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      out.append(out.length() == 0 ? "" : "&")
          .append(eq >= 0 && SECRET_PARAMS.contains(decode(name)) ? name + "=<redacted>" : pair);
    }
    return out.toString();
  }

  private static void parseForm(String encoded, Map<String, List<String>> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      add(into, decode(key), decode(value));
    }
  }

  private static void add(Map<String, List<String>> into, String key, String value) {
    into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
