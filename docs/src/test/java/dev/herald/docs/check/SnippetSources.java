package dev.herald.docs.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The regions of the Java files the documents' samples are taken from. A region is delimited by
 * {@code // tag::name[]} and {@code // end::name[]} lines (the Asciidoctor convention); a region
 * may be opened and closed several times in one file, and its text is then the concatenation of
 * those segments (so a sample can show a file's imports and, apart, a method body). Each segment is
 * dedented on its own: the indentation its lines share is removed. Tag lines of other regions
 * inside a region are left out of its text.
 *
 * <p>Instances are immutable and threadsafe.
 */
public final class SnippetSources {
  private static final Pattern TAG =
      Pattern.compile("^\\s*//\\s*(tag|end)::([A-Za-z0-9_.-]+)\\[\\]\\s*$");

  private final Path directory;
  private final Path displayRoot;
  private final Map<String, List<Path>> filesByName;

  private SnippetSources(Path directory, Path displayRoot, Map<String, List<Path>> filesByName) {
    this.directory = directory;
    this.displayRoot = displayRoot;
    this.filesByName = filesByName;
  }

  /**
   * The Java files under the repository's snippet sources, by simple name; messages name files
   * relative to the repository root.
   *
   * @throws UncheckedIOException if the directory cannot be listed
   */
  public static SnippetSources of(Repository repository) {
    return in(repository.snippetSources(), repository.root());
  }

  /**
   * The Java files under {@code directory}, by simple name; messages name files relative to {@code
   * displayRoot}.
   *
   * @throws UncheckedIOException if the directory cannot be listed
   */
  static SnippetSources in(Path directory, Path displayRoot) {
    Map<String, List<Path>> byName = new TreeMap<>();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> walk = Files.walk(directory)) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> {
          String name = p.getFileName().toString();
          byName.computeIfAbsent(name.substring(0, name.length() - ".java".length()),
              k -> new ArrayList<>()).add(p);
        });
      } catch (IOException e) {
        throw new UncheckedIOException("listing " + directory, e);
      }
    }
    return new SnippetSources(directory, displayRoot, byName);
  }

  /** The directory searched. */
  public Path directory() {
    return directory;
  }

  /**
   * The file named {@code source}.java.
   *
   * @throws IllegalArgumentException naming the candidates if there is none or more than one
   */
  public Path file(String source) {
    List<Path> files = filesByName.getOrDefault(source, List.of());
    if (files.size() != 1) {
      throw new IllegalArgumentException(files.isEmpty()
          ? "no file " + source + ".java under " + display(directory)
          : source + ".java is ambiguous: " + files.stream().map(this::display).toList());
    }
    return files.get(0);
  }

  /**
   * The regions of {@code source}.java, by name, in order of first appearance.
   *
   * @throws IllegalArgumentException if the file is missing or ambiguous, or its tags do not nest
   */
  public Map<String, List<String>> regions(String source) {
    Path file = file(source);
    return regionsOf(display(file), read(file));
  }

  /** Every source's regions, by source name. */
  public Map<String, Map<String, List<String>>> all() {
    Map<String, Map<String, List<String>>> out = new TreeMap<>();
    for (String source : filesByName.keySet()) {
      Map<String, List<String>> regions = regions(source);
      if (!regions.isEmpty()) {
        out.put(source, regions);
      }
    }
    return out;
  }

  /**
   * The text of region {@code region} of {@code source}.
   *
   * @throws IllegalArgumentException if there is no such region (or file)
   */
  public List<String> region(String source, String region) {
    return Optional.ofNullable(regions(source).get(region))
        .orElseThrow(() -> new IllegalArgumentException(
            "no region '" + region + "' (// tag::" + region + "[]) in " + display(file(source))));
  }

  /** {@code file} as messages name it. */
  String display(Path file) {
    return displayRoot.relativize(file).toString().replace('\\', '/');
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * The regions of {@code lines}, the content of the file {@code name}.
   *
   * @throws IllegalArgumentException if a tag is closed without being open, opened twice, or left
   *     open
   */
  static Map<String, List<String>> regionsOf(String name, List<String> lines) {
    Map<String, List<String>> regions = new LinkedHashMap<>();
    Map<String, List<String>> open = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher tag = TAG.matcher(line);
      if (tag.matches()) {
        String region = tag.group(2);
        if (tag.group(1).equals("tag")) {
          if (open.containsKey(region)) {
            throw new IllegalArgumentException(name + ":" + (i + 1) + ": region '" + region
                + "' is opened again before its end::" + region + "[]");
          }
          open.put(region, new ArrayList<>());
        } else {
          List<String> segment = open.remove(region);
          if (segment == null) {
            throw new IllegalArgumentException(name + ":" + (i + 1) + ": end::" + region
                + "[] without tag::" + region + "[]");
          }
          regions.computeIfAbsent(region, k -> new ArrayList<>()).addAll(dedent(segment));
        }
        continue;
      }
      for (List<String> segment : open.values()) {
        segment.add(line);
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException(name + ": region(s) " + open.keySet()
          + " never closed with end::<name>[]");
    }
    return regions;
  }

  /** {@code lines} without their common indentation and trailing whitespace. */
  static List<String> dedent(List<String> lines) {
    int common = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        common = Math.min(common, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(common).stripTrailing());
    }
    return out;
  }
}
