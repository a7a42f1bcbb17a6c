package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notNull;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An {@code application/x-www-form-urlencoded} body, also used to build query strings. Keys may
 * repeat ({@code media_ids[]=1&media_ids[]=2}); order is kept.
 *
 * <p>Instances are immutable and threadsafe; {@link #toString()} shows only the keys.
 */
public final class FormBody implements RequestBody {

  private final List<Map.Entry<String, String>> fields;

  private FormBody(List<Map.Entry<String, String>> fields) {
    this.fields = List.copyOf(fields);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The fields in order. */
  public List<Map.Entry<String, String>> fields() {
    return fields;
  }

  /** The URL-encoded form, e.g. {@code status=Hello%20world&visibility=public}. */
  public String encoded() {
    return fields.stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** Whether there are no fields. */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  @Override
  public String contentType() {
    return "application/x-www-form-urlencoded";
  }

  @Override
  public HttpRequest.BodyPublisher publisher() {
    return HttpRequest.BodyPublishers.ofString(encoded(), StandardCharsets.UTF_8);
  }

  @Override
  public String describe() {
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    fields.forEach(e -> keys.add(e.getKey()));
    return "form" + keys;
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Builds a {@link FormBody}. Not threadsafe. */
  public static final class Builder {
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    private Builder() {}

    /** Appends {@code key=value}. */
    public Builder add(String key, String value) {
      fields.add(Map.entry(notNull(key, "key"), notNull(value, "value of " + key)));
      return this;
    }

    /** Appends {@code key=value} for each value, e.g. {@code media_ids[]}. */
    public Builder addAll(String key, Iterable<String> values) {
      values.forEach(v -> add(key, v));
      return this;
    }

    /** Builds the body. */
    public FormBody build() {
      return new FormBody(fields);
    }
  }
}
