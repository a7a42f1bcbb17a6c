package dev.herald.docs.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository whose documents are checked: its root, the Markdown files that make up the
 * documentation ({@code README.md}, every {@code .md} under {@code docs/}, and each module's {@code
 * README.md}), and the sources the Java samples are taken from ({@code docs/src/test/java}).
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param root the repository's root directory, absolute and normalised
 */
public record Repository(Path root) {

  /** The system property the build sets to the repository root. */
  public static final String ROOT_PROPERTY = "docs.root";

  public Repository {
    root = root.toAbsolutePath().normalize();
  }

  /**
   * The repository the tests run in: {@code -Ddocs.root}, else the parent of the working directory
   * (the docs module's directory under Maven and most IDEs).
   *
   * @throws IllegalStateException if that directory holds no {@code pom.xml} and {@code docs/}
   */
  public static Repository current() {
    String property = System.getProperty(ROOT_PROPERTY);
    Path root = property != null && !property.isBlank() ? Path.of(property) : Path.of("..");
    Repository repository = new Repository(root);
    if (!Files.isRegularFile(repository.root.resolve("pom.xml"))
        || !Files.isDirectory(repository.root.resolve("docs"))) {
      throw new IllegalStateException(ROOT_PROPERTY + " must name the repository root (with "
          + "pom.xml and docs/), was " + repository.root);
    }
    return repository;
  }

  /** The directory the samples' sources are in. */
  public Path snippetSources() {
    return root.resolve("docs/src/test/java");
  }

  /** The documents to check, in a stable order. */
  public List<Path> markdownFiles() {
    List<Path> files = new ArrayList<>();
    Path readme = root.resolve("README.md");
    if (Files.isRegularFile(readme)) {
      files.add(readme);
    }
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      List<Path> guides = new ArrayList<>();
      try {
        // build output and the samples' sources are pruned, not filtered: files come and go
        // under target/ while the tests run
        Files.walkFileTree(docs, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(docs.resolve("target")) || dir.equals(docs.resolve("src"))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && file.toString().endsWith(".md")) {
              guides.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("listing " + docs, e);
      }
      guides.stream().sorted().forEach(files::add);
    }
    try (Stream<Path> modules = Files.list(root)) {
      modules.filter(Files::isDirectory)
          .map(dir -> dir.resolve("README.md"))
          .filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(docs))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root, e);
    }
    return files;
  }

  /** {@code file} relative to the root, with forward slashes, for messages. */
  public String relative(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

}
