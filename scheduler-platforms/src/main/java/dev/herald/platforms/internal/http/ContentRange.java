package dev.herald.platforms.internal.http;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} header of chunked uploads: {@code bytes <first>-<last>/<total>} on each
 * chunk sent, and the same form in responses, which report how far the server has got (used to
 * resynchronise after a 416). This class is threadsafe (stateless).
 */
public final class ContentRange {

  private static final Pattern RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

  private ContentRange() {}

  /**
   * The header value for bytes {@code first} to {@code last} (inclusive) of {@code total}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= first <= last < total}
   */
  public static String of(long first, long last, long total) {
    if (first < 0 || last < first || last >= total) {
      throw new IllegalArgumentException(
          "content range must satisfy 0 <= first <= last < total, was "
              + first
              + "-"
              + last
              + "/"
              + total);
    }
    return "bytes " + first + "-" + last + "/" + total;
  }

  /** The last byte the server reports as received, from a response's {@code Content-Range}. */
  public static OptionalLong lastByte(String headerValue) {
    Matcher m = RANGE.matcher(headerValue == null ? "" : headerValue.trim());
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
  }
}
