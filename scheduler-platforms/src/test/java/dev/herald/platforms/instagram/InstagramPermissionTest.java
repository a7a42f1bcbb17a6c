package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instagram's permission errors and 24/2207006 (issue 11, item 9): code 10 and 200–299 mean a
 * permission was not granted or was removed (https://developers.facebook.com/docs/graph-api/guides/error-handling),
 * remedied by re-authorising; 24/2207006 "cannot be found" is remedied, in Meta's words, by
 * generating a new container and trying again (Instagram Platform error codes reference).
 */
class InstagramPermissionTest {

  @TempDir Path dir;
  InstagramHarness h;

  @BeforeEach
  void start() {
    h = new InstagramHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aTokenWithoutPermissionOnTheAccountIsAuthExpired() {
    h.tokens.put(
        Target.of(InstagramPublisher.PLATFORM, InstagramHarness.ACCOUNT),
        Credentials.of(InstagramHarness.OTHER_TOKEN));

    PublishResult result = h.publish(h.publisher(), imagePost("Sourdough"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.AuthExpired.class, a -> assertThat(a.reason()).contains("#10"));
    assertThat(h.fake.servedFixtures()).contains("instagram-error-permission.json");
    assertThat(h.fake.ledger().size()).isZero();
  }

  @Test
  void aContainerMediaPublishCannotFindIsReplacedByANewContainer() {
    h.fake.loseNextContainers(1);

    PublishResult result = h.publish(h.publisher(), imagePost("Sourdough"), "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.containersCreated()).isEqualTo(2);
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).hasSize(2);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void containersThatCannotBeFoundAgainAndAgainEndInRetryLaterNotAuthExpired() {
    h.fake.loseNextContainers(10);

    PublishResult result = h.publish(h.publisher(), imagePost("Sourdough"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class, r -> assertThat(r.reason()).contains("2207006"));
    assertThat(h.fake.ledger().size()).isZero();
  }
}
