package dev.herald.platforms.internal.http;

import java.net.http.HttpRequest;

/**
 * A request body with its content type. Implementations are immutable and threadsafe; {@link
 * #publisher()} returns a fresh publisher on each call, so a request can be sent more than once.
 */
public interface RequestBody {

  /** The {@code Content-Type} header value, including any boundary or charset. */
  String contentType();

  /** The bytes to send. */
  HttpRequest.BodyPublisher publisher();

  /**
   * A description for log lines and exception messages: the shape of the body (field names, part
   * names, byte counts), never field values, which may be secrets or user content.
   */
  String describe();
}
