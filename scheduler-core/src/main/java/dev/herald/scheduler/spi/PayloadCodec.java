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
   * @param value the payload to encode, not null
   * @return the encoded payload
   * @throws IllegalArgumentException if this codec cannot encode values of that type (the message
   *     names the type)
   */
  String encode(Object value);

  /**
   * {@code text} decoded as {@code type}.
   *
   * @param <T> the payload type
   * @param text the encoded payload, as {@link #encode} returned it
   * @param type the class to decode to
   * @return the decoded payload
   * @throws RuntimeException (any) if it cannot be decoded; the scheduler wraps it in a {@link
   *     dev.herald.scheduler.PayloadDecodingException} naming the job
   */
  <T> T decode(String text, Class<T> type);

  /**
   * A short name for logs, e.g. {@code jackson} or {@code strings}.
   *
   * @return the codec's name, for logs
   */
  String name();

  /**
   * Strings only: a {@link String} payload is stored as is.
   *
   * @return a codec that stores strings as they are and refuses any other type
   */
  static PayloadCodec strings() {
    return StringPayloadCodec.INSTANCE;
  }

  /**
   * JSON through Jackson if it is on the class path, else {@link #strings()}.
   *
   * @return the Jackson codec if Jackson is on the class path, else the strings codec
   */
  static PayloadCodec defaultCodec() {
    return OptionalClasses.present(OptionalClasses.OBJECT_MAPPER)
        ? JacksonPayloadCodec.createDefault()
        : strings();
  }
}
