package dev.herald.platforms.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * An exchange failed without an HTTP response, classified by whether the platform can have acted on
 * the request.
 *
 * <ul>
 *   <li>{@link Kind#NOT_SENT}: the connection or TLS handshake failed (refused, unreachable,
 *       unknown host, connect timeout), or the body could not be read locally. The platform never
 *       saw the request: retrying cannot duplicate anything.
 *   <li>{@link Kind#MAYBE_SENT}: the failure came after the connection was up: a response timeout,
 *       a connection reset or closed before the response, an interrupt. The platform may have acted
 *       on the request.
 * </ul>
 *
 * <p>The message names the platform and the request (redacted), never a secret.
 */
public final class TransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether the platform can have acted on the request. */
  public enum Kind {
    /** The request never reached the platform. */
    NOT_SENT,
    /** The request may have reached the platform and taken effect. */
    MAYBE_SENT
  }

  private final Kind kind;
  private final boolean timeout;

  TransportException(String message, Kind kind, boolean timeout, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.timeout = timeout;
  }

  /** Whether the platform can have acted on the request. */
  public Kind kind() {
    return kind;
  }

  /** Whether the request certainly did not reach the platform. */
  public boolean wasNotSent() {
    return kind == Kind.NOT_SENT;
  }

  /** Whether a connect or response timeout expired. */
  public boolean isTimeout() {
    return timeout;
  }

  /** The kind of an {@link IOException} thrown by {@code HttpClient.send}. */
  static Kind classify(IOException e) {
    if (e instanceof HttpConnectTimeoutException
        || e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof SSLHandshakeException) {
      return Kind.NOT_SENT;
    }
    return Kind.MAYBE_SENT;
  }

  static boolean isTimeout(IOException e) {
    return e instanceof HttpTimeoutException;
  }
}
