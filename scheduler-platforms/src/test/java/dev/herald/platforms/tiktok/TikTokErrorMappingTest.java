package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.photo;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every TikTok error fixture of index.json (HTTP 4xx/5xx, and the failures TikTok reports inside
 * HTTP 200 as {@code data.status = FAILED}), served by the fake on the route it documents, maps to
 * the result class TikTok's documentation implies.
 */
class TikTokErrorMappingTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  /** One row: the fixture, where it is served, what reaches that route, the class and code. */
  record Case(
      String fixture,
      String route,
      Function<TikTokHarness, Post> post,
      Class<?> expected,
      String code,
      Instant until) {
    @Override
    public String toString() {
      return fixture + " on " + route + " -> " + expected.getSimpleName();
    }
  }

  static final Function<TikTokHarness, Post> PULL = h -> post(remoteVideo("v.mp4")).build();
  static final Function<TikTokHarness, Post> FILE =
      h -> post(h.videoFile("v.mp4", 1_000_000)).build();
  static final Function<TikTokHarness, Post> PHOTO = h -> post(photo("a.jpg")).build();
  static final Function<TikTokHarness, Post> INBOX =
      h ->
          Post.builder().addMedia(remoteVideo("v.mp4")).option("post_mode", "MEDIA_UPLOAD").build();

  static List<Case> cases() {
    String init = FakeTikTok.VIDEO_INIT;
    return List.of(
        row(
            "tiktok-error-access-token-invalid.json",
            init,
            PULL,
            PublishResult.AuthExpired.class,
            null,
            null),
        row(
            "tiktok-error-scope-not-authorized.json",
            init,
            PULL,
            PublishResult.AuthExpired.class,
            null,
            null),
        row(
            "tiktok-error-invalid-param.json",
            init,
            FILE,
            PublishResult.Rejected.class,
            "invalid_param",
            null),
        row(
            "tiktok-error-privacy-mismatch.json",
            init,
            PULL,
            PublishResult.Rejected.class,
            "privacy_level_option_mismatch",
            null),
        row(
            "tiktok-error-unaudited.json",
            init,
            PULL,
            PublishResult.Rejected.class,
            "unaudited_client_can_only_post_to_private_accounts",
            null),
        row(
            "tiktok-error-url-ownership.json",
            init,
            PULL,
            PublishResult.Rejected.class,
            "url_ownership_unverified",
            null),
        row(
            "tiktok-error-spam-too-many-posts.json",
            init,
            PULL,
            PublishResult.RateLimited.class,
            null,
            NOW.plus(Duration.ofHours(24))),
        row(
            "tiktok-error-active-user-cap.json",
            init,
            PULL,
            PublishResult.RateLimited.class,
            null,
            NOW.plus(Duration.ofHours(24))),
        row(
            "tiktok-error-rate-limit.json",
            init,
            PULL,
            PublishResult.RateLimited.class,
            null,
            NOW.plusSeconds(60)),
        // On a FILE_UPLOAD init nothing goes live before the last chunk; on a pull init the same
        // answer is Unknown (TikTokFidelityTest), as TikTok may have started fetching.
        row("tiktok-error-internal.json", init, FILE, PublishResult.RetryLater.class, null, null),
        row(
            "tiktok-error-pending-share.json",
            FakeTikTok.INBOX_VIDEO_INIT,
            INBOX,
            PublishResult.RateLimited.class,
            null,
            NOW.plus(Duration.ofHours(1))),
        row(
            "tiktok-error-invalid-publish-id.json",
            FakeTikTok.STATUS,
            PHOTO,
            PublishResult.Unknown.class,
            null,
            null),
        // TikTok's own failures inside HTTP 200: the fake fails its task and serves these itself
        row(
            "tiktok-status-failed.json",
            FakeTikTok.STATUS,
            FILE,
            PublishResult.Rejected.class,
            "picture_size_check_failed",
            null),
        row(
            "tiktok-status-failed-pull.json",
            FakeTikTok.STATUS,
            PULL,
            PublishResult.RetryLater.class,
            null,
            null),
        row(
            "tiktok-oauth-token-error.json",
            FakeTikTok.OAUTH_TOKEN,
            null,
            TokenRefreshException.class,
            null,
            null));
  }

  private static Case row(
      String fixture,
      String route,
      Function<TikTokHarness, Post> post,
      Class<?> expected,
      String code,
      Instant until) {
    return new Case(fixture, route, post, expected, code, until);
  }

  static Stream<Case> rows() {
    return cases().stream();
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void mapsTheErrorFixtureToTheDocumentedResult(Case row) {
    try (TikTokHarness h = new TikTokHarness(dir)) {
      arrange(h, row);

      Object result = outcome(h, row);

      assertThat(result).isInstanceOf(row.expected());
      assertThat(h.fake.servedFixtures()).contains(row.fixture());
      h.fake.settle();
      assertThat(h.fake.ledger().size())
          .as("only an Unknown outcome can still go live")
          .isEqualTo(result instanceof PublishResult.Unknown ? 1 : 0);
      if (row.code() != null) {
        assertThat(((PublishResult.Rejected) result).code()).isEqualTo(row.code());
      }
      if (row.until() != null) {
        assertThat(((PublishResult.RateLimited) result).until()).isEqualTo(row.until());
      }
      if (result instanceof TokenRefreshException e) {
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("invalid_grant");
      }
    }
  }

  @Test
  void theTableCoversEveryTikTokErrorFixtureIncludingFailuresInsideHttp200() {
    List<String> errors =
        Fixtures.forPlatform("tiktok").stream()
            .filter(f -> f.isError() || isFailedStatus(f))
            .map(Fixture::file)
            .toList();

    assertThat(errors).hasSize(15);
    assertThat(cases()).extracting(Case::fixture).containsExactlyInAnyOrderElementsOf(errors);
  }

  /** A failure TikTok reports as HTTP 200 with {@code data.status = FAILED}. */
  private static boolean isFailedStatus(Fixture fixture) {
    return fixture.status() == 200
        && Json.parse(fixture.body()).path("data").path("status").asText().equals("FAILED");
  }

  /** Serves the row's fixture: a failed task for the FAILED statuses, else an injected fault. */
  static void arrange(TikTokHarness h, Case row) {
    switch (row.fixture()) {
      case "tiktok-status-failed.json" -> h.fake.failNext("picture_size_check_failed");
      case "tiktok-status-failed-pull.json" -> h.fake.failNext("video_pull_failed");
      default -> h.fake.inject(row.route(), Fault.fixture(row.fixture()));
    }
  }

  static Object outcome(TikTokHarness h, Case row) {
    if (row.post() == null) {
      Credentials current =
          h.tokens.get(Target.of(TikTokPublisher.PLATFORM, TikTokHarness.OPEN_ID)).orElseThrow();
      try {
        return h.refresher().refresh(Target.of("tiktok", TikTokHarness.OPEN_ID), current);
      } catch (TokenRefreshException e) {
        return e;
      }
    }
    return h.publish(h.publisher(), row.post().apply(h));
  }
}
