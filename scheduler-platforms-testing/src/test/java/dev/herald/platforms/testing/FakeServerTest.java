package dev.herald.platforms.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeServerTest {

  final EchoFake fake = new EchoFake();
  final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void listensOnLoopbackAndRoutesPlaceholders() throws Exception {
    assertThat(fake.baseUri().getHost()).isEqualTo("127.0.0.1");
    HttpResponse<String> response = get("/users/alice/posts/42");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"user\":\"alice\",\"post\":\"42\"}");
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    assertThat(fake.requests())
        .extracting(Object::toString)
        .containsExactly("GET /users/alice/posts/42", "GET /nowhere");
  }

  @Test
  void servesFixturesWithTheirStatusAndHeadersAndRecordsThem() throws Exception {
    HttpResponse<String> response = get("/fixture/mastodon-error-429.json");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("X-RateLimit-Reset"))
        .contains("2026-11-20T13:00:00.000000Z");
    assertThat(response.body()).isEqualTo(Fixtures.get("mastodon-error-429.json").bodyText());
    assertThat(fake.servedFixtures()).containsExactly("mastodon-error-429.json");
  }

  @Test
  void faultsApplyPerRouteAndOnlyTheGivenNumberOfTimes() throws Exception {
    fake.inject("GET /users/{user}/posts/{post}", Fault.status(503).times(2));

    assertThat(get("/users/a/posts/1").statusCode()).isEqualTo(503);
    assertThat(get("/fixture/mastodon-error-404.json").statusCode()).isEqualTo(404);
    assertThat(get("/users/a/posts/1").statusCode()).isEqualTo(503);
    assertThat(get("/users/a/posts/1").statusCode()).isEqualTo(200);
  }

  @Test
  void limitedFaultsQueueUpInTheOrderInjected() throws Exception {
    fake.inject(Fault.status(503).times(1));
    fake.inject(Fault.status(500).times(1));

    assertThat(get("/users/a/posts/1").statusCode()).isEqualTo(503);
    assertThat(get("/users/a/posts/1").statusCode()).isEqualTo(500);
    assertThat(get("/users/a/posts/1").statusCode()).isEqualTo(200);
  }

  @Test
  void rateLimitFaultsCarryRetryAfter() throws Exception {
    fake.inject(Fault.rateLimited(Duration.ofSeconds(90)));

    HttpResponse<String> response = get("/users/a/posts/1");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("90");
    fake.clearFaults();
    assertThat(get("/users/a/posts/1").statusCode()).isEqualTo(200);
  }

  @Test
  void dropAfterAcceptRecordsThePublishThenClosesTheConnection() {
    fake.inject("POST /publish", Fault.dropAfterAccept());

    assertThatThrownBy(() -> post("/publish", "text=hello")).isInstanceOf(IOException.class);
    assertThat(fake.ledger().entries())
        .singleElement()
        .satisfies(e -> assertThat(e.text()).isEqualTo("hello"));
  }

  @Test
  void dropBeforeAcceptPublishesNothing() {
    fake.inject("POST /publish", Fault.dropBeforeAccept());

    assertThatThrownBy(() -> post("/publish", "text=hello")).isInstanceOf(IOException.class);
    assertThat(fake.ledger().size()).isZero();
    assertThat(fake.requests("POST /publish")).hasSize(1);
  }

  @Test
  void theIndexListsEveryFixtureAndEachIsReadable() {
    // every fixture file beside the index is listed in it, and nothing else
    Path dir = Path.of("src/main/resources/dev/herald/platforms/testing/fixtures");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(Fixtures.all()).extracting(Fixture::file).containsExactlyInAnyOrderElementsOf(
          files.map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".json") && !n.equals("index.json")).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(Fixtures.all()).allSatisfy(f -> assertThat(f.body()).isNotEmpty());
    assertThat(Fixtures.forPlatform("tiktok")).hasSize(28);
    assertThat(Fixtures.get("mastodon-status-created.json").headers())
        .containsKey("X-RateLimit-Reset");
    assertThatThrownBy(() -> Fixtures.get("nope.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.json");
  }

  @Test
  void rejectsMalformedRoutes() {
    assertThatThrownBy(() -> fake.inject("/no-method", Fault.status(500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return fake.baseUri().resolve(path);
  }
}
