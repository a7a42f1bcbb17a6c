package dev.herald.platforms.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * JSON through Jackson's tree model, configured so that no number loses precision: integers are
 * read as {@link java.math.BigInteger} when they do not fit a {@code long} and never as doubles, so
 * a TikTok post id above 2<sup>53</sup> survives. Read ids with {@link #text(JsonNode, String)},
 * which returns numbers and strings alike as their exact decimal text.
 *
 * <p>This class is threadsafe.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Json() {}

  /**
   * Parses {@code bytes}.
   *
   * @throws IllegalArgumentException if they are not JSON (the message does not quote them)
   */
  public static JsonNode parse(byte[] bytes) {
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

  /** {@code node} serialised as UTF-8. */
  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise a JSON tree", e);
    }
  }

  /** A new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * The member {@code field} of {@code node} as exact text: a string as is, a number as its exact
   * decimal digits; empty when missing, null, or a container.
   */
  public static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
      return Optional.empty();
    }
    return Optional.of(
        value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
  }
}
