package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;

/** An {@code application/json} body. Immutable and threadsafe (the tree is serialised once). */
public final class JsonBody implements RequestBody {

  private final byte[] bytes;
  private final List<String> members;

  private JsonBody(byte[] bytes, List<String> members) {
    this.bytes = bytes;
    this.members = members;
  }

  /** The serialised form of {@code node}. */
  public static JsonBody of(JsonNode node) {
    List<String> members = new ArrayList<>();
    notNull(node, "node").fieldNames().forEachRemaining(members::add);
    return new JsonBody(Json.write(node), List.copyOf(members));
  }

  @Override
  public String contentType() {
    return "application/json; charset=UTF-8";
  }

  @Override
  public BodyPublisher publisher() {
    return BodyPublishers.ofByteArray(bytes);
  }

  @Override
  public String describe() {
    return "json" + members;
  }

  @Override
  public String toString() {
    return describe();
  }
}
