package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Mastodon error fixture of index.json, served by the fake on the route it documents, maps to
 * the result class Mastodon's API documentation implies.
 */
class MastodonErrorMappingTest {

  /** One row: the fixture, where it is served, the post that reaches that route, the class. */
  record Case(
      String fixture,
      String route,
      Function<MastodonHarness, Post> post,
      Class<? extends PublishResult> expected,
      String code) {
    @Override
    public String toString() {
      return fixture + " on " + route + " -> " + expected.getSimpleName();
    }
  }

  static final Function<MastodonHarness, Post> TEXT = h -> Post.text("Hello");
  static final Function<MastodonHarness, Post> IMAGE =
      h -> Post.builder().text("Photo").addMedia(h.image("photo.jpg")).build();
  static final Function<MastodonHarness, Post> VIDEO =
      h -> Post.builder().text("Clip").addMedia(h.video("clip.mp4")).build();

  static List<Case> cases() {
    return List.of(
        new Case(
            "mastodon-error-401.json",
            FakeMastodon.STATUSES,
            TEXT,
            PublishResult.AuthExpired.class,
            null),
        new Case(
            "mastodon-error-403-scope.json",
            FakeMastodon.STATUSES,
            TEXT,
            PublishResult.AuthExpired.class,
            null),
        new Case(
            "mastodon-error-404.json",
            FakeMastodon.MEDIA,
            VIDEO,
            PublishResult.Rejected.class,
            "404"),
        new Case(
            "mastodon-error-422.json",
            FakeMastodon.STATUSES,
            TEXT,
            PublishResult.Rejected.class,
            "422"),
        new Case(
            "mastodon-error-422-too-long.json",
            FakeMastodon.STATUSES,
            TEXT,
            PublishResult.Rejected.class,
            "422"),
        new Case(
            "mastodon-error-422-too-many-media.json",
            FakeMastodon.STATUSES,
            IMAGE,
            PublishResult.Rejected.class,
            "422"),
        new Case(
            "mastodon-error-422-media-not-found.json",
            FakeMastodon.STATUSES,
            IMAGE,
            PublishResult.Rejected.class,
            "422"),
        new Case(
            "mastodon-error-422-media-invalid.json",
            FakeMastodon.UPLOAD,
            IMAGE,
            PublishResult.Rejected.class,
            "422"),
        // Classified by the media's state, not by this text: on media seen processed (an image
        // answered 200 on upload) a 422 is the status's own refusal.
        new Case(
            "mastodon-error-422-media-not-ready.json",
            FakeMastodon.STATUSES,
            IMAGE,
            PublishResult.Rejected.class,
            "422"),
        new Case(
            "mastodon-error-429.json",
            FakeMastodon.UPLOAD,
            IMAGE,
            PublishResult.RateLimited.class,
            null),
        new Case(
            "mastodon-error-503.json",
            FakeMastodon.STATUSES,
            TEXT,
            PublishResult.Unknown.class,
            null));
  }

  static Stream<Case> rows() {
    return cases().stream();
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void mapsTheErrorFixtureToTheDocumentedResult(Case row) {
    try (MastodonHarness h = new MastodonHarness(dir)) {
      h.fake.inject(row.route(), Fault.fixture(row.fixture()));

      PublishResult result = h.publish(h.publisher(), row.post().apply(h), "key-" + row.fixture());

      assertThat(result).isInstanceOf(row.expected());
      assertThat(h.fake.servedFixtures()).contains(row.fixture());
      assertThat(h.fake.ledger().size()).isZero();
      if (row.code() != null) {
        assertThat(((PublishResult.Rejected) result).code()).isEqualTo(row.code());
      }
      if (result instanceof PublishResult.RateLimited limited) {
        assertThat(limited.until()).isEqualTo(Instant.parse("2026-11-20T13:00:00Z"));
      }
    }
  }

  @Test
  void theTableCoversEveryMastodonErrorFixture() {
    List<String> errors =
        Fixtures.forPlatform("mastodon").stream()
            .filter(Fixture::isError)
            .map(Fixture::file)
            .toList();

    assertThat(cases()).extracting(Case::fixture).containsExactlyInAnyOrderElementsOf(errors);
  }

  @Test
  void theFakeItselfAnswers401ForAnUnknownTokenAnd403ScopeForAReadOnlyOne() {
    try (MastodonHarness h = new MastodonHarness(dir)) {
      MastodonPublisher publisher = h.publisher();
      h.tokens.put(Target.of(MastodonPublisher.PLATFORM, "revoked"), dev.herald.scheduler.credentials.Credentials.of("revoked-token"));

      PublishResult revoked =
          publisher.publish(
              new dev.herald.scheduler.publish.PublishRequest(Post.text("x"), Target.of("mastodon", "revoked"), "k1"));
      PublishResult readOnly =
          publisher.publish(
              new dev.herald.scheduler.publish.PublishRequest(Post.text("x"), Target.of("mastodon", "reader"), "k2"));

      assertThat(revoked).isInstanceOf(PublishResult.AuthExpired.class);
      assertThat(readOnly)
          .isInstanceOfSatisfying(
              PublishResult.AuthExpired.class, r -> assertThat(r.reason()).contains("403"));
    }
  }
}
