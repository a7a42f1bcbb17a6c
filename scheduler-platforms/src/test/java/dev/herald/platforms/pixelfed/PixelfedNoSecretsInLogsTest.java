package dev.herald.platforms.pixelfed;

import static dev.herald.platforms.LogCapture.captureStderr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs publishes and token refreshes that succeed and fail in every way with DEBUG logging on
 * (slf4j-simple writes to whatever {@code System.err} is at the time of the call; see the surefire
 * configuration in the pom), captures everything logged, and checks that no access token, refresh
 * token or client secret appears in a log line, an exception message, a result or a {@code
 * toString()}.
 */
class PixelfedNoSecretsInLogsTest {

  @TempDir Path dir;

  @Test
  void noTokenOrSecretAppearsInLogsResultsExceptionsOrToString() {
    List<String> shown = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    String logs =
        captureStderr(
            () -> {
              try (PixelfedHarness h = new PixelfedHarness(dir)) {
                PixelfedPublisher publisher =
                    h.publisher(b -> b.requestTimeout(Duration.ofMillis(150)));
                shown.add(publisher.toString());
                shown.add(h.publish(publisher, h.photo("secret-free"), "k1").toString());
                shown.add(h.publish(publisher, h.photo("secret-free"), "k1").toString());
                h.fake.inject(FakePixelfed.STATUSES, Fault.dropAfterAccept().times(1));
                shown.add(h.publish(publisher, h.photo("drop"), "k2").toString());
                h.fake.inject(FakePixelfed.STATUSES, Fault.delay(Duration.ofMillis(500)).times(1));
                shown.add(h.publish(publisher, h.photo("slow"), "k3").toString());
                h.tokens.put(Target.of(PixelfedPublisher.PLATFORM, "revoked"), Credentials.of("revoked-tok"));
                shown.add(
                    publisher
                        .publish(new PublishRequest(h.photo("x"), Target.of("pixelfed", "revoked"), "k4"))
                        .toString());

                h.clock.advance(Duration.ofDays(360));
                PixelfedTokenRefresher refresher = h.refresher(b -> b);
                shown.add(refresher.toString());
                Credentials before =
                    h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, PixelfedHarness.ACCOUNT)).orElseThrow();
                TokenRefreshJob.of(h.tokens, refresher, h.clock).refreshAll();
                Credentials after =
                    h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, PixelfedHarness.ACCOUNT)).orElseThrow();
                secrets.add(after.accessToken());
                secrets.add(after.refreshToken().orElseThrow());
                shown.add(after.toString());
                try {
                  refresher.refresh(Target.of("pixelfed", PixelfedHarness.ACCOUNT), before);
                } catch (TokenRefreshException e) {
                  shown.add(e.getMessage());
                }
                shown.add(
                    h.publish(
                            h.publisher(), Post.builder().addMedia(h.image("b.jpg")).build(), "k5")
                        .toString());
                h.fake.requests().forEach(r -> shown.add(r.toString()));
                shown.add(h.fake.toString());
                h.fake.close();
                PublishResult refused = h.publish(publisher, h.photo("refused"), "k6");
                assertThat(refused).isInstanceOf(PublishResult.RetryLater.class);
                shown.add(refused.toString());
              }
            });

    assertThat(logs).contains("DEBUG", "POST http://127.0.0.1", "/api/v1/statuses", "/oauth/token");
    assertThat(shown).hasSizeGreaterThan(12);
    String fixtureToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9";
    assertThat(Fixtures.get("pixelfed-oauth-token.json").bodyText()).contains(fixtureToken);
    secrets.addAll(
        List.of(
            PixelfedHarness.TOKEN,
            PixelfedHarness.REFRESH_TOKEN,
            PixelfedHarness.CLIENT_SECRET,
            "revoked-tok",
            fixtureToken,
            "def50200a1b2c3d4e5f6"));
    for (String secret : secrets) {
      assertThat(logs).doesNotContain(secret);
      for (String text : shown) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
