package dev.herald.docs.check;

import dev.herald.docs.check.MarkdownFile.FencedBlock;
import dev.herald.docs.check.MarkdownFile.SnippetRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every {@code ```java} block of the repository's documents is a region of a compiled
 * source: the line above the block is {@code <!-- snippet: Source#region -->}, naming {@code
 * Source.java} under the snippet sources and a region in it (see {@link SnippetSources}), and the
 * block's lines equal the region's. Also reports markers that are not above a Java block, and
 * regions no document uses.
 *
 * <p>In update mode a block that differs from its region is rewritten from it instead of being
 * reported; everything else is still reported.
 *
 * <p>Not threadsafe.
 */
public final class SnippetChecker {

  /** The command that rewrites the samples from their sources. */
  public static final String UPDATE_COMMAND =
      "mvn -B -q -pl docs -am verify -Dtest=DocSnippetsTest -Ddocs.update=true";

  private final Repository repository;
  private final SnippetSources sources;

  public SnippetChecker(Repository repository, SnippetSources sources) {
    this.repository = repository;
    this.sources = sources;
  }

  /**
   * The outcome of a check.
   *
   * @param problems what is wrong, as {@code file:line: problem}
   * @param updated the blocks rewritten in update mode, as {@code file:line (Source#region)}
   */
  public record Result(List<String> problems, List<String> updated) {
    public Result {
      problems = List.copyOf(problems);
      updated = List.copyOf(updated);
    }
  }

  /**
   * Checks every document; with {@code update}, rewrites the blocks that differ from their region.
   *
   * @throws UncheckedIOException if a document cannot be read or rewritten
   */
  public Result check(boolean update) {
    List<String> problems = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Path file : repository.markdownFiles()) {
      checkDocument(MarkdownFile.read(file), update, used, problems, updated);
    }
    Map<String, Map<String, List<String>>> all;
    try {
      all = sources.all();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return new Result(problems, updated);
    }
    all.forEach((source, regions) -> regions.keySet().forEach(region -> {
      if (!used.contains(source + "#" + region)) {
        problems.add(repository.relative(sources.file(source)) + ": region '" + region
            + "' is used by no document: add <!-- snippet: " + source + "#" + region
            + " --> above a ```java block, or remove its tags");
      }
    }));
    return new Result(problems, updated);
  }

  private void checkDocument(MarkdownFile document, boolean update, Set<String> used,
      List<String> problems, List<String> updated) {
    String name = repository.relative(document.path());
    for (int line : document.strayMarkers()) {
      problems.add(name + ":" + line + ": snippet marker not directly above a ```java fence");
    }
    List<FencedBlock> stale = new ArrayList<>();
    List<List<String>> fresh = new ArrayList<>();
    for (FencedBlock block : document.blocks()) {
      String at = name + ":" + block.lineNumber() + ": ";
      if (!block.closed()) {
        problems.add(at + "code block never closed");
        continue;
      }
      if (!block.language().equals("java")) {
        block.marker().ifPresent(m -> problems.add(at + "snippet marker " + m
            + " above a ```" + block.language() + " block; samples are ```java only"));
        continue;
      }
      if (block.marker().isEmpty()) {
        problems.add(at + "```java block without a <!-- snippet: Source#region --> line above"
            + " it: put the code in a region of a source under "
            + repository.relative(sources.directory()) + " and name it there");
        continue;
      }
      SnippetRef ref = block.marker().get();
      used.add(ref.toString());
      List<String> region;
      try {
        region = sources.region(ref.source(), ref.region());
      } catch (IllegalArgumentException e) {
        problems.add(at + "snippet " + ref + ": " + e.getMessage());
        continue;
      }
      if (block.content().equals(region)) {
        continue;
      }
      if (update) {
        stale.add(block);
        fresh.add(region);
        updated.add(name + ":" + block.lineNumber() + " (" + ref + ")");
      } else {
        problems.add(at + "snippet " + ref + " differs from "
            + repository.relative(sources.file(ref.source())) + ": "
            + firstDifference(block, region) + "; rewrite it with " + UPDATE_COMMAND);
      }
    }
    if (!stale.isEmpty()) {
      // from the last block up, so that the line numbers of the blocks above stay valid
      MarkdownFile current = document;
      for (int i = stale.size() - 1; i >= 0; i--) {
        current = MarkdownFile.parse(
            current.path(), current.withContent(stale.get(i), fresh.get(i)));
      }
      write(current);
    }
  }

  private static String firstDifference(FencedBlock block, List<String> region) {
    List<String> doc = block.content();
    for (int i = 0; i < Math.max(doc.size(), region.size()); i++) {
      String d = i < doc.size() ? doc.get(i) : null;
      String s = i < region.size() ? region.get(i) : null;
      if (d == null || !d.equals(s)) {
        return "line " + (block.lineNumber() + 1 + i) + " is " + quote(d) + " in the document but "
            + quote(s) + " in the source";
      }
    }
    throw new IllegalStateException("no difference");
  }

  private static String quote(String line) {
    return line == null ? "(nothing)" : "'" + line + "'";
  }

  private static void write(MarkdownFile document) {
    try {
      Files.writeString(document.path(), String.join("\n", document.lines()) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("rewriting " + document.path(), e);
    }
  }
}
