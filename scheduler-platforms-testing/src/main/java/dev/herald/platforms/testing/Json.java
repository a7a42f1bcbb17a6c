package dev.herald.platforms.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The fakes' JSON, through Jackson's tree model. Integers that do not fit a {@code long} stay exact
 * ({@link java.math.BigInteger}), as the platforms' 64-bit and larger ids must. The fakes share no
 * code with the adapters they test. Threadsafe (stateless).
 */
final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Json() {}

  /** {@code bytes} parsed; IllegalArgumentException naming where, if they are not JSON. */
  static JsonNode parse(byte[] bytes) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty JSON document");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "malformed JSON at " + (e instanceof JsonProcessingException p ? p.getLocation() : "?"));
    }
  }

  /** {@code node} as UTF-8 bytes. */
  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise a JSON tree", e);
    }
  }

  /** A new empty object. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
