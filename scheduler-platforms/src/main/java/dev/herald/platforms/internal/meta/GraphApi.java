package dev.herald.platforms.internal.meta;

import static dev.herald.platforms.internal.Preconditions.notNull;

import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.HttpTransport;
import dev.herald.platforms.internal.http.MultipartBody;
import dev.herald.platforms.internal.http.Uris;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Calls to one Graph API host ({@code graph.facebook.com}, {@code graph.instagram.com}) at one
 * pinned version, with the token in the {@code access_token} parameter as Meta's examples send it:
 * in the query of a GET, in the form or multipart body of a POST. Every token is registered with
 * {@link ApiRequest.Builder#secret(String)}, so it is masked in every log line and message.
 *
 * <p>This class is threadsafe.
 */
public final class GraphApi {

  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");

  /** Graph timestamps: {@code 2026-11-20T12:33:41+0000}. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

  private final HttpTransport transport;
  private final URI base;
  private final String version;

  /**
   * @param base the host, e.g. {@code https://graph.facebook.com}
   * @param version the pinned version, e.g. {@code v25.0}
   * @throws IllegalArgumentException if the version is not of the form {@code vNN.N}
   */
  public GraphApi(HttpTransport transport, URI base, String version) {
    this.transport = notNull(transport, "transport");
    this.base = notNull(base, "base");
    this.version = checkVersion(version);
  }

  /**
   * {@code version} if it has the form {@code v25.0}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String checkVersion(String version) {
    notNull(version, "graphVersion");
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "graphVersion must look like v25.0 (pin the version in config), was '" + version + "'");
    }
    return version;
  }

  /** The pinned version, e.g. {@code v25.0}. */
  public String version() {
    return version;
  }

  /** The host's base URI. */
  public URI base() {
    return base;
  }

  /** {@code <base>/<version><path>}. */
  public URI uri(String path) {
    return Uris.resolve(base, "/" + version + (path.startsWith("/") ? path : "/" + path));
  }

  /** {@code GET <base>/<version><path>?<query>&access_token=<token>}. */
  public ApiResponse get(String path, FormBody query, String token) {
    return transport.send(
        ApiRequest.get(Uris.withQuery(uri(path), withToken(query, token))).secret(token).build());
  }

  /** {@code POST <base>/<version><path>} with {@code form} and {@code access_token} as the body. */
  public ApiResponse post(String path, FormBody form, String token) {
    return transport.send(ApiRequest.post(uri(path), withToken(form, token)).secret(token).build());
  }

  /** {@code POST} of a multipart body, {@code access_token} added as a field. */
  public ApiResponse postMultipart(
      String path, MultipartBody.Builder body, String token, Duration timeout) {
    return transport.send(
        ApiRequest.post(uri(path), body.field("access_token", token).build())
            .secret(token)
            .timeout(timeout)
            .build());
  }

  /** Sends a request built elsewhere (uploads to another host). */
  public ApiResponse send(ApiRequest request) {
    return transport.send(request);
  }

  /** {@code form} followed by {@code access_token=<token>}. */
  public static FormBody withToken(FormBody form, String token) {
    FormBody.Builder b = FormBody.builder();
    for (Map.Entry<String, String> field : form.fields()) {
      b.add(field.getKey(), field.getValue());
    }
    return b.add("access_token", notNull(token, "token")).build();
  }

  /** A Graph timestamp ({@code 2026-11-20T12:33:41+0000}, or ISO-8601), if it parses. */
  public static Optional<Instant> parseTime(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text, TIME).toInstant());
    } catch (DateTimeException e) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeException again) {
        return Optional.empty();
      }
    }
  }

  @Override
  public String toString() {
    return "GraphApi[" + base + "/" + version + "]";
  }
}
