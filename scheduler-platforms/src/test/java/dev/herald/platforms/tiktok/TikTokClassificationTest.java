package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.photo;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeResponse;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classification of what has no fixture of its own: every {@code fail_reason} TikTok documents
 * (the fake
 * fails a task with it), and error codes and bare statuses answered by a scripted server.
 */
class TikTokClassificationTest {

  @TempDir Path dir;
  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  ScriptedTikTok scripted;

  @AfterEach
  void close() {
    if (scripted != null) {
      scripted.close();
    }
  }

  static Stream<Arguments> failReasons() {
    return Stream.of(
        Arguments.of("file_format_check_failed", PublishResult.Rejected.class),
        Arguments.of("duration_check_failed", PublishResult.Rejected.class),
        Arguments.of("frame_rate_check_failed", PublishResult.Rejected.class),
        Arguments.of("picture_size_check_failed", PublishResult.Rejected.class),
        Arguments.of("internal", PublishResult.RetryLater.class),
        Arguments.of("video_pull_failed", PublishResult.RetryLater.class),
        Arguments.of("photo_pull_failed", PublishResult.RetryLater.class),
        Arguments.of("publish_cancelled", PublishResult.Rejected.class),
        Arguments.of("auth_removed", PublishResult.AuthExpired.class),
        Arguments.of("spam_risk_too_many_posts", PublishResult.RateLimited.class),
        Arguments.of("spam_risk_user_banned_from_posting", PublishResult.Rejected.class),
        Arguments.of("spam_risk_text", PublishResult.Rejected.class),
        Arguments.of("spam_risk", PublishResult.Rejected.class),
        Arguments.of("a_reason_the_doc_does_not_list", PublishResult.Rejected.class));
  }

  @ParameterizedTest(name = "fail_reason {0} -> {1}")
  @MethodSource("failReasons")
  void mapsEveryFailReasonReportedInsideHttp200(String reason, Class<?> expected) {
    try (TikTokHarness h = new TikTokHarness(dir)) {
      h.fake.failNext(reason);
      Post post =
          reason.startsWith("photo")
              ? post(photo("a.jpg")).build()
              : post(remoteVideo("v.mp4")).build();

      PublishResult result = h.publish(h.publisher(), post);

      assertThat(result).isInstanceOf(expected);
      assertThat(result.toString()).contains(reason);
      if (result instanceof PublishResult.Rejected r) {
        assertThat(r.code()).isEqualTo(reason);
      }
      if (result instanceof PublishResult.RateLimited r) {
        assertThat(r.until()).isEqualTo(h.clock.now().plus(Duration.ofHours(24)));
      }
      h.fake.settle();
      assertThat(h.fake.ledger().size()).isZero();
    }
  }

  static Stream<Arguments> scripted() {
    return Stream.of(
        Arguments.of(ScriptedTikTok.envelope(400, "invalid_params"), "invalid_params"),
        Arguments.of(
            ScriptedTikTok.envelope(403, "spam_risk_user_banned_from_posting"),
            "spam_risk_user_banned_from_posting"),
        Arguments.of(
            ScriptedTikTok.envelope(400, "app_version_check_failed"), "app_version_check_failed"),
        Arguments.of(ScriptedTikTok.envelope(403, "some_new_refusal"), "some_new_refusal"),
        Arguments.of(FakeResponse.json(404, "{}"), "404"));
  }

  @ParameterizedTest(name = "{1} is permanent")
  @MethodSource("scripted")
  void codesWithoutFixturesAreRejectedByCode(FakeResponse answer, String code) {
    PublishResult result = scriptedPublish(answer, post(remoteVideo("v.mp4")).build());

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(code));
  }

  @Test
  void anErrorInsideHttp200IsClassifiedByItsCode() {
    PublishResult result =
        scriptedPublish(
            ScriptedTikTok.envelope(200, "access_token_invalid"),
            post(remoteVideo("v.mp4")).build());

    assertThat(result).isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(((PublishResult.AuthExpired) result).reason())
        .contains("HTTP 200 access_token_invalid", "log_id 2026SCRIPTED");
  }

  @Test
  void unknownCodesFallBackToTheStatus() {
    assertThat(scriptedPublish(ScriptedTikTok.envelope(503, "overloaded"), post(videoFile()).build()))
        .isInstanceOf(PublishResult.RetryLater.class);
    // On a pull init an unrecognised 5xx does not say that nothing started.
    assertThat(scriptedPublish(ScriptedTikTok.envelope(503, "overloaded"), pull()))
        .isInstanceOf(PublishResult.Unknown.class);
    assertThat(scriptedPublish(FakeResponse.json(401, "{}"), pull()))
        .isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(
            scriptedPublish(FakeResponse.json(429, "{}").withHeader("Retry-After", "300"), pull()))
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> assertThat(r.until()).isEqualTo(clock.now().plusSeconds(300)));
  }

  @Test
  void aBareGatewayTimeoutOnAPullInitIsUnknownButOnAFileInitRetryLater() {
    FakeResponse gateway = FakeResponse.empty(504);

    assertThat(scriptedPublish(gateway, pull())).isInstanceOf(PublishResult.Unknown.class);
    assertThat(scriptedPublish(gateway, post(photo("a.jpg")).build()))
        .isInstanceOf(PublishResult.Unknown.class);
    assertThat(scriptedPublish(gateway, post(videoFile()).build()))
        .isInstanceOf(PublishResult.RetryLater.class);
  }

  @Test
  void aSuccessWithoutTheExpectedBodyIsUnknownOnlyWhereTikTokMayBePublishing() {
    FakeResponse noData = FakeResponse.json(200, "{\"error\":{\"code\":\"ok\"}}");
    FakeResponse noUploadUrl =
        FakeResponse.json(
            200, "{\"data\":{\"publish_id\":\"v_pub_file~1\"},\"error\":{\"code\":\"ok\"}}");

    assertThat(scriptedPublish(noData, pull())).isInstanceOf(PublishResult.Unknown.class);
    assertThat(scriptedPublish(noUploadUrl, post(videoFile()).build()))
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class, r -> assertThat(r.reason()).contains("no upload_url"));
  }

  @Test
  void errorCodesOnTheStatusOfAStartedPublishAreUnknown() {
    try (TikTokHarness h = new TikTokHarness(dir)) {
      h.fake.inject(FakeTikTok.STATUS, Fault.fixture("tiktok-error-access-token-invalid.json"));

      PublishResult result = h.publish(h.publisher(), pull());

      assertThat(result)
          .isInstanceOfSatisfying(
              PublishResult.Unknown.class,
              u -> assertThat(u.reason()).contains("v_pub_url~v2.123456789", "checkStatus"));
    }
  }

  private Post pull() {
    return post(remoteVideo("v.mp4")).build();
  }

  private Media videoFile() {
    try {
      Path file = dir.resolve("v.mp4");
      Files.write(file, new byte[1000]);
      return Media.video(file.toUri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PublishResult scriptedPublish(FakeResponse answer, Post post) {
    if (scripted == null) {
      scripted = new ScriptedTikTok();
    }
    scripted.answerInit(answer);
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of(TikTokPublisher.PLATFORM, "open"), Credentials.of("act.scripted"));
    TikTokPublisher publisher =
        TikTokPublisher.builder()
            .apiBase(scripted.baseUri())
            .tokens(tokens)
            .clock(clock)
            .sleeper(clock::advance)
            .build();
    return publisher.publish(new PublishRequest(post, Target.of("tiktok", "open"), "k"));
  }
}
