package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.WebhookSettings;
import dev.herald.scheduler.publish.WebhookSignature;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook notifier against a loopback receiver that checks every signature. */
class WebhookDeliveryTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final String SECRET = "whsec-test-4f9a";
  private static final Target ALICE = Target.of("mastodon", "alice");
  private static final Target PAGE = Target.of("facebook", "page-9");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST as the receiver saw it, and when (by the test's clock). */
  record Delivery(String eventId, String signature, String body, int answered,
      Instant receivedAt) {}

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
  private HttpServer receiver;
  private ManualClock clock;
  private FakePlatform mastodon;
  private FakePlatform facebook;
  private TestScheduler scheduler;
  private Publications posts;

  @BeforeEach
  void setUp() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks/herald", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Integer answer = answers.poll();
      int status = answer == null ? 204 : answer;
      deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Herald-Event-Id"),
          exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body, status,
          clock.instant()));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/herald");

    clock = ManualClock.at(T0);
    mastodon = new FakePlatform("mastodon", Duration.ofHours(1), 500, clock);
    facebook = new FakePlatform("facebook", Duration.ZERO, 63206, clock);
    Publishing publishing = Publishing.builder().publisher(mastodon).publisher(facebook)
        .clock(clock)
        .webhook(WebhookSettings.builder(url, SECRET).timeout(Duration.ofSeconds(5)).build())
        .build();
    scheduler = TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)
        .store(JobStore.inMemory(clock))));
    posts = publishing.client(scheduler.client());
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
    receiver.stop(0);
  }

  private void schedule(String postId, Target target) {
    posts.schedule(PostRequest.builder(postId, Post.text("text of " + postId)).target(target)
        .at(T0).build());
  }

  private JsonNode verifiedBody(Delivery delivery) throws IOException {
    assertThat(WebhookSignature.verify(SECRET, delivery.signature(), delivery.body(),
        Duration.ofMinutes(5), delivery.receivedAt())).as("signature of %s", delivery.body()).isTrue();
    return JSON.readTree(delivery.body());
  }

  private JobSnapshot eventJob(String eventId) {
    return scheduler.client().get("event/" + eventId).orElseThrow();
  }

  @Test
  void theReceiverGetsOneSignedPostPerStateChange() throws IOException {
    schedule("p1", ALICE);
    schedule("p2", ALICE);
    facebook.then(r -> PublishResult.rejected("190", "Invalid OAuth access token"));
    schedule("p3", PAGE);
    facebook.thenAcceptButLoseTheResponse();
    schedule("p4", PAGE);

    scheduler.runDue();
    scheduler.advance(Duration.ofDays(1));

    assertThat(deliveries).hasSize(4).extracting(Delivery::eventId).doesNotHaveDuplicates();
    for (Delivery delivery : deliveries) {
      JsonNode body = verifiedBody(delivery);
      assertThat(body.get("id").asText()).isEqualTo(delivery.eventId());
      assertThat(body.get("occurredAt").asText()).isEqualTo(T0.toString());
      String postId = body.get("postId").asText();
      switch (postId) {
        case "p1", "p2" -> {
          assertThat(body.get("type").asText()).isEqualTo("post.published");
          assertThat(body.get("platform").asText()).isEqualTo("mastodon");
          assertThat(body.get("account").asText()).isEqualTo("alice");
          assertThat(body.get("remoteId").asText())
              .isEqualTo(posts.status(postId).target(ALICE).remoteId().orElseThrow());
          assertThat(body.get("url").asText()).startsWith("https://mastodon.example/p/");
        }
        case "p3" -> {
          assertThat(body.get("type").asText()).isEqualTo("post.failed");
          assertThat(body.get("code").asText()).isEqualTo("190");
          assertThat(body.get("reason").asText()).isEqualTo("Invalid OAuth access token");
        }
        case "p4" -> {
          assertThat(body.get("type").asText()).isEqualTo("post.needs_review");
          assertThat(body.get("reason").asText()).contains("unknown");
          assertThat(body.has("remoteId")).isFalse();
        }
        default -> throw new AssertionError("unexpected post " + postId);
      }
    }
  }

  @Test
  void a503IsRetriedWithBackoffAndThenDeliveredOnce() throws IOException {
    answers.add(503);
    schedule("p1", ALICE);

    scheduler.runDue();
    assertThat(deliveries).singleElement().extracting(Delivery::answered).isEqualTo(503);
    String eventId = deliveries.get(0).eventId();
    assertThat(eventJob(eventId).status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(eventJob(eventId).lastError().orElseThrow()).contains("503")
        .doesNotContain(SECRET);

    scheduler.advance(Duration.ofMinutes(1));
    scheduler.advance(Duration.ofDays(1));
    assertThat(deliveries).hasSize(2).extracting(Delivery::eventId).containsOnly(eventId);
    assertThat(deliveries.get(1).answered()).isEqualTo(204);
    assertThat(verifiedBody(deliveries.get(1)).get("type").asText()).isEqualTo("post.published");
    assertThat(eventJob(eventId).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void a4xxFailsTheDeliveryForGoodWithoutRetrying() {
    answers.add(410);
    schedule("p1", ALICE);

    scheduler.runDue();
    scheduler.advance(Duration.ofDays(1));

    assertThat(deliveries).singleElement().extracting(Delivery::answered).isEqualTo(410);
    JobSnapshot job = eventJob(deliveries.get(0).eventId());
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.lastError().orElseThrow()).contains("410").contains("not retried");
  }

  @Test
  void aTooManyRequestsAnswerIsRetried() {
    answers.add(429);
    schedule("p1", ALICE);

    scheduler.runDue();
    scheduler.advance(Duration.ofDays(1));

    assertThat(deliveries).extracting(Delivery::answered).containsExactly(429, 204);
  }
}
