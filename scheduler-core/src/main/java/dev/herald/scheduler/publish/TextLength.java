package dev.herald.scheduler.publish;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a platform counts the length of a text. Platforms differ: Mastodon counts grapheme clusters
 * and every URL as 23 characters, TikTok counts UTF-16 code units, Meta counts characters.
 *
 * <p>Implementations must be threadsafe.
 */
@FunctionalInterface
public interface TextLength {

  /**
   * The length of {@code text} as the platform counts it.
   *
   * @param text the text to measure
   * @return the length, 0 or more
   */
  int of(String text);

  /**
   * UTF-16 code units ({@link String#length()}).
   *
   * @return the counting of {@link String#length()}
   */
  static TextLength utf16Units() {
    return String::length;
  }

  /**
   * Unicode code points.
   *
   * @return the counting of code points
   */
  static TextLength codePoints() {
    return text -> text.codePointCount(0, text.length());
  }

  /**
   * User-perceived characters (extended grapheme clusters, regex {@code \\X}): an emoji with
   * modifiers or zero-width joiners counts 1. ({@link java.text.BreakIterator} splits joined emoji
   * on Java 17, so it is not used.)
   *
   * @return the counting of grapheme clusters
   */
  static TextLength graphemes() {
    Pattern cluster = Pattern.compile("\\X");
    return text -> {
      Matcher m = cluster.matcher(text);
      int count = 0;
      while (m.find()) {
        count++;
      }
      return count;
    };
  }

  /**
   * This counting, with every {@code http://} or {@code https://} URL counted as {@code perUrl}
   * characters whatever its length (Mastodon's {@code characters_reserved_per_url}).
   *
   * @param perUrl the length a URL counts for, 0 or more
   * @return a new counting; this one is unchanged
   */
  default TextLength withUrlsCountedAs(int perUrl) {
    Pattern url = Pattern.compile("https?://\\S+");
    TextLength base = this;
    return text -> {
      Matcher m = url.matcher(text);
      int urls = 0;
      StringBuilder rest = new StringBuilder();
      while (m.find()) {
        urls++;
        m.appendReplacement(rest, "");
      }
      m.appendTail(rest);
      return base.of(rest.toString()) + urls * perUrl;
    };
  }
}
