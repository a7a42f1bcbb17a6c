package dev.herald.scheduler.spi;

import dev.herald.scheduler.internal.codec.JacksonPayloadCodec;
import dev.herald.scheduler.internal.codec.OptionalClasses;
import dev.herald.scheduler.internal.codec.StringPayloadCodec;

/**
 * Turns job payloads and step results into text for the store, and back.
 *
 * <p>{@link #defaultCodec()} is JSON through Jackson when {@code jackson-databind} is on the class
 * path, and {@link #strings()} otherwise. Implementations must be threadsafe.
 */
public interface PayloadCodec {

  /**
   * The text form of {@code value}.
   *
   * @throws IllegalArgumentException if this codec cannot encode values of that type (the message
   *     names the type)
   */
  String encode(Object value);

  /**
   * {@code text} decoded as {@code type}.
   *
   * @throws RuntimeException (any) if it cannot be decoded; the scheduler wraps it in a {@link
   *     dev.herald.scheduler.PayloadDecodingException} naming the job
   */
  <T> T decode(String text, Class<T> type);

  /** A short name for logs, e.g. {@code jackson} or {@code strings}. */
  String name();

  /** Strings only: a {@link String} payload is stored as is. */
  static PayloadCodec strings() {
    return StringPayloadCodec.INSTANCE;
  }

  /** JSON through Jackson if it is on the class path, else {@link #strings()}. */
  static PayloadCodec defaultCodec() {
    return OptionalClasses.present(OptionalClasses.OBJECT_MAPPER)
        ? JacksonPayloadCodec.createDefault()
        : strings();
  }
}
