package dev.herald.platforms.mastodon;

import static dev.herald.platforms.LogCapture.captureStderr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixtures;
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
 * Runs publishes that succeed and fail in every way with DEBUG logging on (slf4j-simple, which
 * writes to whatever {@code System.err} is at the time of the call: see the surefire configuration
 * in the pom), captures everything logged, and checks that no token appears in a log line, an
 * exception message carried into a result, or a {@code toString()}.
 */
class NoSecretsInLogsTest {

  @TempDir Path dir;

  @Test
  void noTokenAppearsInLogsResultsOrToString() {
    List<String> shown = new ArrayList<>();
    String logs =
        captureStderr(
            () -> {
              try (MastodonHarness h = new MastodonHarness(dir, b -> b.asyncUploads(true))) {
                MastodonPublisher publisher =
                    h.publisher(b -> b.requestTimeout(Duration.ofMillis(150)));
                Post post = Post.builder().text("secret-free").addMedia(h.image("a.jpg")).build();
                shown.add(h.publish(publisher, post, "k1").toString());
                h.fake.inject(FakeMastodon.STATUSES, Fault.dropAfterAccept().times(1));
                shown.add(h.publish(publisher, Post.text("drop"), "k2").toString());
                h.fake.inject(FakeMastodon.STATUSES, Fault.delay(Duration.ofMillis(500)).times(1));
                shown.add(h.publish(publisher, Post.text("slow"), "k3").toString());
                h.fake.inject(
                    FakeMastodon.STATUSES, Fault.fixture("mastodon-error-401.json").times(1));
                shown.add(h.publish(publisher, Post.text("revoked"), "k4").toString());
                h.fake.requests().forEach(r -> shown.add(r.toString()));
                shown.add(h.fake.toString());
                shown.add(
                    h.tokens
                        .get(Target.of(MastodonPublisher.PLATFORM, MastodonHarness.ACCOUNT))
                        .orElseThrow()
                        .toString());
                shown.add(
                    Credentials.of("tok").withRefreshToken(MastodonHarness.TOKEN, null).toString());
                h.fake.close();
                PublishResult refused = h.publish(publisher, Post.text("refused"), "k5");
                assertThat(refused).isInstanceOf(PublishResult.RetryLater.class);
                shown.add(refused.toString());
              }
            });

    assertThat(logs).contains("DEBUG", "POST http://127.0.0.1", "/api/v1/statuses");
    assertThat(logs)
        .as("logged under the adapter's public category, never an internal class name")
        .contains("DEBUG dev.herald.platforms.mastodon - mastodon POST http://127.0.0.1")
        .contains("DEBUG dev.herald.platforms.testing - fake mastodon")
        .doesNotContainPattern("(TRACE|DEBUG|INFO|WARN|ERROR) dev\\.herald\\.\\S*internal");
    assertThat(shown).hasSizeGreaterThan(10);
    String oauthToken = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
    assertThat(Fixtures.get("mastodon-oauth-token.json").bodyText()).contains(oauthToken);
    for (String text : shown) {
      assertThat(text).doesNotContain(MastodonHarness.TOKEN).doesNotContain(oauthToken);
    }
    assertThat(logs)
        .doesNotContain(MastodonHarness.TOKEN)
        .doesNotContain(MastodonHarness.READ_ONLY_TOKEN);
  }
}
