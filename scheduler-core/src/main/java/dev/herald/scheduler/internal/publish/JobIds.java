package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.publish.Target;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The deterministic job ids of publications: {@code post/<postId>/<platform>/<account>} (with
 * {@code @<instance>} after the account when the target names one) for a one-time post, {@code
 * post/<postId>@<occurrence millis>/<platform>/<account>} for an occurrence of a series, {@code
 * series/<postId>} for the series itself. Components are percent-encoded, so ids parse back and one
 * post's ids never prefix another's. Deterministic ids make scheduling idempotent and each series
 * occurrence exist once.
 */
public final class JobIds {
  private JobIds() {}

  /** The parts of a publication's id. */
  record Parsed(String postId, Instant occurrence, Target target) {}

  static String publication(String postId, Instant occurrence, Target target) {
    return "post/" + encode(postId) + (occurrence == null ? "" : "@" + occurrence.toEpochMilli())
        + "/" + encode(target.platform()) + "/" + encode(target.account())
        + target.instance().map(instance -> "@" + encode(instance)).orElse("");
  }

  /**
   * The name of {@code target}'s rolling publish budget in the store: {@code
   * publish/<platform>/<account>}, one per target, whatever the post.
   */
  static String budget(Target target) {
    return "publish/" + encode(target.platform()) + "/" + encode(target.account())
        + target.instance().map(instance -> "@" + encode(instance)).orElse("");
  }

  static String series(String postId) {
    return "series/" + encode(postId);
  }

  /** The prefix of the ids of a one-time post's publications. */
  static String oneTimePrefix(String postId) {
    return "post/" + encode(postId) + "/";
  }

  /** The prefix of the ids of a series' publications. */
  static String seriesPrefix(String postId) {
    return "post/" + encode(postId) + "@";
  }

  /**
   * A prefix of the ids of the publications of every post whose id starts with {@code
   * postIdPrefix} (empty: every post); it may match a few more, which the caller filters out.
   */
  static String publicationsPrefix(String postIdPrefix) {
    return "post/" + encodePrefix(postIdPrefix);
  }

  /** A prefix of the ids of the series whose post id starts with {@code postIdPrefix}. */
  static String seriesJobsPrefix(String postIdPrefix) {
    return "series/" + encodePrefix(postIdPrefix);
  }

  /** The post id of a series' job id. */
  static String seriesPostId(String seriesId) {
    if (!seriesId.startsWith("series/")) {
      throw new IllegalArgumentException("not a series id: '" + seriesId + "'");
    }
    return decode(seriesId.substring("series/".length()));
  }

  static Parsed parse(String id) {
    String[] parts = id.split("/");
    if (parts.length != 4 || !parts[0].equals("post")) {
      throw new IllegalArgumentException("not a publication id: '" + id + "'");
    }
    String post = parts[1];
    Instant occurrence = null;
    int at = post.indexOf('@');
    if (at >= 0) {
      occurrence = Instant.ofEpochMilli(Long.parseLong(post.substring(at + 1)));
      post = post.substring(0, at);
    }
    return new Parsed(decode(post), occurrence, target(decode(parts[2]), parts[3]));
  }

  /** The target of an id's last two segments; a raw {@code @} (encoded ones are %40) separates
   * the account from the instance. */
  private static Target target(String platform, String segment) {
    int at = segment.indexOf('@');
    return at < 0 ? Target.of(platform, decode(segment))
        : Target.of(platform, decode(segment.substring(at + 1)), decode(segment.substring(0, at)));
  }

  /**
   * The encoded form of a string's prefix: a trailing lone high surrogate (half a character, which
   * UTF-8 cannot encode) is left out, so the result prefixes the encoding of every string that
   * starts with {@code prefix}.
   */
  private static String encodePrefix(String prefix) {
    int end = prefix.length();
    if (end > 0 && Character.isHighSurrogate(prefix.charAt(end - 1))) {
      end--;
    }
    return encode(prefix.substring(0, end));
  }

  private static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_'
          || c == '~')) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
