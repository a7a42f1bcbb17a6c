package dev.herald.docs.check;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ids GitHub gives a document's headings, the way github-slugger computes them: the heading's
 * rendered text, lower-cased, without characters other than letters, marks, digits, connector
 * punctuation ({@code _}), hyphens and spaces, spaces turned into hyphens; a repeated id gets
 * {@code -1}, {@code -2}… in document order.
 *
 * <p>The rendered text is approximated from the Markdown: code spans keep their content, links and
 * images keep their text, emphasis markers and HTML tags are dropped.
 *
 * <p>Not threadsafe: one instance numbers the repeats of one document.
 */
final class GitHubSlugger {
  private static final Pattern IMAGE_OR_LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");
  private static final Pattern UNDERSCORE_EMPHASIS =
      Pattern.compile("(?<![\\p{L}\\p{N}])_{1,2}(\\S(?:.*?\\S)?)_{1,2}(?![\\p{L}\\p{N}])");
  private static final Pattern REMOVED = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

  private final Map<String, Integer> seen = new HashMap<>();

  /** The id of the next heading, whose Markdown text is {@code heading}. */
  String slug(String heading) {
    String base = plain(heading);
    String slug = base;
    int n = seen.getOrDefault(base, 0);
    while (seen.containsKey(slug)) {
      n++;
      slug = base + "-" + n;
    }
    seen.put(base, n);
    seen.putIfAbsent(slug, 0);
    return slug;
  }

  /** The id of {@code heading} ignoring repeats. */
  static String plain(String heading) {
    String text = IMAGE_OR_LINK.matcher(heading).replaceAll("$1");
    text = HTML_TAG.matcher(text).replaceAll("");
    text = UNDERSCORE_EMPHASIS.matcher(text).replaceAll("$1");
    text = text.replace("`", "").strip().toLowerCase(Locale.ROOT);
    return REMOVED.matcher(text).replaceAll("").replace(' ', '-');
  }
}
