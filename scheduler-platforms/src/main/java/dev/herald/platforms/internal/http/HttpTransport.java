package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.internal.Loggers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The JDK {@link HttpClient} with per-request timeouts, redacted DEBUG logging of every exchange,
 * and failures turned into a classified {@link TransportException}.
 *
 * <p>Each adapter owns one transport per configuration. This class is threadsafe.
 */
public final class HttpTransport {

  private final Logger log;
  private final String platform;
  private final HttpClient client;
  private final Duration defaultTimeout;

  /**
   * A transport for {@code platform} (used in messages, and naming the logger category {@code
   * dev.herald.platforms.<platform>} its exchanges are logged to at DEBUG).
   *
   * @param defaultTimeout the response timeout of requests that set none
   */
  public HttpTransport(String platform, HttpClient client, Duration defaultTimeout) {
    this.platform = notBlank(platform, "platform");
    this.log = Loggers.platform(platform);
    this.client = notNull(client, "client");
    this.defaultTimeout = positive(defaultTimeout, "defaultTimeout");
  }

  /**
   * The client adapters use when the host gives none: HTTP/1.1 and HTTP/2, the given connect
   * timeout, and no redirects (a redirect of a POST must not be followed silently).
   */
  public static HttpClient defaultClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(positive(connectTimeout, "connectTimeout"))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The platform id this transport logs as. */
  public String platform() {
    return platform;
  }

  /**
   * Sends {@code request} and reads the whole response, whatever its status.
   *
   * @throws TransportException if there is no response; the interrupt flag is restored if the
   *     thread was interrupted
   */
  public ApiResponse send(ApiRequest request) {
    long start = System.nanoTime();
    try {
      HttpRequest httpRequest = request.toHttpRequest(defaultTimeout);
      HttpResponse<byte[]> response =
          client.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      ApiResponse result =
          new ApiResponse(
              request, response.statusCode(), response.headers(), response.body(), elapsed);
      if (log.isDebugEnabled()) {
        log.debug(
            "{} {} {} -> {} in {} ms",
            platform,
            request,
            describeBody(request),
            response.statusCode(),
            elapsed.toMillis());
      }
      return result;
    } catch (IOException e) {
      throw failure(request, TransportException.classify(e), TransportException.isTimeout(e), e);
    } catch (UncheckedIOException e) {
      throw failure(request, TransportException.Kind.NOT_SENT, false, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(request, TransportException.Kind.MAYBE_SENT, false, e);
    }
  }

  private TransportException failure(
      ApiRequest request, TransportException.Kind kind, boolean timeout, Throwable cause) {
    String when =
        kind == TransportException.Kind.NOT_SENT
            ? "before the request was sent"
            : "after the request may have been sent";
    String message =
        request.redact(
            platform
                + " "
                + request
                + " failed "
                + when
                + ": "
                + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    log.debug("{}", message);
    return new TransportException(message, kind, timeout, cause);
  }

  private static String describeBody(ApiRequest request) {
    return request.body().map(RequestBody::describe).orElse("");
  }
}
