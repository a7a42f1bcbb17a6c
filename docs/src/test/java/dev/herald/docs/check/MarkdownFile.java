package dev.herald.docs.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of one Markdown document the checks need: its fenced code blocks (with the snippet
 * marker above each), its anchors (GitHub's heading ids and explicit HTML ids) and its links. Only
 * what GitHub renders counts: nothing inside a fenced block or a code span is a heading or a link.
 *
 * <p>Headings are ATX headings ({@code ## Title}); setext headings (underlined) are not recognised,
 * so a link to one is reported as broken. Instances are immutable and threadsafe.
 */
public final class MarkdownFile {

  private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^`\\s]*).*$");
  private static final Pattern ATX_HEADING =
      Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern HTML_ID =
      Pattern.compile("<[a-zA-Z][^>]*?\\s(?:id|name)\\s*=\\s*\"([^\"]+)\"[^>]*>");
  private static final Pattern HTML_LINK =
      Pattern.compile("<(?:a|img)\\s[^>]*?(?:href|src)\\s*=\\s*\"([^\"]+)\"[^>]*>");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?.*$");
  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!--\\s*snippet:\\s*([^\\s#]+)#(\\S+?)\\s*-->\\s*$");

  private final Path path;
  private final List<String> lines;
  private final List<FencedBlock> blocks;
  private final Set<String> anchors;
  private final List<Link> links;

  private MarkdownFile(Path path, List<String> lines) {
    this.path = path;
    this.lines = List.copyOf(lines);
    List<FencedBlock> blocks = new ArrayList<>();
    Set<String> anchors = new LinkedHashSet<>();
    List<Link> links = new ArrayList<>();
    GitHubSlugger slugger = new GitHubSlugger();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        FencedBlock block = readBlock(i, fence);
        blocks.add(block);
        i = block.closeLine() + 1;
        continue;
      }
      Matcher heading = ATX_HEADING.matcher(line);
      if (heading.matches()) {
        anchors.add(slugger.slug(heading.group(2) == null ? "" : heading.group(2)));
      }
      String text = withoutCodeSpans(line);
      Matcher ids = HTML_ID.matcher(text);
      while (ids.find()) {
        anchors.add(ids.group(1));
      }
      collectLinks(i + 1, text, links);
      i++;
    }
    this.blocks = List.copyOf(blocks);
    this.anchors = Set.copyOf(anchors);
    this.links = List.copyOf(links);
  }

  /**
   * Reads {@code file} (UTF-8).
   *
   * @throws UncheckedIOException if it cannot be read
   */
  public static MarkdownFile read(Path file) {
    try {
      return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** Parses {@code text} as the content of {@code path}. */
  public static MarkdownFile parse(Path path, String text) {
    return new MarkdownFile(path, text.lines().toList());
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The lines, without line terminators. */
  public List<String> lines() {
    return lines;
  }

  /** The fenced code blocks, in order. */
  public List<FencedBlock> blocks() {
    return blocks;
  }

  /** The ids a link's {@code #fragment} may name. */
  public Set<String> anchors() {
    return anchors;
  }

  /** The links, in order. */
  public List<Link> links() {
    return links;
  }

  /** The lines between the fences of {@code block} replaced by {@code content}, as file text. */
  public String withContent(FencedBlock block, List<String> content) {
    List<String> out = new ArrayList<>(lines.subList(0, block.fenceLine() + 1));
    String indent = " ".repeat(block.indent());
    for (String line : content) {
      out.add(line.isEmpty() ? "" : indent + line);
    }
    out.addAll(lines.subList(Math.min(block.closeLine(), lines.size()), lines.size()));
    return String.join("\n", out) + "\n";
  }

  private FencedBlock readBlock(int open, Matcher fence) {
    int indent = fence.group(1).length();
    String delimiter = fence.group(2);
    String fenceChar = Pattern.quote(delimiter.substring(0, 1));
    Pattern closing =
        Pattern.compile("^ {0,3}" + fenceChar + "{" + delimiter.length() + ",}\\s*$");
    List<String> content = new ArrayList<>();
    int i = open + 1;
    while (i < lines.size() && !closing.matcher(lines.get(i)).matches()) {
      content.add(stripIndent(lines.get(i), indent));
      i++;
    }
    Optional<SnippetRef> marker = Optional.empty();
    if (open > 0) {
      Matcher m = MARKER.matcher(lines.get(open - 1));
      if (m.matches()) {
        marker = Optional.of(new SnippetRef(m.group(1), m.group(2)));
      }
    }
    return new FencedBlock(fence.group(3), open, i, indent, content, i < lines.size(), marker);
  }

  /** Marker lines in the file (1-based) that are not directly above a fenced block. */
  public List<Integer> strayMarkers() {
    Set<Integer> used = new LinkedHashSet<>();
    for (FencedBlock block : blocks) {
      block.marker().ifPresent(m -> used.add(block.fenceLine() - 1));
    }
    List<Integer> stray = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (MARKER.matcher(lines.get(i)).matches() && !used.contains(i) && !insideBlock(i)) {
        stray.add(i + 1);
      }
    }
    return stray;
  }

  private boolean insideBlock(int line) {
    for (FencedBlock block : blocks) {
      if (line > block.fenceLine() && line < block.closeLine()) {
        return true;
      }
    }
    return false;
  }

  private static String stripIndent(String line, int indent) {
    int n = 0;
    while (n < indent && n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return line.substring(n);
  }

  private static void collectLinks(int lineNumber, String text, List<Link> links) {
    Matcher definition = REFERENCE_DEFINITION.matcher(text);
    if (definition.matches()) {
      links.add(new Link(lineNumber, definition.group(1)));
      return;
    }
    int from = 0;
    while (true) {
      int at = text.indexOf("](", from);
      if (at < 0) {
        break;
      }
      from = at + 2;
      if (at > 0 && text.charAt(at - 1) == '\\') {
        continue;
      }
      destination(text, at + 2).ifPresent(d -> links.add(new Link(lineNumber, d)));
    }
    Matcher html = HTML_LINK.matcher(text);
    while (html.find()) {
      links.add(new Link(lineNumber, html.group(1)));
    }
  }

  /** The destination of an inline link whose {@code (} precedes {@code start}, if well formed. */
  private static Optional<String> destination(String text, int start) {
    int i = start;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '<') {
      int end = text.indexOf('>', i);
      return end < 0 ? Optional.empty() : Optional.of(text.substring(i + 1, end));
    }
    int depth = 0;
    int begin = i;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        break;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          break;
        }
        depth--;
      }
      i++;
    }
    if (i == begin || i == text.length()) {
      return Optional.empty();
    }
    return Optional.of(text.substring(begin, i));
  }

  /** {@code line} with every code span's content blanked out. */
  static String withoutCodeSpans(String line) {
    StringBuilder out = new StringBuilder(line.length());
    int i = 0;
    while (i < line.length()) {
      if (line.charAt(i) != '`') {
        out.append(line.charAt(i++));
        continue;
      }
      int run = 0;
      while (i + run < line.length() && line.charAt(i + run) == '`') {
        run++;
      }
      String ticks = "`".repeat(run);
      int close = line.indexOf(ticks, i + run);
      while (close >= 0 && close + run < line.length() && line.charAt(close + run) == '`') {
        close = line.indexOf(ticks, close + run + 1);
      }
      if (close < 0) {
        out.append(ticks);
        i += run;
        continue;
      }
      out.append(" ".repeat(close + run - i));
      i = close + run;
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "MarkdownFile[" + path + "]";
  }

  /**
   * A fenced code block.
   *
   * @param language the first word of the info string ({@code java}), or empty
   * @param fenceLine the opening fence's index in {@link #lines()} (0-based)
   * @param closeLine the closing fence's index, or the line count if the block is unclosed
   * @param indent the opening fence's indentation, removed from the content lines
   * @param content the lines between the fences
   * @param closed whether a closing fence was found
   * @param marker the snippet marker on the line above the opening fence, if any
   */
  public record FencedBlock(
      String language,
      int fenceLine,
      int closeLine,
      int indent,
      List<String> content,
      boolean closed,
      Optional<SnippetRef> marker) {
    public FencedBlock {
      content = List.copyOf(content);
    }

    /** The opening fence's line number, 1-based, for messages. */
    public int lineNumber() {
      return fenceLine + 1;
    }
  }

  /**
   * A {@code <!-- snippet: Source#region -->} marker.
   *
   * @param source the simple name of a Java file under the snippet sources, without {@code .java}
   * @param region the tag name of a region in it
   */
  public record SnippetRef(String source, String region) {
    @Override
    public String toString() {
      return source + "#" + region;
    }
  }

  /**
   * A link.
   *
   * @param line its line number, 1-based
   * @param destination the destination as written
   */
  public record Link(int line, String destination) {}
}
