package dev.herald.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.examples.DemoMain.Result;
import dev.herald.examples.DemoMain.Settings;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoMainTest {
  private static final String TOKEN = "token-of-a-real-account-4f1c";

  @TempDir Path dir;

  @Test
  void publishesEveryTargetAndASecondRunListsTheFirstRunsPostsFromTheDatabase() throws Exception {
    Run first = run(Optional.empty());

    assertThat(first.result().succeeded()).as(first.printed()).isTrue();
    assertThat(first.result().run()).isEqualTo(1);
    assertThat(first.result().earlier()).isEmpty();
    assertThat(targets(first.result().posts()))
        .hasSize(8)
        .allSatisfy(
            t -> {
              assertThat(t.state()).isEqualTo(TargetState.PUBLISHED);
              assertThat(t.remoteId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
            })
        .extracting(t -> t.target().platform())
        .containsOnly("mastodon", "pixelfed", "facebook", "instagram");
    assertThat(first.result().heartbeats()).isPositive();
    assertThat(first.result().tokenExpiresAt())
        .as("the refresh job renewed the token that expired tomorrow")
        .isAfter(first.result().tokenExpiredAt().plus(Duration.ofDays(30)));
    assertThat(first.printed())
        .contains("No posts in the database yet: this is the first run.")
        .contains("answers the first status with HTTP 429")
        .contains("Summary of run 1")
        .contains("Published  8 of 8 targets: facebook 2, instagram 1, mastodon 4, pixelfed 1")
        .contains("Problems   none");
    for (TargetStatus t : targets(first.result().posts())) {
      assertThat(first.printed()).as("final state printed").contains(t.remoteId().orElseThrow());
    }

    Run second = run(Optional.empty());

    assertThat(second.result().succeeded()).as(second.printed()).isTrue();
    assertThat(second.result().run()).isEqualTo(2);
    assertThat(second.result().earlier())
        .as("read back from the database")
        .extracting(PostStatus::postId)
        .containsExactly("run1-launch", "run1-photo", "run1-digest");
    assertThat(targets(second.result().earlier()))
        .extracting(TargetStatus::remoteId)
        .containsExactlyInAnyOrderElementsOf(
            targets(first.result().posts()).stream().map(TargetStatus::remoteId).toList());
    assertThat(second.result().posts())
        .extracting(PostStatus::postId)
        .containsExactly("run2-launch", "run2-photo", "run2-digest");
    assertThat(targets(second.result().posts()))
        .extracting(TargetStatus::state)
        .containsOnly(TargetState.PUBLISHED);
    String earlierListing =
        second.printed().substring(0, second.printed().indexOf("Run 2 schedules"));
    assertThat(earlierListing).contains("Posts of earlier runs, read back from the database:");
    for (TargetStatus t : targets(first.result().posts())) {
      assertThat(earlierListing).contains(t.remoteId().orElseThrow());
    }
    assertThat(second.printed()).contains("6 posts of 2 runs");
  }

  @Test
  void withARealMastodonConfiguredTheMastodonPostsGoThereAndTheTokenIsNeverPrinted()
      throws Exception {
    try (FakeMastodon real = FakeMastodon.builder().account("me", TOKEN).start()) {
      Run run =
          run(
              RealMastodon.from(
                  Map.of(
                      "HERALD_MASTODON_URL",
                      real.baseUri().toString(),
                      "HERALD_MASTODON_TOKEN",
                      TOKEN)));

      assertThat(run.result().succeeded()).as(run.printed()).isTrue();
      List<TargetStatus> mastodon =
          targets(run.result().posts()).stream()
              .filter(t -> t.target().platform().equals("mastodon"))
              .toList();
      assertThat(mastodon)
          .extracting(TargetStatus::target)
          .containsOnly(Target.of("mastodon", real.baseUri().getRawAuthority(), "me"));
      assertThat(real.ledger().entries())
          .as("each Mastodon post reached the configured instance")
          .hasSize(mastodon.size())
          .extracting(LedgerEntry::remoteId)
          .containsExactlyInAnyOrderElementsOf(
              mastodon.stream().map(t -> t.remoteId().orElseThrow()).toList());
      assertThat(real.requests(FakeMastodon.STATUSES))
          .extracting(FakeRequest::bearerToken)
          .containsOnly(Optional.of(TOKEN));
      assertThat(real.requests(FakeMastodon.STATUSES))
          .extracting(r -> r.param("visibility"))
          .containsOnly(Optional.of("unlisted"));
      assertThat(run.printed())
          .contains("Mastodon   " + real.baseUri() + " (a real instance")
          .doesNotContain(TOKEN);
    }
  }

  @Test
  void aTargetThatIsNotPublishedMakesTheRunFail() throws Exception {
    try (FakeMastodon real = FakeMastodon.builder().account("me", TOKEN).start()) {
      Run run =
          run(
              RealMastodon.from(
                  Map.of(
                      "HERALD_MASTODON_URL",
                      real.baseUri().toString(),
                      "HERALD_MASTODON_TOKEN",
                      "a-revoked-token")));

      assertThat(run.result().succeeded()).isFalse();
      assertThat(run.result().problems())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p)
              .contains("to mastodon:me@" + real.baseUri().getRawAuthority() + " is FAILED"));
      assertThat(real.ledger().entries()).isEmpty();
      assertThat(run.printed()).contains("Problems").doesNotContain("a-revoked-token");
    }
  }

  @Test
  void aRealMastodonNeedsBothVariablesAndHidesItsToken() {
    assertThat(RealMastodon.from(Map.of())).isEmpty();
    assertThatThrownBy(() -> RealMastodon.from(Map.of("HERALD_MASTODON_URL", "https://m.example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("HERALD_MASTODON_TOKEN is not set");
    assertThatThrownBy(() -> RealMastodon.from(Map.of("HERALD_MASTODON_TOKEN", TOKEN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("HERALD_MASTODON_URL is not set")
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(
            () ->
                RealMastodon.from(
                    Map.of(
                        "HERALD_MASTODON_URL", "mastodon.social", "HERALD_MASTODON_TOKEN", TOKEN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HERALD_MASTODON_URL must be an https: URL")
        .hasMessageContaining("'mastodon.social'");
    assertThat(
            RealMastodon.from(
                Map.of(
                    "HERALD_MASTODON_URL",
                    "https://m.example",
                    "HERALD_MASTODON_TOKEN",
                    TOKEN,
                    "HERALD_MASTODON_ACCOUNT",
                    "herald")))
        .hasValueSatisfying(
            m -> {
              assertThat(m.account()).isEqualTo("herald");
              assertThat(m.toString()).contains("https://m.example").doesNotContain(TOKEN);
            });
  }

  private Run run(Optional<RealMastodon> realMastodon) throws Exception {
    Settings settings =
        new Settings(
            dir,
            Duration.ofSeconds(1),
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            false,
            realMastodon);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Result result;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = DemoMain.run(settings, out);
    }
    return new Run(result, bytes.toString(StandardCharsets.UTF_8));
  }

  private static List<TargetStatus> targets(List<PostStatus> posts) {
    return posts.stream().flatMap(p -> p.targets().stream()).toList();
  }

  private record Run(Result result, String printed) {}
}
