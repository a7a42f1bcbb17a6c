package dev.herald.docs.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md, docs/ and the module READMEs is a region of a compiled
 * source under docs/src/test/java. With {@code -Ddocs.update=true} the blocks are rewritten from
 * their regions instead (see docs/contributing/docs.md).
 */
class DocSnippetsTest {

  @Test
  void everyJavaSampleIsARegionOfACompiledSource() {
    Repository repository = Repository.current();
    boolean update = Boolean.getBoolean("docs.update");

    SnippetChecker.Result result =
        new SnippetChecker(repository, SnippetSources.of(repository))
            .check(update);

    result.updated().forEach(u -> System.out.println("rewrote the sample at " + u));
    assertThat(result.problems()).as("samples out of step with their sources").isEmpty();
  }
}
