package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.image;
import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.internal.http.GraphErrorServer;
import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
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
 * Every Instagram error fixture of index.json, served by the fake on the route it documents, maps
 * to the result class the Graph API's error documentation implies, classified by code and subcode.
 */
class InstagramErrorMappingTest {

  /**
   * One row: the fixture, the route serving it, the result class, the Rejected code, and for
   * RateLimited how long after the classification the limit lifts.
   */
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

  static final Post CAROUSEL =
      Post.builder().text("two").addMedia(image("a.jpg")).addMedia(image("b.jpg")).build();

  static List<Case> cases() {
    return List.of(
        // 36000/2207004 image too large: permanent.
        new Case(
            "instagram-error-image-too-large.json",
            FakeInstagram.CREATE,
            rejected(),
            "36000/2207004",
            null),
        // 9007/2207027 not ready: poll, publish again; still not ready after the attempts: retry.
        new Case(
            "instagram-error-media-not-ready.json", FakeInstagram.PUBLISH, retry(), null, null),
        // 9/2207042 quota: defer until the window rolls (quota retry interval, 1 h).
        new Case(
            "instagram-error-publish-limit.json",
            FakeInstagram.PUBLISH,
            limited(),
            null,
            Duration.ofHours(1)),
        // 9004/2207052 fetch failed: retried once, then permanent.
        new Case(
            "instagram-error-fetch-failed.json",
            FakeInstagram.CREATE,
            rejected(),
            "9004/2207052",
            null),
        // 36001/2207005 format: permanent (convert to JPEG).
        new Case(
            "instagram-error-image-format.json",
            FakeInstagram.CREATE,
            rejected(),
            "36001/2207005",
            null),
        // 36004/2207010 caption too long: permanent.
        new Case(
            "instagram-error-caption-too-long.json",
            FakeInstagram.CREATE,
            rejected(),
            "36004/2207010",
            null),
        // 100/2207028 carousel item count: permanent.
        new Case(
            "instagram-error-carousel-count.json",
            FakeInstagram.CREATE,
            rejected(),
            "100/2207028",
            null),
        // -1/2207001 server error, is_transient: retry.
        new Case(
            "instagram-error-server-transient.json", FakeInstagram.CREATE, retry(), null, null),
        // 24/2207008 builder expired: retried twice after a pause, then retry later.
        new Case(
            "instagram-error-builder-expired.json", FakeInstagram.PUBLISH, retry(), null, null),
        // 4/2207051 activity restricted: permanent for automation, not a rate limit.
        new Case(
            "instagram-error-spam-restricted.json",
            FakeInstagram.PUBLISH,
            rejected(),
            "4/2207051",
            null),
        // 4 app rate limit, X-App-Usage only: the fallback wait (15 min).
        new Case(
            "instagram-error-rate-limit-app.json",
            FakeInstagram.CREATE,
            limited(),
            null,
            Duration.ofMinutes(15)),
        // 80002 BUC: estimated_time_to_regain_access (19 min).
        new Case(
            "instagram-error-rate-limit-buc.json",
            FakeInstagram.NODE,
            limited(),
            null,
            Duration.ofMinutes(19)),
        // 190/463 token expired: refresh or re-auth.
        new Case(
            "instagram-error-token-expired.json",
            FakeInstagram.CREATE,
            PublishResult.AuthExpired.class,
            null,
            null),
        // 10 permission not granted or removed: re-authorise (error-handling guide).
        new Case(
            "instagram-error-permission.json",
            FakeInstagram.PUBLISH,
            PublishResult.AuthExpired.class,
            null,
            null));
  }

  static Stream<Case> rows() {
    return cases().stream();
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void mapsTheErrorFixtureToTheDocumentedResult(Case row) {
    try (InstagramHarness h = new InstagramHarness(dir)) {
      h.fake.inject(row.route(), Fault.fixture(row.fixture()));
      Post post = row.fixture().contains("carousel") ? CAROUSEL : imagePost("caption");

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
  void theTableCoversEveryInstagramErrorFixture() {
    List<String> errors =
        Fixtures.forPlatform("instagram").stream()
            .filter(Fixture::isError)
            .map(Fixture::file)
            .toList();

    assertThat(errors).hasSize(14);
    assertThat(cases()).extracting(Case::fixture).containsExactlyInAnyOrderElementsOf(errors);
  }

  @Test
  void codesOutsideTheFixturesAreClassifiedByTheDocumentedTable() {
    InstagramPublisher.Settings settings =
        new InstagramPublisher.Settings(
            InstantSource.fixed(Instant.parse("2026-11-20T12:00:00Z")),
            Duration.ofSeconds(5),
            3,
            2,
            3,
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(12),
            true);
    try (GraphErrorServer graph = new GraphErrorServer()) {
      GraphCodes codes =
          (status, code, subcode, isTransient) ->
              InstagramErrors.classify(
                  graph.response(status, code, subcode, isTransient),
                  settings,
                  settings.clock().instant());
      assertThat(codes.classify(400, 1, null, false)).isInstanceOf(retry());
      assertThat(codes.classify(400, 2, null, false)).isInstanceOf(retry());
      assertThat(codes.classify(400, -2, 2207003, false)).isInstanceOf(retry());
      assertThat(codes.classify(400, -1, 2207032, false)).isInstanceOf(retry());
      assertThat(codes.classify(400, -2, 2207020, false)).isInstanceOf(retry());
      assertThat(codes.classify(400, 1, 2207057, false)).isInstanceOf(rejected());
      assertThat(codes.classify(400, 25, 2207050, false)).isInstanceOf(rejected());
      assertThat(codes.classify(400, 352, 2207026, false)).isInstanceOf(rejected());
      assertThat(codes.classify(400, 36003, 2207009, false)).isInstanceOf(rejected());
      assertThat(codes.classify(400, 100, 2207040, false)).isInstanceOf(rejected());
      assertThat(codes.classify(400, 3, null, false)).isInstanceOf(rejected());
      assertThat(codes.classify(403, 200, null, false))
          .isInstanceOf(PublishResult.AuthExpired.class);
      assertThat(codes.classify(403, 10, null, false))
          .isInstanceOf(PublishResult.AuthExpired.class);
      // "Generate a new container and use it to try again": nothing was published.
      assertThat(codes.classify(400, 24, 2207006, false)).isInstanceOf(retry());
      assertThat(codes.classify(400, 102, null, false))
          .isInstanceOf(PublishResult.AuthExpired.class);
      for (int code : new int[] {17, 32, 613, 341}) {
        assertThat(codes.classify(400, code, null, false)).isInstanceOf(limited());
      }
      assertThat(codes.classify(400, 368, null, false))
          .isInstanceOfSatisfying(
              PublishResult.RateLimited.class,
              r -> assertThat(r.until()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z")));
      assertThat(codes.classify(400, 12345, null, true)).isInstanceOf(retry());
      assertThat(codes.classify(502, null, null, false)).isInstanceOf(retry());
      assertThat(codes.classify(401, null, null, false))
          .isInstanceOf(PublishResult.AuthExpired.class);
    }
  }

  /** Classifies a response with this status and Graph error. */
  interface GraphCodes {
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
