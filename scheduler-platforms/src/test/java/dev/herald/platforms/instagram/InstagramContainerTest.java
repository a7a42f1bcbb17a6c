package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.ACCOUNT;
import static dev.herald.platforms.instagram.InstagramHarness.TOKEN;
import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static dev.herald.platforms.instagram.InstagramHarness.video;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container lifecycle: polling until FINISHED, never publishing before it,
 * recreating expired containers, container errors, and resuming the same container on a retry.
 */
class InstagramContainerTest {

  @TempDir Path dir;
  InstagramHarness h;

  @BeforeEach
  void start() {
    h = new InstagramHarness(dir, b -> b.videoPolls(6));
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void mediaPublishIsNeverSentBeforeTheContainerReadsFinished() {
    Post reel = Post.builder().text("slow").addMedia(video("slow.mp4")).build();

    PublishResult result = h.publish(h.publisher(), reel, "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.prematurePublishes()).isZero();
    List<FakeRequest> requests = h.fake.requests();
    int publish = indexOf(requests, "POST /v25.0/" + ACCOUNT + "/media_publish");
    assertThat(requests.subList(0, publish))
        .filteredOn(r -> r.path().equals("/v25.0/17889455560051444"))
        .hasSize(7);
    assertThat(h.clock.now()).isEqualTo(Instant.parse("2026-11-20T12:00:30Z"));
  }

  @Test
  void theFakeRefusesAnEarlyPublishWithMediaNotReady() throws Exception {
    h.publisher();
    HttpClient client = HttpClient.newHttpClient();
    String created =
        post(
                client,
                "/v25.0/" + ACCOUNT + "/media",
                "video_url=https://cdn.example/v.mp4" + "&media_type=REELS&access_token=" + TOKEN)
            .body();
    assertThat(created).contains("17889455560051444");

    HttpResponse<String> early =
        post(
            client,
            "/v25.0/" + ACCOUNT + "/media_publish",
            "creation_id=17889455560051444&access_token=" + TOKEN);

    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(early.body()).contains("2207027");
    assertThat(h.fake.prematurePublishes()).isEqualTo(1);
    assertThat(h.fake.servedFixtures()).contains("instagram-error-media-not-ready.json");
  }

  @Test
  void aNotReadyAnswerToAFinishedContainerIsPolledAgainThenPublished() {
    h.fake.notReadyOnNextPublishes(1);

    PublishResult result = h.publish(h.publisher(), imagePost("lagging"), "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).hasSize(2);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void anExpiredContainerIsRecreatedAndTheNewOnePublished() {
    h.fake.expireNextContainers(1);

    PublishResult result = h.publish(h.publisher(), imagePost("expired once"), "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.containersCreated()).isEqualTo(2);
    assertThat(h.fake.containerStatus("17889455560051444")).contains("EXPIRED");
    assertThat(h.fake.requests(FakeInstagram.PUBLISH))
        .singleElement()
        .satisfies(r -> assertThat(r.param("creation_id")).contains("17889455560051445"));
    assertThat(h.fake.servedFixtures()).contains("instagram-container-status-expired.json");
  }

  @Test
  void containersThatKeepExpiringEndInRetryLaterAfterTheConfiguredSets() {
    h.fake.expireNextContainers(5);

    PublishResult result = h.publish(h.publisher(b -> b.maxContainerSets(3)), imagePost("x"), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("expired", "3 container set(s)"));
    assertThat(h.fake.containersCreated()).isEqualTo(3);
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).isEmpty();
  }

  @Test
  void aContainerInErrorWithAPermanentSubcodeIsRejectedWithIt() {
    h.fake.failNextContainers(1, 2207026);

    PublishResult result =
        h.publish(h.publisher(), Post.builder().addMedia(video("bad.avi.mp4")).build(), "k");

    assertThat(result)
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("ERROR/2207026"));
    assertThat(h.fake.servedFixtures()).contains("instagram-container-status-error.json");
    assertThat(h.fake.requests(FakeInstagram.PUBLISH)).isEmpty();
  }

  @Test
  void aContainerInErrorWithATransientSubcodeIsRecreated() {
    h.fake.failNextContainers(1, 2207001);

    PublishResult result = h.publish(h.publisher(), imagePost("retry me"), "k");

    assertThat(result).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.containersCreated()).isEqualTo(2);
  }

  @Test
  void aRetryOfTheSamePublishPollsTheSameContainerInsteadOfCreatingAnother() {
    Post reel = Post.builder().text("patience").addMedia(video("long.mp4")).build();
    InstagramPublisher impatient = h.publisher(b -> b.containerPolling(Duration.ofSeconds(5), 4));

    PublishResult first = h.publish(impatient, reel, "same-key");
    PublishResult second = h.publish(impatient, reel, "same-key");

    assertThat(first)
        .isInstanceOfSatisfying(
            PublishResult.RetryLater.class,
            r -> assertThat(r.reason()).contains("still IN_PROGRESS after 4 polls"));
    assertThat(second).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.containersCreated()).isEqualTo(1);
    assertThat(h.fake.prematurePublishes()).isZero();
  }

  @Test
  void aContainerWhosePublishWasRefusedForGoodIsForgotten() {
    h.fake.inject(
        FakeInstagram.PUBLISH, Fault.fixture("instagram-error-spam-restricted.json").times(1));
    InstagramPublisher publisher = h.publisher();

    PublishResult refused = h.publish(publisher, imagePost("blocked"), "key");
    PublishResult again = h.publish(publisher, imagePost("blocked"), "key");

    assertThat(refused).isInstanceOf(PublishResult.Rejected.class);
    assertThat(again).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.containersCreated()).isEqualTo(2);
  }

  @Test
  void aRememberedContainerOlderThanADayIsForgottenAndANewOneCreated() {
    Post reel = Post.builder().text("tomorrow").addMedia(video("v.mp4")).build();
    InstagramPublisher impatient = h.publisher(b -> b.containerPolling(Duration.ofSeconds(5), 2));
    h.publish(impatient, reel, "key");

    h.clock.advance(Duration.ofHours(25));
    PublishResult later = h.publish(h.publisher(), reel, "key");

    assertThat(later).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.containersCreated()).isEqualTo(2);
    assertThat(h.fake.containerStatus("17889455560051444")).contains("EXPIRED");
  }

  private HttpResponse<String> post(HttpClient client, String path, String form) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(h.fake.baseUri() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int indexOf(List<FakeRequest> requests, String route) {
    for (int i = 0; i < requests.size(); i++) {
      if ((requests.get(i).method() + " " + requests.get(i).path()).equals(route)) {
        return i;
      }
    }
    throw new AssertionError("no " + route + " in " + requests);
  }
}
