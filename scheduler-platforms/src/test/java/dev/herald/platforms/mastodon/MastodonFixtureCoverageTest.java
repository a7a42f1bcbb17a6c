package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.publish.Post;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Mastodon fixture listed in index.json is served by the fake in a real exchange. */
class MastodonFixtureCoverageTest {

  @TempDir Path dir;

  @Test
  void everyMastodonFixtureIsServed() throws Exception {
    Set<String> served = new HashSet<>();
    try (MastodonHarness h = new MastodonHarness(dir)) {
      MastodonPublisher publisher = h.publisher();
      h.publish(publisher, Post.builder().text("image").addMedia(h.image("a.jpg")).build(), "k1");
      h.publish(publisher, Post.builder().text("video").addMedia(h.video("b.mp4")).build(), "k2");
      h.publish(
          publisher,
          Post.builder().text("later").option("scheduled_at", "2026-11-21T08:00:00Z").build(),
          "k3");
      requestToken(h.fake);
      served.addAll(h.fake.servedFixtures());
    }
    for (MastodonErrorMappingTest.Case row : MastodonErrorMappingTest.cases()) {
      try (MastodonHarness h = new MastodonHarness(dir)) {
        h.fake.inject(row.route(), Fault.fixture(row.fixture()));
        h.publish(h.publisher(), row.post().apply(h), "k");
        served.addAll(h.fake.servedFixtures());
      }
    }

    List<String> all = Fixtures.forPlatform("mastodon").stream().map(Fixture::file).toList();
    assertThat(all).hasSize(19);
    assertThat(served).containsAll(all);
  }

  private static void requestToken(FakeMastodon fake) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(fake.baseUri().resolve("/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "grant_type=authorization_code&code=abc&client_id=id&client_secret=s"
                                + "&redirect_uri=urn:ietf:wg:oauth:2.0:oob"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"token_type\": \"Bearer\"");
  }
}
