package dev.herald.scheduler.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.herald.scheduler.spi.PayloadCodec;
import java.io.UncheckedIOException;

/**
 * JSON through Jackson. Loaded only when Jackson is present (it is an optional dependency of
 * scheduler-core; {@link OptionalClasses} checks without loading any Jackson type). Threadsafe: an
 * {@link ObjectMapper} is threadsafe once configured.
 */
public final class JacksonPayloadCodec implements PayloadCodec {
  private final ObjectMapper mapper;

  /** A codec using {@code mapper}, which must not be reconfigured afterwards. */
  public JacksonPayloadCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * A codec with a mapper that knows {@code java.time} (when jackson-datatype-jsr310 is present),
   * writes dates as ISO-8601 text and ignores unknown properties, so that adding a field to a
   * payload class does not break jobs already stored.
   */
  public static PayloadCodec createDefault() {
    JsonMapper.Builder builder =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    if (OptionalClasses.present(OptionalClasses.JAVA_TIME_MODULE)) {
      builder.addModule(JavaTimeSupport.module());
    }
    return new JacksonPayloadCodec(builder.build());
  }

  @Override
  public String encode(Object value) {
    if (value instanceof String s) {
      return s;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "payload of type " + value.getClass().getName() + " cannot be written as JSON: "
              + e.getOriginalMessage(), e);
    }
  }

  @Override
  public <T> T decode(String text, Class<T> type) {
    if (type == String.class) {
      return type.cast(text);
    }
    try {
      return mapper.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e.getOriginalMessage(), e);
    }
  }

  @Override
  public String name() {
    return "jackson";
  }
}
