package dev.herald.docs.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitHubSluggerTest {

  @Test
  void lowerCasesDropsPunctuationAndTurnsSpacesIntoHyphens() {
    assertThat(GitHubSlugger.plain("Leases, recovery and shutdown"))
        .isEqualTo("leases-recovery-and-shutdown");
    assertThat(GitHubSlugger.plain("What's new? (2.0)")).isEqualTo("whats-new-20");
    assertThat(GitHubSlugger.plain("A -- B")).isEqualTo("a----b");
    assertThat(GitHubSlugger.plain("Émoji ünïcode ✨")).isEqualTo("émoji-ünïcode-");
  }

  @Test
  void keepsTheTextOfCodeSpansLinksAndEmphasis() {
    assertThat(GitHubSlugger.plain("The `TokenRefresher` interface"))
        .isEqualTo("the-tokenrefresher-interface");
    assertThat(GitHubSlugger.plain("[Locks](locks.md) and **fencing**"))
        .isEqualTo("locks-and-fencing");
    assertThat(GitHubSlugger.plain("_Reading_ job_status")).isEqualTo("reading-job_status");
    assertThat(GitHubSlugger.plain("<code>Page</code> items")).isEqualTo("page-items");
  }

  @Test
  void numbersRepeatedHeadingsInDocumentOrder() {
    GitHubSlugger slugger = new GitHubSlugger();

    assertThat(slugger.slug("Setup")).isEqualTo("setup");
    assertThat(slugger.slug("Setup")).isEqualTo("setup-1");
    assertThat(slugger.slug("Setup-1")).isEqualTo("setup-1-1");
    assertThat(slugger.slug("Setup")).isEqualTo("setup-2");
  }
}
