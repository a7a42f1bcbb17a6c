package dev.herald.platforms.mastodon;

import static dev.herald.platforms.LogCapture.captureStderr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.PublishResult.Published;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: the Mastodon adapter against a fake as strict as the real server (see FakeMastodon for
 * the source of each behaviour).
 */
class MastodonFidelityTest {

  @TempDir Path dir;

  /** Item 3: a 5xx on the status call may follow a created status. */
  @Nested
  class ServerErrorsOnTheStatusCall {
    @Test
    void aReplayAnswering500OnAServerWithBug40399IsUnknownNotRetryLater() {
      try (MastodonHarness h = new MastodonHarness(dir, FakeMastodon.Builder::replayAnswers500)) {
        MastodonPublisher publisher = h.publisher();
        Post post = Post.text("Exists already");
        assertThat(h.publish(publisher, post, "k-40399")).isInstanceOf(Published.class);

        PublishResult replay = h.publish(publisher, post, "k-40399");

        assertThat(replay).isInstanceOf(PublishResult.Unknown.class);
        assertThat(h.fake.ledger().size()).isEqualTo(1);
      }
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void aGatewayErrorOnTheStatusCallIsUnknown(int status) {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        MastodonPublisher publisher = h.publisher();
        Post post = Post.text("Created, then the proxy timed out");
        h.publish(publisher, post, "k-proxy");
        h.fake.inject(FakeMastodon.STATUSES, Fault.status(status).times(1));

        PublishResult result = h.publish(publisher, post, "k-proxy");

        assertThat(result).isInstanceOf(PublishResult.Unknown.class);
        assertThat(h.fake.ledger().size()).isEqualTo(1);
      }
    }

