package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.WebhookSettings;
import dev.herald.scheduler.publish.WebhookSignature;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publication events samples of docs/publishing.md: a listener and a webhook receiver that
 * checks signatures, against the fake Mastodon server.
 */
class PublicationEventsGuideTest {
  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
  private final FakeMastodon mastodon =
      FakeMastodon.builder().account("alice", "tok-alice").start();
  private final String webhookSecret = "whsec-docs-1b7e";
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final List<String> notified = new CopyOnWriteArrayList<>();
  private HttpServer receiver;

  @AfterEach
  void close() {
    mastodon.close();
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private void notifyUser(String postId, String message) {
    notified.add(postId + ": " + message);
  }

  private void handle(String body) {
    handled.add(body);
  }

  /** The receiver side of the webhook, as an application would write it. */
  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      // tag::verify-webhook[]
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
      if (!WebhookSignature.verify(webhookSecret, signature, body, Duration.ofMinutes(5))) {
        exchange.sendResponseHeaders(401, -1);   // not from Herald, or replayed later: refuse
        return;
      }
      String eventId = exchange.getRequestHeaders().getFirst("Herald-Event-Id");
      if (seen.add(eventId)) {                   // delivered at least once: dedupe by event id
        handle(body);
      }
      exchange.sendResponseHeaders(204, -1);
      // end::verify-webhook[]
    }
  }

  @Test
  void aListenerAndTheWebhookHearOfThePublicationOnce() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks/herald", this::receive);
    receiver.start();
    URI webhookUrl =
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/herald");
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of("mastodon", "alice"), Credentials.of("tok-alice"));
    MastodonPublisher mastodonPublisher =
        MastodonPublisher.builder(mastodon.baseUri()).tokens(tokens).build();

    // tag::events[]
    Publishing publishing = Publishing.builder()
        .publisher(mastodonPublisher)
        .listener(event -> {
          switch (event.kind()) {
            case PUBLISHED -> notifyUser(event.postId(), "live at " + event.url().orElseThrow());
            case FAILED -> notifyUser(event.postId(), "refused: " + event.reason().orElseThrow());
            case NEEDS_REVIEW -> notifyUser(event.postId(), "please check " + event.target());
            case RATE_LIMITED -> { }                  // retried by itself at event.until()
          }
        })
        .webhook(WebhookSettings.builder(webhookUrl, webhookSecret).build())
        .build();
    // end::events[]

    try (TestScheduler scheduler =
        TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)))) {
      Publications posts = publishing.client(scheduler.client());
      posts.schedule(PostRequest.builder("p1", Post.text("Hello")).target("mastodon", "alice")
          .build());
      scheduler.runDue();
      scheduler.advance(Duration.ofDays(1));

      String remoteId = mastodon.ledger().entries().get(0).remoteId();
      assertThat(notified).singleElement().asString().startsWith("p1: live at ")
          .endsWith(remoteId);
      assertThat(handled).singleElement().asString()
          .contains("\"type\":\"post.published\"")
          .contains("\"remoteId\":\"" + remoteId + "\"");
    }
  }

  @Test
  void theReceiverRefusesAForgedDelivery() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks/herald", this::receive);
    receiver.start();
    String body = "{\"id\":\"e1\",\"type\":\"post.published\"}";
    HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/herald"))
        .header(WebhookSignature.HEADER,
            WebhookSignature.sign("not-the-secret", Instant.now(), body))
        .header("Herald-Event-Id", "e1")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(handled).isEmpty();
  }
}
