package dev.herald.scheduler.internal.codec;

import dev.herald.scheduler.spi.PayloadCodec;

/** Strings as themselves. Threadsafe (stateless). */
public final class StringPayloadCodec implements PayloadCodec {
  /** The instance. */
  public static final StringPayloadCodec INSTANCE = new StringPayloadCodec();

  private StringPayloadCodec() {}

  @Override
  public String encode(Object value) {
    if (value instanceof CharSequence s) {
      return s.toString();
    }
    throw new IllegalArgumentException("payload codec 'strings' cannot encode a "
        + value.getClass().getName() + "; pass a String, put jackson-databind on the class path, "
        + "or set a PayloadCodec on the scheduler");
  }

  @Override
  public <T> T decode(String text, Class<T> type) {
    if (type.isAssignableFrom(String.class)) {
      return type.cast(text);
    }
    throw new IllegalArgumentException("payload codec 'strings' cannot decode to " + type.getName()
        + "; put jackson-databind on the class path or set a PayloadCodec on the scheduler");
  }

  @Override
  public String name() {
    return "strings";
  }

  @Override
  public String toString() {
    return "PayloadCodec[strings]";
  }
}
