package dev.herald.docs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.docs.check.MarkdownFile.FencedBlock;
import dev.herald.docs.check.MarkdownFile.Link;
import dev.herald.docs.check.MarkdownFile.SnippetRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownFileTest {
  private static final Path FILE = Path.of("guide.md");

  @Test
  void findsLinksOutsideCodeOnly() {
    MarkdownFile md = MarkdownFile.parse(FILE, """
        See [the guide](docs/a.md#setup) and ![logo](img/logo.png "Logo").
        Not `[a](code.md)` nor this:
        ```md
        [b](fenced.md)
        ```
        A [link whose text
        spans lines](docs/b.md), <a href="docs/c.md">html</a>, [nested [brackets]](d.md).
        [ref]: docs/e.md
        """);

    assertThat(md.links()).containsExactly(
        new Link(1, "docs/a.md#setup"),
        new Link(1, "img/logo.png"),
        new Link(7, "docs/b.md"),
        new Link(7, "d.md"),
        new Link(7, "docs/c.md"),
        new Link(8, "docs/e.md"));
  }

  @Test
  void anchorsAreHeadingIdsAndHtmlIdsButNotHeadingsInCode() {
    MarkdownFile md = MarkdownFile.parse(FILE, """
        # Reading `Page` items
        ## Setup ##
        ~~~
        # not a heading
        ~~~
        ## Setup
        <a id="custom"></a>
        """);

    assertThat(md.anchors()).containsExactlyInAnyOrder(
        "reading-page-items", "setup", "setup-1", "custom");
  }

  @Test
  void readsFencedBlocksWithTheMarkerAboveThem() {
    MarkdownFile md = MarkdownFile.parse(FILE, """
        Text
        <!-- snippet: Samples#first -->
        ```java
        int a = 1;

        int b = 2;
        ```
        - a list item:
          ```java
          x();
          ```
        ````xml
        ```
        <a/>
        ````
        """);

    List<FencedBlock> blocks = md.blocks();
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).language()).isEqualTo("java");
    assertThat(blocks.get(0).lineNumber()).isEqualTo(3);
    assertThat(blocks.get(0).content()).containsExactly("int a = 1;", "", "int b = 2;");
    assertThat(blocks.get(0).marker()).contains(new SnippetRef("Samples", "first"));
    assertThat(blocks.get(1).content()).containsExactly("x();");
    assertThat(blocks.get(1).indent()).isEqualTo(2);
    assertThat(blocks.get(1).marker()).isEqualTo(Optional.empty());
    assertThat(blocks.get(2).language()).isEqualTo("xml");
    assertThat(blocks.get(2).content()).containsExactly("```", "<a/>");
  }

  @Test
  void replacesABlocksContentKeepingItsIndentation() {
    MarkdownFile md = MarkdownFile.parse(FILE, "- item:\n  ```java\n  old();\n  ```\nafter\n");

    String text = md.withContent(md.blocks().get(0), List.of("a();", "", "b();"));

    assertThat(text).isEqualTo("- item:\n  ```java\n  a();\n\n  b();\n  ```\nafter\n");
  }

  @Test
  void reportsMarkersThatAreNotDirectlyAboveAFence() {
    MarkdownFile md = MarkdownFile.parse(FILE, """
        <!-- snippet: Samples#first -->

        ```java
        a();
        ```
        <!-- snippet: Samples#second -->
        ```java
        b();
        ```
        """);

    assertThat(md.strayMarkers()).containsExactly(1);
  }

  @Test
  void blanksCodeSpansOfAnyLength() {
    assertThat(MarkdownFile.withoutCodeSpans("a `b` c ``d ` e`` f `g"))
        .isEqualTo("a     c           f `g");
  }
}
