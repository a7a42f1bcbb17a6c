package dev.herald.platforms.instagram;

import static dev.herald.platforms.LogCapture.captureStderr;
import static dev.herald.platforms.instagram.InstagramHarness.TOKEN;
import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Instagram publishes and token refreshes that succeed and fail in every way with DEBUG
 * logging on, captures everything logged, and checks that no token (configured, refreshed or
 * exchanged) and no app secret appears in a log line, a result, an exception message or a {@code
 * toString()}. The Graph API carries {@code access_token} in the query and the body, and the upload
 * host takes {@code Authorization: OAuth}: every one of them is registered as a request secret.
 */
class InstagramNoSecretsInLogsTest {

  static final String SECRET = "ig-app-secret-never-shown";
  static final String OLD = "IGQWRsecret-old-token-for-refresh";

  @TempDir Path dir;

  @Test
  void noTokenAppearsInLogsResultsExceptionsOrToString() {
    List<String> shown = new ArrayList<>();
    List<String> secrets =
        new ArrayList<>(List.of(TOKEN, InstagramHarness.OTHER_TOKEN, SECRET, OLD));
    String logs =
        captureStderr(
            () -> {
              try (InstagramHarness h =
                  new InstagramHarness(
                      dir,
                      b ->
                          b.token(
                                  "1",
                                  OLD,
                                  Instant.parse("2026-11-01T00:00:00Z"),
                                  Duration.ofDays(60))
                              .appSecret(SECRET))) {
                InstagramPublisher publisher =
                    h.publisher(b -> b.requestTimeout(Duration.ofSeconds(1)));
                shown.add(publisher.toString());
                shown.add(h.publish(publisher, imagePost("ok"), "k1").toString());
                shown.add(
                    h.publish(
                            publisher, Post.builder().addMedia(h.localVideo("v.mp4")).build(), "k2")
                        .toString());
                h.fake.inject(FakeInstagram.PUBLISH, Fault.dropAfterAccept().times(1));
                shown.add(h.publish(publisher, imagePost("dropped"), "k3").toString());
                h.fake.inject(FakeInstagram.PUBLISH, Fault.delay(Duration.ofSeconds(3)).times(1));
                shown.add(h.publish(publisher, imagePost("slow"), "k4").toString());
                h.fake.inject(
                    FakeInstagram.CREATE,
                    Fault.fixture("instagram-error-fetch-failed.json").times(2));
                shown.add(h.publish(publisher, imagePost("fetch"), "k5").toString());
                h.fake.expireToken(TOKEN);
                shown.add(h.publish(publisher, imagePost("revoked"), "k6").toString());

                InstagramTokenRefresher refresher =
                    InstagramTokenRefresher.builder()
                        .baseUri(h.fake.baseUri())
                        .clock(h.clock)
                        .appSecret(SECRET)
                        .build();
                shown.add(refresher.toString());
                Credentials refreshed = refresher.refresh(Target.of("instagram", "1"), Credentials.of(OLD));
                shown.add(refreshed.toString());
                shown.add(refresher.exchange("1", OLD).toString());
                shown.add(
                    exceptionOf(
                        () -> refresher.refresh(Target.of("instagram", InstagramHarness.ACCOUNT), Credentials.of(TOKEN))));
                h.tokens.put(Target.of("instagram", "1"), Credentials.of(refreshed.accessToken())
                        .issuedAt(h.clock.now().minus(Duration.ofDays(8)), Duration.ofDays(60)));
                h.tokens.put(Target.of("instagram", "x"), Credentials.of(TOKEN)
                        .issuedAt(h.clock.now().minus(Duration.ofDays(8)), Duration.ofDays(60)));
                TokenRefreshJob.of(h.tokens, refresher, h.clock).refreshAll();
                secrets.addAll(h.fake.issuedTokens());
                h.fake.requests().forEach(r -> shown.add(r.toString()));
                shown.add(h.fake.toString());
                h.tokens
                    .targets("instagram")
                    .forEach(t -> shown.add(h.tokens.get(t).orElseThrow().toString()));
                h.fake.close();
                shown.add(h.publish(publisher, imagePost("refused"), "k7").toString());
                shown.add(exceptionOf(() -> refresher.refresh(Target.of("instagram", "1"), Credentials.of(OLD))));
              }
            });

    assertThat(logs).contains("DEBUG", "/media_publish", "access_token=<redacted>");
    assertThat(shown).hasSizeGreaterThan(20);
    assertThat(secrets).hasSizeGreaterThan(5);
    for (String secret : secrets) {
      assertThat(logs).doesNotContain(secret);
      assertThat(shown).allSatisfy(text -> assertThat(text).doesNotContain(secret));
    }
  }

  private static String exceptionOf(Runnable action) {
    try {
      action.run();
      return "no exception";
    } catch (TokenRefreshException e) {
      return e.getMessage() + " " + e;
    }
  }
}
