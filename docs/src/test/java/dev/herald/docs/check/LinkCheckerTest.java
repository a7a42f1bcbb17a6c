package dev.herald.docs.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkCheckerTest {

  @TempDir
  Path root;

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void acceptsLinksToFilesDirectoriesAndHeadingsInTheRepository() throws IOException {
    write("pom.xml", "<project/>");
    write("core/src/Main.java", "class Main {}");
    write("core/README.md", "# Core\n[guide](../docs/guide.md#reading-status)\n");
    write("docs/guide.md", """
        # Guide
        ## Reading status
        [top](#guide), [readme](../README.md), [core](../core/), [main](../core/src/Main.java#L1),
        [root-relative](/docs/guide.md), [site](https://example.com/x#y), [mail](mailto:a@b.c)
        """);
    write("README.md", "[docs](docs/) [status](docs/guide.md#reading-status)\n");

    assertThat(new LinkChecker(new Repository(root)).check()).isEmpty();
  }

  @Test
  void namesTheFileLineAndWhatIsWrong() throws IOException {
    write("pom.xml", "<project/>");
    write("docs/guide.md", """
        # Guide
        [gone](missing.md)
        [anchor](#nope) [outside](../../etc/passwd)
        [code anchor](../pom.xml#top) [scheme](ftp://host/file)
        """);
    write("README.md", "[dir as file](pom.xml/)\n");

    assertThat(new LinkChecker(new Repository(root)).check()).containsExactly(
        "README.md:1: link 'pom.xml/' names pom.xml as a directory, but it is a file",
        "docs/guide.md:2: link 'missing.md' names docs/missing.md, which does not exist",
        "docs/guide.md:3: link '#nope' names no heading of docs/guide.md: its anchors are [guide]",
        "docs/guide.md:3: link '../../etc/passwd' points outside the repository",
        "docs/guide.md:4: link '../pom.xml#top' has the fragment #top, but pom.xml is not a "
            + "Markdown document (only #L<n> line fragments work there)",
        "docs/guide.md:4: link 'ftp://host/file' is neither a repository path nor an http(s) or "
            + "mailto link");
  }

  @Test
  void doesNotCheckBuildOutputOrTheSamplesSources() throws IOException {
    write("pom.xml", "<project/>");
    write("docs/target/generated.md", "[broken](nothing.md)\n");
    write("docs/src/test/resources/notes.md", "[broken](nothing.md)\n");
    write("docs/guide.md", "# Guide\n");

    assertThat(new Repository(root).markdownFiles())
        .containsExactly(root.resolve("docs/guide.md"));
    assertThat(new LinkChecker(new Repository(root)).check()).isEmpty();
  }
}
