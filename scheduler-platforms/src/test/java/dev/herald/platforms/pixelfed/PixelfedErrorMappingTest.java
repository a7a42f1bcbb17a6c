package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.FakeResponse;
import dev.herald.platforms.testing.FakeServer;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Pixelfed error fixture of index.json, served by the fake on a route that returns it, maps
 * to the result class Pixelfed's behaviour implies; so does every other status the
 * reference names.
 */
class PixelfedErrorMappingTest {

  /** One row: the fixture, the route serving it, the expected class and Rejected code. */
  record Case(String fixture, String route, Class<? extends PublishResult> expected, String code) {
    @Override
    public String toString() {
      return fixture + " on " + route + " -> " + expected.getSimpleName();
    }
  }

  static List<Case> cases() {
    String statuses = FakePixelfed.STATUSES;
    String upload = FakePixelfed.UPLOAD_V2;
    return List.of(
        new Case(
            "pixelfed-error-400-direct-visibility.json",
            statuses,
            PublishResult.Rejected.class,
            "400"),
        new Case(
            "pixelfed-error-400-duplicate-idempotency-key.json",
            statuses,
            PublishResult.Unknown.class,
            null),
        new Case(
            "pixelfed-error-400-invalid-media.json", statuses, PublishResult.Rejected.class, "400"),
        new Case(
            "pixelfed-error-403-empty-status.json", statuses, PublishResult.Rejected.class, "403"),
        new Case(
            "pixelfed-error-403-scope.json", statuses, PublishResult.AuthExpired.class, null),
        new Case("pixelfed-error-403-scope.json", upload, PublishResult.AuthExpired.class, null),
        new Case("pixelfed-error-429.json", statuses, PublishResult.RateLimited.class, null),
        new Case("pixelfed-error-429.json", upload, PublishResult.RateLimited.class, null),
        new Case(
            "pixelfed-error-500-unauthenticated.json",
            statuses,
            PublishResult.AuthExpired.class,
            null),
        new Case(
            "pixelfed-error-500-unauthenticated.json",
            upload,
            PublishResult.AuthExpired.class,
            null),
        new Case(
            "pixelfed-error-validation.json",
            statuses,
            PublishResult.Rejected.class,
            "text_too_long"));
  }

