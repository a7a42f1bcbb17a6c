package dev.herald.docs.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every relative link and anchor of README.md, docs/ and the module READMEs resolves. */
class DocLinksTest {

  @Test
  void everyRelativeLinkAndAnchorResolvesInsideTheRepository() {
    Repository repository = Repository.current();

    assertThat(repository.markdownFiles()).as("documents found").isNotEmpty();
    assertThat(new LinkChecker(repository).check())
        .as("broken links (fix the link or the heading it names)")
        .isEmpty();
  }
}
