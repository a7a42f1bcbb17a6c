package dev.herald.docs.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnippetCheckerTest {
  // tags written "//@" so that they are not regions of this file
  private static final String SOURCE = """
      package p;

      class Samples {
        void run() {
          //@tag::hello[]
          System.out.println("hello");
          //@end::hello[]
        }
      }
      """.replace("//@", "// ");

  @TempDir
  Path root;

  private Repository repository;

  @BeforeEach
  void setUp() throws IOException {
    write("pom.xml", "<project/>");
    write("docs/src/test/java/p/Samples.java", SOURCE);
    repository = new Repository(root);
  }

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private SnippetChecker.Result check(boolean update) {
    return new SnippetChecker(repository, SnippetSources.of(repository))
        .check(update);
  }

  @Test
  void aBlockEqualToItsRegionPasses() throws IOException {
    write("docs/guide.md", """
        # Guide
        <!-- snippet: Samples#hello -->
        ```java
        System.out.println("hello");
        ```
        ```sh
        echo "not a sample"
        ```
        """);

    assertThat(check(false).problems()).isEmpty();
  }

  @Test
  void namesTheFileLineAndSnippetOfADifferentBlock() throws IOException {
    write("docs/guide.md", """
        # Guide
        <!-- snippet: Samples#hello -->
        ```java
        System.out.println("hi");
        ```
        """);

    assertThat(check(false).problems()).containsExactly(
        "docs/guide.md:3: snippet Samples#hello differs from docs/src/test/java/p/Samples.java: "
            + "line 4 is 'System.out.println(\"hi\");' in the document but "
            + "'System.out.println(\"hello\");' in the source; rewrite it with "
            + SnippetChecker.UPDATE_COMMAND);
  }

  @Test
  void updateModeRewritesTheBlockFromItsRegion() throws IOException {
    write("README.md", """
        # Readme
        - step:
          <!-- snippet: Samples#hello -->
          ```java
          old();
          more();
          ```
        done
        """);

    SnippetChecker.Result result = check(true);

    assertThat(result.problems()).isEmpty();
    assertThat(result.updated()).containsExactly("README.md:4 (Samples#hello)");
    assertThat(Files.readString(root.resolve("README.md"))).isEqualTo("""
        # Readme
        - step:
          <!-- snippet: Samples#hello -->
          ```java
          System.out.println("hello");
          ```
        done
        """);
    assertThat(check(false).problems()).isEmpty();
  }

  @Test
  void reportsUnmarkedBlocksBadMarkersAndUnusedRegions() throws IOException {
    write("docs/guide.md", """
        # Guide
        ```java
        unmarked();
        ```
        <!-- snippet: Samples#nope -->
        ```java
        x();
        ```
        <!-- snippet: Missing#hello -->
        ```java
        y();
        ```
        <!-- snippet: Samples#hello -->
        ```xml
        <a/>
        ```
        """);

    assertThat(check(false).problems()).containsExactly(
        "docs/guide.md:2: ```java block without a <!-- snippet: Source#region --> line above it: "
            + "put the code in a region of a source under docs/src/test/java and name it there",
        "docs/guide.md:6: snippet Samples#nope: no region 'nope' (// tag::nope[]) in "
            + "docs/src/test/java/p/Samples.java",
        "docs/guide.md:10: snippet Missing#hello: no file Missing.java under docs/src/test/java",
        "docs/guide.md:14: snippet marker Samples#hello above a ```xml block; samples are "
            + "```java only",
        "docs/src/test/java/p/Samples.java: region 'hello' is used by no document: add "
            + "<!-- snippet: Samples#hello --> above a ```java block, or remove its tags");
  }
}