    @Test
    void aGatewayErrorOnAnUploadIsStillRetryLater() {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        h.fake.inject(FakeMastodon.UPLOAD, Fault.status(502).times(1));

        PublishResult result =
            h.publish(h.publisher(), Post.builder().addMedia(h.image("a.jpg")).build(), "k");

        assertThat(result).isInstanceOf(PublishResult.RetryLater.class);
      }
    }
  }

  /** Item 4: "media not yet processed" is told by the media's state, not by English text. */
  @Nested
  class MediaNotReadyInAnyLocale {
    @ParameterizedTest
    @ValueSource(strings = {"de", "ja", "en"})
    void aSlowVideoIsRetriedUntilProcessed(String locale) {
      try (MastodonHarness h =
          new MastodonHarness(dir, b -> b.locale(locale).mediaProcessingPolls(3))) {
        MastodonPublisher publisher =
            h.publisher(b -> b.mediaPolling(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)
                .maxStatusAttempts(5));

        PublishResult result =
            h.publish(publisher, Post.builder().text("Clip").addMedia(h.video("c.mp4")).build(),
                "k-" + locale);

        assertThat(result).isInstanceOf(Published.class);
        assertThat(h.fake.ledger().size()).isEqualTo(1);
        assertThat(h.fake.requests(FakeMastodon.STATUSES)).hasSizeGreaterThan(1);
      }
    }

    @Test
    void aGermanNotReadyOnTheLastAttemptIsRetryLaterNotARejection() {
      try (MastodonHarness h = new MastodonHarness(dir, b -> b.locale("de").mediaProcessingPolls(9))) {
        MastodonPublisher publisher =
            h.publisher(b -> b.mediaPolling(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)
                .maxStatusAttempts(2));

        PublishResult result = h.publish(publisher,
            Post.builder().text("Clip").addMedia(h.video("c.mp4")).build(), "k-de");

        assertThat(result).isInstanceOf(PublishResult.RetryLater.class);
        assertThat(h.fake.ledger().size()).isZero();
      }
    }

    @Test
    void another422WithProcessedMediaIsARejectionInAnyLocale() {
      try (MastodonHarness h = new MastodonHarness(dir, b -> b.locale("ja").maxMediaAttachments(1))) {
        MastodonPublisher publisher = h.publisher(b -> b.limits(MastodonLimits.DEFAULTS));
        Post post = Post.builder().text("Two").addMedia(h.image("a.jpg")).addMedia(h.image("b.jpg"))
            .build();

        PublishResult result = h.publish(publisher, post, "k-ja");

        assertThat(result).isInstanceOfSatisfying(PublishResult.Rejected.class,
            r -> assertThat(r.reason()).contains("追加できるファイルは1つまでです"));
        assertThat(h.fake.requests(FakeMastodon.STATUSES)).hasSize(1);
      }
    }
  }

  /** Item 5: content warnings and alt text count by their plain length. */
  @Nested
  class LengthRules {
    @Test
    void aUrlInTheContentWarningCountsInFull() {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        String spoiler = "https://example.org/" + "a".repeat(30);
        Post post = Post.builder().text("x".repeat(460)).option("spoiler_text", spoiler).build();

        assertThat(h.publisher().validate(post)).extracting(v -> v.message())
            .containsExactly("text is 510 characters; mastodon allows at most 500");
        assertThat(h.publish(h.publisher(), post, "k")).isInstanceOf(PublishResult.Rejected.class);
        assertThat(h.fake.requests(FakeMastodon.STATUSES)).isEmpty();
      }
    }

    @Test
    void altTextCountsCodePointsWithUrlsInFull() {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        String withUrl = "https://example.org/" + "a".repeat(1490);
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67".repeat(400);
        Post post = Post.builder()
            .addMedia(Media.image(h.image("a.jpg").source()).withAltText(withUrl))
            .build();
        Post emoji = Post.builder()
            .addMedia(Media.image(h.image("b.jpg").source()).withAltText(family))
            .build();

        assertThat(h.publisher().validate(post)).extracting(v -> v.message())
            .containsExactly("media[0] alt text is 1510 characters; mastodon allows at most 1500");
        assertThat(h.publisher().validate(emoji)).extracting(v -> v.message())
            .containsExactly("media[0] alt text is 2000 characters; mastodon allows at most 1500");
      }
    }

    @Test
    void theFakeRefusesAnAltTextThatIsTooLongByCodePoints() {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        MastodonPublisher lenient = h.publisher(b -> b.limits(new MastodonLimits(500, 4, 23,
            MastodonLimits.DEFAULTS.supportedMimeTypes(), 5000)));
        Post post = Post.builder()
            .addMedia(Media.image(h.image("a.jpg").source()).withAltText("é".repeat(1501)))
            .build();

        assertThat(h.publish(lenient, post, "k")).isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.reason()).contains("Description"));
      }
    }
  }

  /** Item 10: scheduled statuses. */
  @Nested
  class ScheduledStatuses {
    @Test
    void aReplayOfAScheduledStatusAnswering404IsUnknownNotARejection() {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        MastodonPublisher publisher = h.publisher();
        Post post = Post.builder().text("later").option("scheduled_at", "2026-11-20T14:00:00Z")
            .build();
        assertThat(h.publish(publisher, post, "k-s")).isInstanceOf(Published.class);

        PublishResult replay = h.publish(publisher, post, "k-s");

        assertThat(replay).isInstanceOf(PublishResult.Unknown.class);
        assertThat(h.fake.ledger().size()).isEqualTo(1);
      }
    }

    @Test
    void aScheduledAtLessThanFiveMinutesAheadPublishesAtOnceInsteadOfBeingRefused() {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        Post post = Post.builder().text("soon").option("scheduled_at", "2026-11-20T12:03:00Z")
            .build();

        PublishResult result = h.publish(h.publisher(), post, "k-soon");

        assertThat(result).isInstanceOfSatisfying(Published.class,
            p -> assertThat(p.url()).isPresent());
        assertThat(h.fake.requests(FakeMastodon.STATUSES).get(0).param("scheduled_at")).isEmpty();
      }
    }

    @Test
    void aScheduledAtInThePastPublishesAtOnce() {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        Post post = Post.builder().text("late").option("scheduled_at", "2026-11-20T11:00:00Z")
            .build();

        PublishResult result = h.publish(h.publisher(), post, "k-late");

        assertThat(result).isInstanceOfSatisfying(Published.class,
            p -> assertThat(p.url()).isPresent());
        assertThat(h.fake.requests(FakeMastodon.STATUSES).get(0).param("scheduled_at")).isEmpty();
      }
    }

    @Test
    void beforeMastodon43TheFakeSchedulesAReplayAgain() {
      try (MastodonHarness h =
          new MastodonHarness(dir, b -> b.scheduledKeys(FakeMastodon.ScheduledKeys.IGNORED))) {
        MastodonPublisher publisher = h.publisher();
        Post post = Post.builder().text("later").option("scheduled_at", "2026-11-20T14:00:00Z")
            .build();

        h.publish(publisher, post, "k-old");
        h.publish(publisher, post, "k-old");

        assertThat(h.fake.ledger().size()).isEqualTo(2);
      }
    }
  }

  /** Item 11: limited federation mode refuses the anonymous instance request. */
  @Nested
  class LimitedFederationMode {
    @Test
    void limitsAreReadWithTheAccountsToken() {
      try (MastodonHarness h =
          new MastodonHarness(dir, b -> b.limitedFederationMode().maxCharacters(1000))) {
        MastodonPublisher publisher = h.publisher();

        PublishResult result = h.publish(publisher, Post.text("y".repeat(700)), "k-long");

        assertThat(result).isInstanceOf(Published.class);
        assertThat(publisher.refreshLimits(Target.of("mastodon", MastodonHarness.ACCOUNT))
            .maxCharacters()).isEqualTo(1000);
      }
    }

    @Test
    void limitsThatCannotBeReadAreLoggedAtWarn() {
      try (MastodonHarness h = new MastodonHarness(dir, FakeMastodon.Builder::limitedFederationMode)) {
        MastodonPublisher publisher = h.publisher();
        h.tokens.put(Target.of("mastodon", MastodonHarness.ACCOUNT), Credentials.of("revoked"));

        String logs = captureStderr(() -> h.publish(publisher, Post.text("hi"), "k"));

        assertThat(logs).contains("WARN").contains("limits");
        assertThat(logs).doesNotContain("revoked");
      }
    }
  }

  /** Item 9: a scope error is remedied by authorising again. */
  @Test
  void a403ScopeErrorIsAuthExpired() {
    try (MastodonHarness h = new MastodonHarness(dir)) {
      PublishResult result = h.publisher().publish(
          new PublishRequest(Post.text("x"), Target.of("mastodon", "reader"), "k"));

      assertThat(result).isInstanceOfSatisfying(PublishResult.AuthExpired.class,
          r -> assertThat(r.reason()).contains("scope"));
    }
  }
}
