package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.internal.Redaction;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request to a platform: method, URI, headers, optional body and timeout, and the secret
 * values it carries (tokens in a header, the query or the body), which {@link HttpTransport} masks
 * in every log line and exception message.
 *
 * <p>Instances are immutable and threadsafe; {@link #toString()} is redacted.
 */
public final class ApiRequest {

  private final String method;
  private final URI uri;
  private final List<Map.Entry<String, String>> headers;
  private final RequestBody body;
  private final Duration timeout;
  private final List<String> secrets;

  private ApiRequest(Builder b) {
    this.method = b.method;
    this.uri = b.uri;
    this.headers = List.copyOf(b.headers);
    this.body = b.body;
    this.timeout = b.timeout;
    this.secrets = List.copyOf(b.secrets);
  }

  /** A GET of {@code uri}. */
  public static Builder get(URI uri) {
    return new Builder("GET", uri, null);
  }

  /** A POST of {@code body} to {@code uri}. */
  public static Builder post(URI uri, RequestBody body) {
    return new Builder("POST", uri, notNull(body, "body"));
  }

  /** A PUT of {@code body} to {@code uri}. */
  public static Builder put(URI uri, RequestBody body) {
    return new Builder("PUT", uri, notNull(body, "body"));
  }

  /** A DELETE of {@code uri}. */
  public static Builder delete(URI uri) {
    return new Builder("DELETE", uri, null);
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The full URI, secrets included: never log it, log {@link #toString()}. */
  public URI uri() {
    return uri;
  }

  /** The body, if any. */
  public Optional<RequestBody> body() {
    return Optional.ofNullable(body);
  }

  /** This request's own timeout, if set; else the transport's default applies. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The secret values this request carries. */
  List<String> secrets() {
    return secrets;
  }

  /** {@code text} with this request's secrets and every recognised secret masked. */
  public String redact(String text) {
    return Redaction.text(text, secrets);
  }

  HttpRequest toHttpRequest(Duration defaultTimeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(timeout == null ? defaultTimeout : timeout);
    headers.forEach(h -> b.header(h.getKey(), h.getValue()));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", body.contentType());
      b.method(method, body.publisher());
    }
    return b.build();
  }

  /** Method and redacted URI, e.g. {@code POST https://mastodon.example/api/v1/statuses}. */
  @Override
  public String toString() {
    return method + " " + redact(uri.toString());
  }

  /** Builds an {@link ApiRequest}. Not threadsafe. */
  public static final class Builder {
    private final String method;
    private final URI uri;
    private final RequestBody body;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private Duration timeout;

    private Builder(String method, URI uri, RequestBody body) {
      this.method = method;
      this.uri = notNull(uri, "uri");
      this.body = body;
    }

    /** Adds a header; {@code Authorization}-like header values are registered as secrets. */
    public Builder header(String name, String value) {
      headers.add(Map.entry(notBlank(name, "header name"), notNull(value, "value of " + name)));
      if (Redaction.isSecretHeader(name)) {
        secret(value);
        int space = value.trim().indexOf(' ');
        if (space > 0) {
          secret(value.trim().substring(space + 1).trim());
        }
      }
      return this;
    }

    /** Adds {@code Authorization: Bearer <token>}. */
    public Builder bearer(String token) {
      secret(notBlank(token, "token"));
      return header("Authorization", "Bearer " + token);
    }

    /** Registers a secret carried elsewhere (query, body), to be masked wherever it appears. */
    public Builder secret(String value) {
      if (value != null && !value.isBlank()) {
        secrets.add(value);
      }
      return this;
    }

    /** This request's timeout, overriding the transport's default (uploads need longer). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Builds the request. */
    public ApiRequest build() {
      return new ApiRequest(this);
    }
  }
}
