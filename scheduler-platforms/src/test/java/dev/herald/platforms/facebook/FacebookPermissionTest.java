package dev.herald.platforms.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.internal.http.GraphErrorServer;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph API permission errors (code 10 and 200–299: "Permission is either not granted or has been
 * removed", https://developers.facebook.com/docs/graph-api/guides/error-handling) are remedied by
 * the user granting the permission again, so they end as {@code AuthExpired}, not as a rejection of
 * the post (issue 11, item 9).
 */
class FacebookPermissionTest {

  @TempDir Path dir;

  @Test
  void aPageWhosePublishPermissionWasRemovedIsAuthExpired() {
    try (FacebookHarness h = new FacebookHarness(dir)) {
      h.fake.removePublishPermission(FacebookHarness.PAGE);

      PublishResult result = h.publish(h.publisher(), Post.text("Rolls at 8"), "k");

      assertThat(result)
          .isInstanceOfSatisfying(
              PublishResult.AuthExpired.class, a -> assertThat(a.reason()).contains("#200"));
      assertThat(h.fake.servedFixtures()).contains("facebook-error-permission.json");
      assertThat(h.fake.ledger().size()).isZero();
    }
  }

  @Test
  void codesTenAndTwoHundredToTwoNinetyNineAreAuthExpiredAndThreeIsRejected() {
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
      for (int code : new int[] {10, 200, 210, 299}) {
        assertThat(
                FacebookErrors.classify(
                    graph.response(403, code, null, false), settings, settings.clock().instant()))
            .as("code %d", code)
            .isInstanceOf(PublishResult.AuthExpired.class);
      }
      assertThat(
              FacebookErrors.classify(
                  graph.response(400, 3, null, false), settings, settings.clock().instant()))
          .isInstanceOf(PublishResult.Rejected.class);
      assertThat(
              FacebookErrors.classify(
                  graph.response(400, 300, null, false), settings, settings.clock().instant()))
          .isInstanceOf(PublishResult.Rejected.class);
    }
  }
}
