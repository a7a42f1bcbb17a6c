package dev.herald.platforms.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.internal.http.GraphErrorServer;
import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Facebook error fixture of index.json, served by the fake on the route it documents, maps to
 * the result class the Graph API's error documentation implies, classified by Graph code.
 */
class FacebookErrorMappingTest {

  /** One row: fixture, route, result class, Rejected code, RateLimited duration. */
  record Case(
      String fixture,
      String route,
      Class<? extends PublishResult> expected,
      String code,
      Duration limitedFor) {
    @Override
    public String toString() {
      return fixture + " on " + route + " -> " + expected.getSimpleName();
    }
  }

  static List<Case> cases() {
    return List.of(
        // 506 duplicate post: permanent for this content.
        new Case("facebook-error-duplicate.json", FakeFacebook.FEED, rejected(), "506", null),
        // 200 permission not granted or removed: re-authorise (error-handling guide, 200-299).
        new Case(
            "facebook-error-permission.json",
            FakeFacebook.FEED,
            PublishResult.AuthExpired.class,
            null,
            null),
        // 100 bad photo: permanent.
        new Case("facebook-error-photo-invalid.json", FakeFacebook.PHOTOS, rejected(), "100", null),
        // 80001 BUC: estimated_time_to_regain_access (19 min).
        new Case(
            "facebook-error-rate-limit-buc.json",
            FakeFacebook.FEED,
            limited(),
            null,
            Duration.ofMinutes(19)),
        // 32 Pages limit via user token, X-App-Usage only: the fallback (15 min).
        new Case(
            "facebook-error-rate-limit-page.json",
            FakeFacebook.FEED,
            limited(),
            null,
            Duration.ofMinutes(15)),
        // 100 bad scheduled_publish_time: permanent.
        new Case("facebook-error-scheduled-time.json", FakeFacebook.FEED, rejected(), "100", null),
        // 368 temporarily blocked: wait hours (the block deferral, 12 h), do not hammer.
        new Case(
            "facebook-error-temporarily-blocked.json",
            FakeFacebook.FEED,
            limited(),
            null,
            Duration.ofHours(12)),
        // 190/463 token expired: re-derive or re-auth.
        new Case(
            "facebook-error-token-expired.json",
            FakeFacebook.FEED,
            PublishResult.AuthExpired.class,
            null,
            null),
        // 2 service error, is_transient: retry.
        new Case("facebook-error-transient.json", FakeFacebook.FEED, retry(), null, null));
  }

  static Stream<Case> rows() {
    return cases().stream();
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void mapsTheErrorFixtureToTheDocumentedResult(Case row) {
    try (FacebookHarness h = new FacebookHarness(dir)) {
      h.fake.inject(row.route(), Fault.fixture(row.fixture()));
      Post post =
          row.route().equals(FakeFacebook.PHOTOS)
              ? Post.builder().text("photo").addMedia(FacebookHarness.image("p.jpg")).build()
              : Post.text("text");

      PublishResult result = h.publish(h.publisher(), post, "key");

      assertThat(result).isInstanceOf(row.expected());
      assertThat(h.fake.servedFixtures()).contains(row.fixture());
      assertThat(h.fake.ledger().size()).isZero();
      if (row.code() != null) {
        assertThat(((PublishResult.Rejected) result).code()).isEqualTo(row.code());
      }
      if (row.limitedFor() != null) {
        assertThat(((PublishResult.RateLimited) result).until())
            .isEqualTo(h.clock.now().plus(row.limitedFor()));
      }
    }
  }

  @Test
  void theTableCoversEveryFacebookErrorFixture() {
    List<String> errors =
        Fixtures.forPlatform("facebook").stream()
            .filter(Fixture::isError)
            .map(Fixture::file)
            .toList();

    assertThat(errors).hasSize(9);
    assertThat(cases()).extracting(Case::fixture).containsExactlyInAnyOrderElementsOf(errors);
  }

  @Test
  void theFakeProducesTheErrorsItselfWhereItEmulatesTheCause() {
    try (FacebookHarness h = new FacebookHarness(dir)) {
      FacebookPublisher publisher = h.publisher();
      long tooSoon = h.clock.now().plusSeconds(60).getEpochSecond();
      Post scheduled =
          Post.builder().text("soon").option("scheduled_publish_time", "" + tooSoon).build();
      // The extension says BMP while the declared type says JPEG: Facebook reads the file.
      Post bmp =
          Post.builder()
              .addMedia(
                  new Media(
                      MediaKind.IMAGE,
                      URI.create("https://cdn.example/scan.bmp"),
                      "image/jpeg",
                      ""))
              .build();

      assertThat(h.publish(publisher, scheduled, "k1"))
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("100"));
      assertThat(h.publish(publisher, bmp, "k2"))
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("100"));
      assertThat(h.fake.servedFixtures())
          .contains("facebook-error-scheduled-time.json", "facebook-error-photo-invalid.json");
    }
  }

  @Test
  void codesOutsideTheFixturesAreClassifiedByTheDocumentedTable() {
    FacebookPublisher.Settings settings =
        new FacebookPublisher.Settings(
            InstantSource.fixed(Instant.parse("2026-11-20T12:00:00Z")),
            Duration.ofSeconds(5),
            3,
            Duration.ofMinutes(1),
            Duration.ofMinutes(15),
            Duration.ofHours(12),
            null,
            Duration.ofMinutes(2));
    try (GraphErrorServer graph = new GraphErrorServer()) {
      Codes codes =
          (status, code, subcode, isTransient) ->
              FacebookErrors.classify(
                  graph.response(status, code, subcode, isTransient),
                  settings,
                  settings.clock().instant());
      assertThat(codes.classify(400, 324, null, false))
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("324"));
      assertThat(codes.classify(400, 1609005, null, false)).isInstanceOf(retry());
      assertThat(codes.classify(500, 1, null, false)).isInstanceOf(retry());
      assertThat(codes.classify(400, 9999, null, true)).isInstanceOf(retry());
      for (int code : new int[] {4, 17, 613, 341}) {
        assertThat(codes.classify(400, code, null, false)).isInstanceOf(limited());
      }
      assertThat(codes.classify(400, 190, 460, false))
          .isInstanceOf(PublishResult.AuthExpired.class);
      assertThat(codes.classify(400, 102, null, false))
          .isInstanceOf(PublishResult.AuthExpired.class);
      assertThat(codes.classify(403, 10, null, false))
          .isInstanceOf(PublishResult.AuthExpired.class);
      assertThat(codes.classify(400, 3, null, false)).isInstanceOf(rejected());
      assertThat(codes.classify(503, null, null, false)).isInstanceOf(retry());
      assertThat(codes.classify(401, null, null, false))
          .isInstanceOf(PublishResult.AuthExpired.class);
      assertThat(codes.classify(429, null, null, false))
          .isInstanceOfSatisfying(
              PublishResult.RateLimited.class,
              r -> assertThat(r.until()).isEqualTo(Instant.parse("2026-11-20T12:15:00Z")));
      assertThat(codes.classify(404, null, null, false))
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("404"));
    }
  }

  /** Classifies a response with this status and Graph error. */
  interface Codes {
    PublishResult classify(int status, Integer code, Integer subcode, boolean isTransient);
  }

  private static Class<PublishResult.Rejected> rejected() {
    return PublishResult.Rejected.class;
  }

  private static Class<PublishResult.RetryLater> retry() {
    return PublishResult.RetryLater.class;
  }

  private static Class<PublishResult.RateLimited> limited() {
    return PublishResult.RateLimited.class;
  }
}
