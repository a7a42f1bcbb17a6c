package dev.herald.docs.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnippetSourcesTest {

  @Test
  void aRegionIsItsSegmentsEachDedentedWithoutOtherRegionsTags() {
    // tags written "//@" so that they are not regions of this file
    List<String> source = """
        //@tag::sample[]
        import java.time.Duration;

        //@end::sample[]
        class A {
          void run() {
            //@tag::sample[]
            //@tag::inner[]
            Duration d = Duration.ofSeconds(1);
            //@end::inner[]
            if (d.isZero()) {
              return;   \s
            }
            //@end::sample[]
          }
        }
        """.replace("//@", "// ").lines().toList();

    var regions = SnippetSources.regionsOf("A.java", source);

    assertThat(regions.get("sample")).containsExactly(
        "import java.time.Duration;",
        "",
        "Duration d = Duration.ofSeconds(1);",
        "if (d.isZero()) {",
        "  return;",
        "}");
    assertThat(regions.get("inner")).containsExactly("Duration d = Duration.ofSeconds(1);");
  }

  @Test
  void tagsThatDoNotNestAreReportedWithTheirLine() {
    assertThatThrownBy(() -> SnippetSources.regionsOf("A.java",
        List.of("x();", "// end::a[]")))
        .hasMessage("A.java:2: end::a[] without tag::a[]");
    assertThatThrownBy(() -> SnippetSources.regionsOf("A.java",
        List.of("// tag::a[]", "// tag::a[]")))
        .hasMessage("A.java:2: region 'a' is opened again before its end::a[]");
    assertThatThrownBy(() -> SnippetSources.regionsOf("A.java", List.of("// tag::a[]")))
        .hasMessage("A.java: region(s) [a] never closed with end::<name>[]");
  }

  @Test
  void findsSourcesBySimpleNameAndNamesWhatIsMissing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p/Samples.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "// tag::one[]\nx();\n// end::one[]\n");
    SnippetSources sources = SnippetSources.in(dir, dir.getParent());

    assertThat(sources.region("Samples", "one")).containsExactly("x();");
    assertThatThrownBy(() -> sources.region("Samples", "two"))
        .hasMessage("no region 'two' (// tag::two[]) in " + dir.getFileName() + "/p/Samples.java");
    assertThatThrownBy(() -> sources.region("Other", "one"))
        .hasMessage("no file Other.java under " + dir.getFileName());
  }
}
