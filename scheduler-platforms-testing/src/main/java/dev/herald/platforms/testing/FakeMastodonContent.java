package dev.herald.platforms.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A status's {@code content} as Mastodon renders it from the text, after mastodon/mastodon {@code
 * app/lib/text_formatter.rb}: the text HTML-escaped as ERB's {@code h} does ({@code '} as {@code
 * &#39;}); each URL a link whose visible text is split in spans (the scheme hidden, 30 characters
 * shown, the rest hidden); each remote mention {@code @user@domain} a link showing {@code
 * @user} only (the formatter shows {@code account.username} unless another known account has the
 * same name); then {@code simple_format}: paragraphs (split at blank lines) in {@code <p>}, single
 * line breaks as {@code <br />}, and the newlines deleted. Hashtags and local mentions are left as
 * text. Threadsafe (stateless).
 */
final class FakeMastodonContent {

  private static final Pattern ENTITY = Pattern.compile(
      "(?<url>https?://[^\\s<>\"]+)|(?<![\\w@])@(?<user>\\w+)@(?<domain>[\\w.-]*\\w)");
  private static final Pattern PREFIX = Pattern.compile("\\A(https?://(www\\.)?)");

  private FakeMastodonContent() {}

  /** The rendered content of {@code text}; empty for a blank text. */
  static String render(String text) {
    if (text.isBlank()) {
      return "";
    }
    StringBuilder html = new StringBuilder();
    Matcher m = ENTITY.matcher(text);
    int last = 0;
    while (m.find()) {
      html.append(h(text.substring(last, m.start())));
      html.append(m.group("url") != null ? link(m.group("url"))
          : "<span class=\"h-card\"><a href=\"https://" + h(m.group("domain")) + "/@"
              + h(m.group("user")) + "\" class=\"u-url mention\">@<span>" + h(m.group("user"))
              + "</span></a></span>");
      last = m.end();
    }
    html.append(h(text.substring(last)));
    StringBuilder out = new StringBuilder();
    for (String paragraph : html.toString().split("\n\n+")) {
      out.append("<p>").append(paragraph.replace("\n", "<br />")).append("</p>");
    }
    return out.toString().replace("\n", "");
  }

  private static String link(String url) {
    Matcher p = PREFIX.matcher(url);
    String prefix = p.find() ? p.group(1) : "";
    String rest = url.substring(prefix.length());
    String shown = rest.length() > 30 ? rest.substring(0, 30) : rest;
    String hidden = rest.length() > 30 ? rest.substring(30) : "";
    return "<a href=\"" + h(url) + "\" target=\"_blank\" rel=\"nofollow noopener noreferrer\">"
        + "<span class=\"invisible\">" + h(prefix) + "</span><span class=\""
        + (rest.length() > 30 ? "ellipsis" : "") + "\">" + h(shown)
        + "</span><span class=\"invisible\">" + h(hidden) + "</span></a>";
  }

  /** ERB::Util.html_escape. */
  private static String h(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
