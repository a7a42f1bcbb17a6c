package dev.herald.platforms.facebook;

import static dev.herald.platforms.facebook.FacebookHarness.PAGE_TOKEN;
import static dev.herald.platforms.facebook.FacebookHarness.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Facebook fixture listed in index.json is served by the fake in a real exchange. */
class FacebookFixtureCoverageTest {

  @TempDir Path dir;

  @Test
  void everyFacebookFixtureIsServed() throws Exception {
    Set<String> served = new HashSet<>();
    try (FacebookHarness h = new FacebookHarness(dir)) {
      FacebookPublisher publisher = h.publisher();
      PublishResult text = h.publish(publisher, Post.text("text"), "k1");
      h.publish(publisher, Post.builder().text("photo").addMedia(image("a.jpg")).build(), "k2");
      h.publish(
          publisher,
          Post.builder().text("photos").addMedia(image("a.jpg")).addMedia(image("b.jpg")).build(),
          "k3");
      h.publish(
          publisher,
          Post.builder().addMedia(Media.video(URI.create("https://cdn.example/v.mp4"))).build(),
          "k4");
      h.publish(publisher, Post.builder().addMedia(h.localFile("v.mp4", 100, true)).build(), "k5");
      editPost(h, ((PublishResult.Published) text).remoteId());

      FacebookTokenRefresher refresher =
          FacebookTokenRefresher.builder(FacebookHarness.APP_ID, FacebookHarness.APP_SECRET)
              .graphBaseUri(h.fake.baseUri())
              .clock(h.clock)
              .build();
      Credentials user = refresher.exchangeUserToken(FacebookHarness.USER_TOKEN);
      refresher.pages(user);
      refresher.refresh(Target.of("facebook", FacebookHarness.PAGE),
          Credentials.of(PAGE_TOKEN)
              .withRefreshToken(user.accessToken(), user.expiresAt().orElseThrow())
              .withExpiresAt(h.clock.now().plus(Duration.ofMinutes(1))));
      served.addAll(h.fake.servedFixtures());
    }
    for (FacebookErrorMappingTest.Case row : FacebookErrorMappingTest.cases()) {
      try (FacebookHarness h = new FacebookHarness(dir)) {
        h.fake.inject(row.route(), Fault.fixture(row.fixture()));
        h.publish(h.publisher(), Post.builder().text("x").addMedia(image("p.jpg")).build(), "k");
        h.publish(h.publisher(), Post.text("x"), "k");
        served.addAll(h.fake.servedFixtures());
      }
    }

    List<String> all = Fixtures.forPlatform("facebook").stream().map(Fixture::file).toList();
    assertThat(all).hasSize(19);
    assertThat(served).containsAll(all);
  }

  /** {@code POST /{page_post_id}} with a new message: the publisher does not edit posts. */
  private static void editPost(FacebookHarness h, String postId) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(h.fake.baseUri() + "/v25.0/" + postId))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "message=edited&access_token=" + PAGE_TOKEN))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"success\": true");
  }
}
