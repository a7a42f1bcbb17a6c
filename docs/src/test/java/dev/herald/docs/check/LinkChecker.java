package dev.herald.docs.check;

import dev.herald.docs.check.MarkdownFile.Link;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks that every relative link of the repository's documents names a file or directory inside
 * the repository, and that every {@code #fragment} names an anchor of its target document (GitHub's
 * heading ids, or an HTML {@code id}/{@code name}). Links to {@code http:}, {@code https:} and
 * {@code mailto:} are not followed; any other scheme is reported. A fragment of a non-Markdown file
 * may only be a line reference ({@code #L10}, {@code #L10-L20}).
 *
 * <p>Not threadsafe: it caches the documents it parsed.
 */
public final class LinkChecker {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  private static final Pattern LINE_FRAGMENT = Pattern.compile("L\\d+(-L\\d+)?");

  private final Repository repository;
  private final Map<Path, MarkdownFile> parsed = new HashMap<>();

  public LinkChecker(Repository repository) {
    this.repository = repository;
  }

  /** Every broken link of the repository's documents, as {@code file:line: problem}. */
  public List<String> check() {
    List<String> problems = new ArrayList<>();
    for (Path file : repository.markdownFiles()) {
      MarkdownFile document = document(file);
      for (Link link : document.links()) {
        String problem = problem(file, link.destination());
        if (problem != null) {
          problems.add(repository.relative(file) + ":" + link.line() + ": link '"
              + link.destination() + "' " + problem);
        }
      }
    }
    return problems;
  }

  /** Why {@code destination}, linked from {@code from}, is broken; null if it is not. */
  private String problem(Path from, String destination) {
    String lower = destination.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")
        || lower.startsWith("mailto:")) {
      return null;
    }
    if (SCHEME.matcher(destination).matches() || destination.startsWith("//")) {
      return "is neither a repository path nor an http(s) or mailto link";
    }
    int hash = destination.indexOf('#');
    String pathPart = hash < 0 ? destination : destination.substring(0, hash);
    String fragment = hash < 0 ? null : destination.substring(hash + 1);
    int query = pathPart.indexOf('?');
    if (query >= 0) {
      pathPart = pathPart.substring(0, query);
    }
    String decoded = URLDecoder.decode(pathPart.replace("+", "%2B"), StandardCharsets.UTF_8);
    Path root = repository.root();
    Path target;
    if (decoded.isEmpty()) {
      target = from;
    } else if (decoded.startsWith("/")) {
      target = root.resolve(decoded.substring(1)).normalize();
    } else {
      target = from.getParent().resolve(decoded).normalize();
    }
    if (!target.startsWith(root)) {
      return "points outside the repository";
    }
    if (!Files.exists(target)) {
      return "names " + repository.relative(target) + ", which does not exist";
    }
    if (decoded.endsWith("/") && !Files.isDirectory(target)) {
      return "names " + repository.relative(target) + " as a directory, but it is a file";
    }
    if (fragment == null) {
      return null;
    }
    Path document = Files.isDirectory(target) ? target.resolve("README.md") : target;
    if (!document.toString().endsWith(".md") || !Files.isRegularFile(document)) {
      return LINE_FRAGMENT.matcher(fragment).matches()
          ? null
          : "has the fragment #" + fragment + ", but " + repository.relative(target)
              + " is not a Markdown document (only #L<n> line fragments work there)";
    }
    String anchor = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (document(document).anchors().contains(anchor)) {
      return null;
    }
    return "names no heading of " + repository.relative(document) + ": its anchors are "
        + document(document).anchors();
  }

  private MarkdownFile document(Path file) {
    return parsed.computeIfAbsent(file.toAbsolutePath().normalize(), MarkdownFile::read);
  }
}