  static Stream<Case> rows() {
    return cases().stream();
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void mapsTheErrorFixtureToTheDocumentedResult(Case row) {
    try (PixelfedHarness h = new PixelfedHarness(dir)) {
      h.fake.inject(row.route(), Fault.fixture(row.fixture()));

      PublishResult result = h.publish(h.publisher(), h.photo("Hello"), "key-" + row.fixture());

      assertThat(result).isInstanceOf(row.expected());
      assertThat(h.fake.servedFixtures()).contains(row.fixture());
      assertThat(h.fake.ledger().size()).isZero();
      if (row.code() != null) {
        assertThat(((PublishResult.Rejected) result).code()).isEqualTo(row.code());
      }
      if (result instanceof PublishResult.RateLimited limited) {
        assertThat(limited.until()).isEqualTo(h.clock.now().plus(Duration.ofHours(1)));
      }
    }
  }

  @Test
  void theTableCoversEveryPixelfedErrorFixture() {
    List<String> errors =
        Fixtures.forPlatform("pixelfed").stream()
            .filter(Fixture::isError)
            .map(Fixture::file)
            .toList();

    assertThat(errors).hasSize(8);
    assertThat(cases().stream().map(Case::fixture).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(errors);
  }

  static Stream<Object[]> statuses() {
    return Stream.of(
        new Object[] {401, PublishResult.AuthExpired.class},
        new Object[] {400, PublishResult.Rejected.class},
        // a 403 with a message (the fault's) is a refusal of the post; only the empty one is scope
        new Object[] {403, PublishResult.Rejected.class},
        new Object[] {404, PublishResult.Rejected.class},
        new Object[] {422, PublishResult.Rejected.class},
        new Object[] {451, PublishResult.Rejected.class},
        new Object[] {429, PublishResult.RateLimited.class},
        new Object[] {500, PublishResult.RetryLater.class},
        new Object[] {502, PublishResult.RetryLater.class},
        new Object[] {503, PublishResult.RetryLater.class},
        new Object[] {504, PublishResult.RetryLater.class});
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @MethodSource("statuses")
  void mapsEveryStatusTheReferenceNames(int status, Class<? extends PublishResult> expected) {
    try (PixelfedHarness h = new PixelfedHarness(dir)) {
      h.fake.inject(FakePixelfed.STATUSES, Fault.status(status));

      PublishResult result = h.publish(h.publisher(), h.photo("Hello"), "k");

      assertThat(result).isInstanceOf(expected);
      if (result instanceof PublishResult.Rejected rejected) {
        assertThat(rejected.code()).isEqualTo(Integer.toString(status));
      }
    }
  }

  @Test
  void theFakeItselfAnswersAnUnknownTokenWith500Unauthenticated() {
    try (PixelfedHarness h = new PixelfedHarness(dir)) {
      h.tokens.put(Target.of(PixelfedPublisher.PLATFORM, "revoked"), Credentials.of("revoked-token"));

      PublishResult result =
          h.publisher().publish(new PublishRequest(h.photo("x"), Target.of("pixelfed", "revoked"), "k1"));

      assertThat(result).isInstanceOf(PublishResult.AuthExpired.class);
      assertThat(h.fake.servedFixtures()).contains("pixelfed-error-500-unauthenticated.json");
      assertThat(h.fake.requests(FakePixelfed.STATUSES)).isEmpty();
    }
  }

  /**
   * Issue 11 item 9: a token without the {@code write} scope gets 403 with an empty message from
   * Pixelfed ({@code abort_unless($request->user()->tokenCan('write'), 403)}); the remedy is
   * authorising again with {@code write}, so it is AuthExpired, not a rejection of the post.
   */
  @Test
  void aTokenWithoutTheWriteScopeIsAuthExpired() {
    try (PixelfedHarness h =
        new PixelfedHarness(dir, b -> b.readOnlyAccount("reader", "read-only-token"))) {
      h.tokens.put(Target.of(PixelfedPublisher.PLATFORM, "reader"), Credentials.of("read-only-token"));
      PixelfedPublisher publisher = h.publisher();

      PublishResult photo =
          publisher.publish(new PublishRequest(h.photo("x"), Target.of("pixelfed", "reader"), "k1"));
      PublishResult reply =
          publisher.publish(
              new PublishRequest(
                  Post.builder().text("x").option("in_reply_to_id", "1").build(),
                  Target.of("pixelfed", "reader"),
                  "k2"));

      for (PublishResult result : List.of(photo, reply)) {
        assertThat(result)
            .isInstanceOfSatisfying(
                PublishResult.AuthExpired.class,
                r -> assertThat(r.reason()).contains("HTTP 403").contains("write"));
      }
      assertThat(h.fake.servedFixtures()).contains("pixelfed-error-403-scope.json");
      assertThat(h.fake.ledger().size()).isZero();
    }
  }

  @Test
  void aCaptionTheInstanceRefusesIsRejectedByItsValidationEnvelopeNotRetried() {
    try (PixelfedHarness h = new PixelfedHarness(dir, b -> b.maxCharacters(100))) {
      PixelfedPublisher publisher = h.publisher(b -> b.limits(PixelfedLimits.DEFAULTS));

      PublishResult result = h.publish(publisher, h.photo("x".repeat(150)), "k");

      assertThat(result)
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class,
              r -> {
                assertThat(r.code()).isEqualTo("text_too_long");
                assertThat(r.reason()).contains("must not be greater than 100 characters");
              });
      assertThat(h.fake.servedFixtures()).contains("pixelfed-error-validation.json");
    }
  }

  @Test
  void anAccountNeverActiveOnTheWebIsRejectedForItsEmptyListAnswer() {
    try (PixelfedHarness h =
        new PixelfedHarness(dir, b -> b.inactiveAccount("dormant", "dormant-token"))) {
      h.tokens.put(Target.of(PixelfedPublisher.PLATFORM, "dormant"), Credentials.of("dormant-token"));
      PixelfedPublisher publisher = h.publisher();

      PublishResult upload = publisher.publish(new PublishRequest(h.photo("x"), Target.of("pixelfed", "dormant"), "k1"));
      PublishResult reply =
          publisher.publish(
              new PublishRequest(
                  Post.builder().text("x").option("in_reply_to_id", "1").build(), Target.of("pixelfed", "dormant"), "k2"));

      for (PublishResult result : List.of(upload, reply)) {
        assertThat(result)
            .isInstanceOfSatisfying(
                PublishResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo("inactive_account"));
      }
      assertThat(h.fake.ledger().size()).isZero();
    }
  }

  @Test
  void aRedirectToLoginIsAuthExpired() {
    ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    try (LoginRedirect server = new LoginRedirect(clock)) {
      TokenStore tokens = TokenStore.inMemory();
      tokens.put(Target.of(PixelfedPublisher.PLATFORM, "a"), Credentials.of("personal-token"));
      PixelfedPublisher publisher =
          PixelfedPublisher.builder(server.baseUri())
              .tokens(tokens)
              .clock(clock)
              .limits(PixelfedLimits.DEFAULTS)
              .build();

      PublishResult result =
          publisher.publish(
              new PublishRequest(
                  Post.builder().text("x").option("in_reply_to_id", "1").build(), Target.of("pixelfed", "a"), "k"));

      assertThat(result).isInstanceOf(PublishResult.AuthExpired.class);
    }
  }

  /** What Laravel answers when a personal access token has lapsed (issue #6166). */
  static final class LoginRedirect extends FakeServer {
    LoginRedirect(ManualClock clock) {
      super("pixelfed", clock);
      route(
          "POST",
          "/api/v1/statuses",
          r -> FakeResponse.empty(302).withHeader("Location", baseUri() + "/login"));
      start();
    }
  }
}
