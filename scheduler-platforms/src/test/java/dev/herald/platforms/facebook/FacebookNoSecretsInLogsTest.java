package dev.herald.platforms.facebook;

import static dev.herald.platforms.LogCapture.captureStderr;
import static dev.herald.platforms.facebook.FacebookHarness.APP_SECRET;
import static dev.herald.platforms.facebook.FacebookHarness.PAGE;
import static dev.herald.platforms.facebook.FacebookHarness.PAGE_TOKEN;
import static dev.herald.platforms.facebook.FacebookHarness.USER_TOKEN;
import static dev.herald.platforms.facebook.FacebookHarness.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Facebook publishes, uploads, onboarding and token derivation that succeed and fail with
 * DEBUG logging on, and checks that no Page token, user token (short or long-lived) or app secret
 * appears in a log line, a result, an exception message or a {@code toString()}.
 */
class FacebookNoSecretsInLogsTest {

  @TempDir Path dir;

  @Test
  void noTokenAppearsInLogsResultsExceptionsOrToString() {
    List<String> shown = new ArrayList<>();
    List<String> secrets = new ArrayList<>(List.of(PAGE_TOKEN, USER_TOKEN, APP_SECRET));
    String logs =
        captureStderr(
            () -> {
              try (FacebookHarness h = new FacebookHarness(dir, b -> b.pageCallBudget(12))) {
                FacebookPublisher publisher =
                    h.publisher(b -> b.requestTimeout(Duration.ofSeconds(1)));
                shown.add(publisher.toString());
                shown.add(h.publish(publisher, Post.text("hello"), "k1").toString());
                shown.add(h.publish(publisher, Post.text("hello"), "k2").toString());
                shown.add(
                    h.publish(
                            publisher,
                            Post.builder().addMedia(h.localFile("p.jpg", 100, false)).build(),
                            "k3")
                        .toString());
                shown.add(
                    h.publish(
                            publisher,
                            Post.builder().addMedia(h.localFile("v.mp4", 100, true)).build(),
                            "k4")
                        .toString());
                h.fake.inject(FakeFacebook.FEED, Fault.dropAfterAccept().times(1));
                shown.add(h.publish(publisher, Post.text("dropped"), "k5").toString());
                h.fake.inject(FakeFacebook.PHOTOS, Fault.delay(Duration.ofSeconds(3)).times(1));
                shown.add(
                    h.publish(
                            publisher,
                            Post.builder().text("slow").addMedia(image("a.jpg")).build(),
                            "k6")
                        .toString());
                for (int i = 0; i < 4; i++) {
                  shown.add(h.publish(publisher, Post.text("burst " + i), "b" + i).toString());
                }

                FacebookTokenRefresher refresher =
                    FacebookTokenRefresher.builder(FacebookHarness.APP_ID, APP_SECRET)
                        .graphBaseUri(h.fake.baseUri())
                        .clock(h.clock)
                        .build();
                shown.add(refresher.toString());
                Credentials user = refresher.exchangeUserToken(USER_TOKEN);
                shown.add(user.toString());
                refresher.pages(user).forEach(p -> shown.add(p.toString()));
                h.tokens.put(Target.of("facebook", PAGE), Credentials.of(PAGE_TOKEN)
                        .withRefreshToken(USER_TOKEN, null)
                        .withExpiresAt(h.clock.now().plusSeconds(60)));
                TokenRefreshJob.of(h.tokens, refresher, h.clock).refreshAll();
                h.fake.revokeToken(USER_TOKEN);
                shown.add(exceptionOf(() -> refresher.exchangeUserToken(USER_TOKEN)));
                shown.add(
                    exceptionOf(
                        () ->
                            refresher.refresh(Target.of("facebook", PAGE),
                                Credentials.of(PAGE_TOKEN).withRefreshToken(USER_TOKEN, null))));
                h.fake.revokeToken(PAGE_TOKEN);
                h.tokens.put(Target.of("facebook", PAGE), Credentials.of(PAGE_TOKEN));
                shown.add(h.publish(publisher, Post.text("revoked"), "k7").toString());
                secrets.addAll(h.fake.issuedTokens());
                h.fake.requests().forEach(r -> shown.add(r.toString()));
                shown.add(h.fake.toString());
                h.fake.close();
                shown.add(h.publish(publisher, Post.text("refused"), "k8").toString());
                shown.add(exceptionOf(() -> refresher.exchangeUserToken(USER_TOKEN)));
              }
            });

    assertThat(logs)
        .contains("DEBUG", "/feed", "access_token=<redacted>", "fb_exchange_token=<redacted>");
    assertThat(shown).hasSizeGreaterThan(20);
    assertThat(secrets).hasSizeGreaterThan(4);
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
