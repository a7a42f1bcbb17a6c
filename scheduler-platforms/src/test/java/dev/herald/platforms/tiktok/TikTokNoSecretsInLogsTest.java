package dev.herald.platforms.tiktok;

import static dev.herald.platforms.LogCapture.captureStderr;
import static dev.herald.platforms.tiktok.TikTokHarness.OPEN_ID;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs publishes and refreshes that succeed and fail in every way with DEBUG logging on
 * (slf4j-simple writes to whatever {@code System.err} is at the time of the call; see the surefire
 * configuration in the pom), captures everything logged, and checks that no access token, refresh
 * token, client secret or upload token appears in a log line, a result or exception message, or a
 * {@code toString()}.
 */
class TikTokNoSecretsInLogsTest {

  @TempDir Path dir;

  @Test
  void noSecretAppearsInLogsResultsExceptionsOrToString() {
    List<String> shown = new ArrayList<>();
    List<String> secrets =
        new ArrayList<>(
            List.of(
                TikTokHarness.TOKEN,
                TikTokHarness.REFRESH,
                TikTokHarness.CLIENT_SECRET,
                TikTokHarness.PRIVATE_TOKEN,
                TikTokHarness.READ_ONLY_TOKEN,
                "rft.revokedSecretExample"));
    String logs =
        captureStderr(
            () -> {
              try (TikTokHarness h = new TikTokHarness(dir)) {
                TikTokPublisher publisher = h.publisher();
                TikTokPublisher impatient =
                    h.publisher(b -> b.requestTimeout(Duration.ofMillis(500)));
                Post pull = post(remoteVideo("v.mp4")).text("secret-free").build();
                shown.add(
                    h.publish(publisher, post(h.videoFile("v.mp4", 11_000_000)).build())
                        .toString());
                shown.add(h.publish(publisher, pull).toString());
                h.fake.inject(FakeTikTok.VIDEO_INIT, Fault.dropAfterAccept().times(1));
                shown.add(h.publish(publisher, pull).toString());
                h.fake.inject(FakeTikTok.STATUS, Fault.delay(Duration.ofMillis(1500)).times(3));
                shown.add(h.publish(impatient, pull).toString());
                h.fake.inject(
                    FakeTikTok.CREATOR_INFO,
                    Fault.fixture("tiktok-error-access-token-invalid.json").times(1));
                shown.add(h.publish(publisher, pull).toString());
                shown.add(h.publish(publisher, pull, TikTokHarness.READ_ONLY_ID).toString());
                shown.add(publisher.checkStatus(OPEN_ID, "v_pub_url~v2.1").toString());

                h.clock.advance(Duration.ofMinutes(100));
                TikTokTokenRefresher refresher = h.refresher();
                shown.add(TokenRefreshJob.of(h.tokens, refresher, h.clock).refreshAll().toString());
                Credentials fresh = h.tokens.get(Target.of(TikTokPublisher.PLATFORM, OPEN_ID)).orElseThrow();
                secrets.add(fresh.accessToken());
                secrets.add(fresh.refreshToken().orElseThrow());
                shown.add(fresh.toString());
                shown.add(refresher.toString());
                shown.add(publisher.toString());
                shown.add(
                    refreshFailure(
                        TikTokTokenRefresher.builder(
                                TikTokHarness.CLIENT_KEY, TikTokHarness.CLIENT_SECRET)
                            .apiBase(h.fake.baseUri())
                            .build(),
                        "rft.revokedSecretExample"));
                shown.add(
                    refreshFailure(
                        TikTokTokenRefresher.builder("key", TikTokHarness.CLIENT_SECRET + "x")
                            .apiBase(h.fake.baseUri())
                            .build(),
                        TikTokHarness.REFRESH));
                h.fake.requests(FakeTikTok.UPLOAD).stream()
                    .map(r -> r.param("upload_token").orElseThrow())
                    .forEach(secrets::add);
                h.fake.requests().forEach(r -> shown.add(r.toString()));
                shown.add(h.fake.toString());
                h.fake.close();
                PublishResult refused = h.publish(publisher, pull);
                assertThat(refused).isInstanceOf(PublishResult.RetryLater.class);
                shown.add(refused.toString());
              }
            });

    assertThat(logs).contains("DEBUG", "PUT http://127.0.0.1", "/video/?", "oauth/token");
    assertThat(shown).hasSizeGreaterThan(20);
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(9);
    for (String secret : secrets) {
      assertThat(logs).doesNotContain(secret);
      for (String text : shown) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  private static String refreshFailure(TikTokTokenRefresher refresher, String refreshToken) {
    try {
      refresher.refresh(Target.of("tiktok", OPEN_ID), Credentials.of("act.any").withRefreshToken(refreshToken, null));
      throw new AssertionError("the refresh should have failed");
    } catch (TokenRefreshException e) {
      return e.getMessage() + " " + e;
    }
  }
}
