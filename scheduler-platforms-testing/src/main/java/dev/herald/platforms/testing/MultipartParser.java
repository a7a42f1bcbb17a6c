package dev.herald.platforms.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a {@code multipart/form-data} body into parts. Stateless and threadsafe. */
final class MultipartParser {

  record Part(String name, String filename, String contentType, byte[] content) {
    boolean isFile() {
      return filename != null;
    }
  }

  private static final Pattern NAME = Pattern.compile("(?i)[; ]name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

  private MultipartParser() {}

  /** The boundary of a {@code multipart/form-data} content type, or null. */
  static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
    return m.find() ? m.group(1) : null;
  }

  static List<Part> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headerEnd < 0 || headerEnd > next) {
        break;
      }
      String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
      int contentStart = headerEnd + 4;
      int contentEnd = next - 2; // CRLF before the next delimiter
      byte[] content = new byte[Math.max(0, contentEnd - contentStart)];
      System.arraycopy(body, contentStart, content, 0, content.length);
      parts.add(
          new Part(find(NAME, headers), find(FILENAME, headers), contentType(headers), content));
      pos = next;
    }
    return parts;
  }

  private static String find(Pattern p, String headers) {
    Matcher m = p.matcher(headers);
    return m.find() ? m.group(1) : null;
  }

  private static String contentType(String headers) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
