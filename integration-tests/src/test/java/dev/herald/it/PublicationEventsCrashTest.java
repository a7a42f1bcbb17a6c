package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.jdbc.TestDatabase;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PublicationEvent;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node is killed after a batch of publications and their events are stored and before the
 * webhook was called (issue 10): after recovery by another node, a listener and a webhook receiver
 * that checks every signature get each published, failed and needs-review event exactly once, and
 * no platform got a post twice.
 */
@Timeout(180)
class PublicationEventsCrashTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Target ALICE = Target.of("mastodon", Node.MASTODON_ACCOUNT);
  private static final Target PAGE = Target.of("facebook", Node.FACEBOOK_PAGE);
  private static final List<String> PUBLISHED = List.of("ev-1", "ev-2", "ev-3", "ev-4");
  private static final String TOO_LONG = "ev-5";
  private static final String LOST = "ev-6";
  /** The fake Mastodon takes 100 characters; the publisher, not told so, allows Mastodon's 500. */
  private static final int FAKE_MAX_CHARACTERS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST as the receiver saw it, its signature checked on arrival. */
  record Delivery(String eventId, String signature, String body, boolean verified) {}

  /** What one event reports: the receiver must get each exactly once. */
  record Change(String postId, String platform, String account, String type) {}

  @TempDir
  Path dir;

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<PublicationEvent> heard = new CopyOnWriteArrayList<>();
  private HttpServer receiver;
  private URI webhook;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks/herald", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
      deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Herald-Event-Id"),
          signature, body, WebhookSignature.verify(CrashingEventNodeMain.SECRET, signature, body,
              Duration.ofMinutes(5))));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    webhook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/herald");
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void onH2EveryEventIsDeliveredOnceAfterTheNodeDiedBeforeTheWebhook() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("herald") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    eventsSurviveACrash(url, "sa", "");
  }

  @Test
  void onPostgresqlEveryEventIsDeliveredOnceAfterTheNodeDiedBeforeTheWebhook() throws Exception {
    TestDatabase.POSTGRESQL.dataSource(); // skips, or fails under CI, if unreachable
    eventsSurviveACrash("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
  }

  private void eventsSurviveACrash(String url, String user, String password) throws Exception {
    try (FakeMastodon mastodon = FakeMastodon.builder()
            .account(Node.MASTODON_ACCOUNT, Node.MASTODON_TOKEN)
            .maxCharacters(FAKE_MAX_CHARACTERS).withoutConfiguration().start();
        FakeFacebook facebook = FakeFacebook.builder()
            .page(Node.FACEBOOK_PAGE, "Herald Page", Node.FACEBOOK_TOKEN).start()) {
      // the one Facebook post goes out and its response is lost, and the feed cannot be read to
      // find it: its outcome is unknown, and Facebook does not deduplicate
      facebook.inject(FakeFacebook.FEED, Fault.dropAfterAccept().times(1));
      // the feed refuses to be read (403): the publisher cannot tell, so the post needs review
      facebook.inject(FakeFacebook.FEED_LIST, Fault.status(403));
      Node node = new Node(url, user, password, TestDatabase.uniquePrefix("crashev"),
          mastodon.baseUri(), facebook.baseUri());
      try (HikariDataSource pool = node.pool(4)) {
        JdbcJobStore store = node.store(pool);
        SchedulerClient client = SchedulerClient.create(store);
        Publishing publishing =
            node.publishing(UnaryOperator.identity(), CrashingEventNodeMain.withEvents(webhook,
                heard::add));
        Publications posts = publishing.client(client);
        scheduleTheBatch(posts);

        List<String> props = new ArrayList<>(node.asProperties());
        props.add("-D" + CrashingEventNodeMain.WEBHOOK_PROPERTY + "=" + webhook);
        ChildJvm child = ChildJvm.start(CrashingEventNodeMain.class, props);
        assertThat(child.awaitExit(PATIENCE)).as(child.output())
            .isEqualTo(CrashingEventNodeMain.HALTED);

        // killed with every state and event stored, during a delivery, before any webhook call
        assertStates(posts);
        assertThat(deliveries).as("no webhook call before the kill").isEmpty();
        List<JobSnapshot> eventJobs = eventJobs(client);
        assertThat(eventJobs).hasSize(6).extracting(JobSnapshot::status)
            .doesNotContain(JobStatus.COMPLETED);
        List<String> cutShort = eventJobs.stream()
            .filter(j -> j.leaseOwner().filter(CrashingEventNodeMain.NODE_ID::equals).isPresent())
            .map(JobSnapshot::id).toList();
        assertThat(cutShort).as("event jobs the dead node held").isNotEmpty();
        assertThat(mastodon.ledger().entries()).hasSize(PUBLISHED.size());
        assertThat(facebook.ledger().entries()).hasSize(1);

        try (Scheduler survivor = node.scheduler(store, publishing, "survivor").start()) {
          await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventJobs(client))
              .as("event jobs after recovery").extracting(JobSnapshot::status)
              .containsOnly(JobStatus.COMPLETED));
        }

        assertTheReceiverGotEachChangeOnce(posts);
        assertThat(eventJobs(client)).extracting(JobSnapshot::id).as("one POST per stored event")
            .containsExactlyInAnyOrderElementsOf(
                deliveries.stream().map(d -> "event/" + d.eventId()).toList());
        assertTheListenerHeardEachChangeOnce();
        for (String id : cutShort) {
          assertThat(client.history(id, 0, 10).items()).extracting(JobAttempt::outcome)
              .as("recovered from the dead node's lease")
              .containsExactly(JobAttempt.Outcome.SUCCEEDED, JobAttempt.Outcome.LEASE_EXPIRED);
        }
        assertStates(posts);
        List<LedgerEntry> ledger = mastodon.ledger().entries();
        assertThat(ledger).as("one status per published post on Mastodon, none re-sent")
            .hasSize(PUBLISHED.size());
        assertThat(ledger).extracting(LedgerEntry::remoteId).containsExactlyInAnyOrderElementsOf(
            PUBLISHED.stream().map(id -> posts.status(id).target(ALICE).remoteId().orElseThrow())
                .toList());
        assertThat(facebook.ledger().entries()).as("the unknown post not sent again").hasSize(1);
        assertThat(facebook.requests(FakeFacebook.FEED)).hasSize(1);
      }
    }
  }

  private static void scheduleTheBatch(Publications posts) {
    for (String id : PUBLISHED) {
      posts.schedule(PostRequest.builder(id, Post.text("Event batch, post " + id)).target(ALICE)
          .build());
    }
    posts.schedule(PostRequest.builder(TOO_LONG, Post.text("x".repeat(FAKE_MAX_CHARACTERS * 2)))
        .target(ALICE).build());
    posts.schedule(PostRequest.builder(LOST, Post.text("Outcome unknown")).target(PAGE).build());
  }

  private static void assertStates(Publications posts) {
    for (String id : PUBLISHED) {
      assertThat(posts.status(id).target(ALICE).state()).as(id).isEqualTo(TargetState.PUBLISHED);
    }
    assertThat(posts.status(TOO_LONG).target(ALICE).state()).isEqualTo(TargetState.FAILED);
    assertThat(posts.status(LOST).target(PAGE).state()).isEqualTo(TargetState.NEEDS_REVIEW);
  }

  private static List<JobSnapshot> eventJobs(SchedulerClient client) {
    return client.list(JobQuery.builder().type(Publishing.EVENT_TYPE).build()).items();
  }

  private void assertTheReceiverGotEachChangeOnce(Publications posts) throws IOException {
    assertThat(deliveries).as("one POST per event").hasSize(6)
        .extracting(Delivery::eventId).doesNotHaveDuplicates();
    assertThat(deliveries).as("every signature verifies").allMatch(Delivery::verified);
    assertThat(WebhookSignature.verify("another-secret", deliveries.get(0).signature(),
        deliveries.get(0).body(), Duration.ofMinutes(5))).as("checked with the secret").isFalse();
    Map<Change, JsonNode> byChange = new LinkedHashMap<>();
    for (Delivery delivery : deliveries) {
      JsonNode body = JSON.readTree(delivery.body());
      assertThat(body.get("id").asText()).isEqualTo(delivery.eventId());
      Change change = new Change(body.get("postId").asText(), body.get("platform").asText(),
          body.get("account").asText(), body.get("type").asText());
      assertThat(byChange.put(change, body)).as("a second POST for %s", change).isNull();
    }
    Set<Change> expected = new HashSet<>();
    for (String id : PUBLISHED) {
      expected.add(new Change(id, "mastodon", Node.MASTODON_ACCOUNT, "post.published"));
    }
    expected.add(new Change(TOO_LONG, "mastodon", Node.MASTODON_ACCOUNT, "post.failed"));
    expected.add(new Change(LOST, "facebook", Node.FACEBOOK_PAGE, "post.needs_review"));
    assertThat(byChange.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    for (String id : PUBLISHED) {
      JsonNode body = byChange.get(
          new Change(id, "mastodon", Node.MASTODON_ACCOUNT, "post.published"));
      assertThat(body.get("remoteId").asText())
          .isEqualTo(posts.status(id).target(ALICE).remoteId().orElseThrow());
    }
    JsonNode failed = byChange.get(
        new Change(TOO_LONG, "mastodon", Node.MASTODON_ACCOUNT, "post.failed"));
    assertThat(failed.get("code").asText()).isEqualTo("422");
    JsonNode review = byChange.get(
        new Change(LOST, "facebook", Node.FACEBOOK_PAGE, "post.needs_review"));
    assertThat(review.get("reason").asText()).contains("unknown");
    assertThat(review.has("remoteId")).isFalse();
  }

  private void assertTheListenerHeardEachChangeOnce() {
    assertThat(heard).as("the survivor's listener").hasSize(6)
        .extracting(PublicationEvent::eventId).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            deliveries.stream().map(Delivery::eventId).toList());
    Map<String, PublicationEvent.Kind> kinds = heard.stream().collect(
        Collectors.toMap(PublicationEvent::postId, PublicationEvent::kind));
    Map<String, PublicationEvent.Kind> expected = new LinkedHashMap<>();
    PUBLISHED.forEach(id -> expected.put(id, PublicationEvent.Kind.PUBLISHED));
    expected.put(TOO_LONG, PublicationEvent.Kind.FAILED);
    expected.put(LOST, PublicationEvent.Kind.NEEDS_REVIEW);
    assertThat(kinds).isEqualTo(expected);
    assertThat(heard).filteredOn(e -> e.postId().equals(LOST)).extracting(PublicationEvent::target)
        .containsExactly(PAGE);
  }
}
