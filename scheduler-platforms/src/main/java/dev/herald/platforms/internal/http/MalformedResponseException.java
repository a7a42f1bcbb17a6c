package dev.herald.platforms.internal.http;

/**
 * A response body is not what the platform documents (not JSON, a required member missing). The
 * message names the request (redacted) and the status, never the body.
 */
public final class MalformedResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must already be redacted. */
  public MalformedResponseException(String message) {
    super(message);
  }
}
