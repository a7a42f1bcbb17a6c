package dev.herald.docs.microblog;

// tag::publisher-class[]
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.TextLength;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes to Microblog. One instance serves every account and every worker thread; it is
 * threadsafe because its fields are immutable and HttpClient is threadsafe.
 */
public final class MicroblogPublisher implements PlatformPublisher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PlatformCapabilities CAPABILITIES = PlatformCapabilities.builder("microblog")
      .maxTextLength(500, TextLength.codePoints())
      .media(0, 4, MediaKind.IMAGE)
      .mimeTypes("image/jpeg", "image/png")
      .idempotencyWindow(Duration.ofHours(24))   // a repeated key is answered with the first post
      .build();

  private final URI api;
  private final TokenStore tokens;
  private final InstantSource clock;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  public MicroblogPublisher(URI api, TokenStore tokens, InstantSource clock) {
    this.api = api;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public String platform() {
    return "microblog";                          // the platform of the posts' targets
  }

  @Override
  public PlatformCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<PostViolation> validate(Post post) {   // no network: runs when a post is scheduled
    List<PostViolation> violations = new ArrayList<>(CAPABILITIES.validate(post));
    for (int i = 0; i < post.media().size(); i++) {
      if (post.media().get(i).isLocalFile()) {
        violations.add(new PostViolation("microblog", "media[" + i + "]",
            "media[" + i + "] is a local file; Microblog fetches images from https: URLs"));
      }
    }
    return violations;
  }
  // end::publisher-class[]

  // tag::publish[]
  @Override
  public PublishResult publish(PublishRequest request) {
    Optional<Credentials> credentials = tokens.get(request.target());
    if (credentials.isEmpty()) {
      return PublishResult.authExpired("no credentials for " + request.target());
    }
    HttpRequest call = HttpRequest.newBuilder(api.resolve("/api/posts"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + credentials.get().accessToken())
        .header("Idempotency-Key", request.idempotencyKey())   // the same for every retry
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body(request.post())))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(call, BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      return PublishResult.retryLater(Duration.ofMinutes(1), "not connected: nothing was sent");
    } catch (IOException e) {                    // a timeout or a dropped connection after sending
      return PublishResult.unknown("no answer from Microblog: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PublishResult.unknown("interrupted while waiting for Microblog's answer");
    }
    return classify(response);
  }

  private static String body(Post post) {
    ObjectNode body = JSON.createObjectNode().put("text", post.text());
    ArrayNode urls = body.putArray("media_urls");
    for (Media media : post.media()) {
      urls.add(media.source().toString());
    }
    return body.toString();
  }
  // end::publish[]

  // tag::classify[]
  private PublishResult classify(HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode body = readJson(response.body());
    if (status == 200 || status == 201) {
      String id = body.path("id").asText("");
      return id.isEmpty()
          ? PublishResult.unknown("HTTP " + status + " without a post id")   // it may be live
          : PublishResult.published(id, URI.create(body.path("url").asText()));
    }
    if (status == 401) {
      return PublishResult.authExpired("HTTP 401 " + body.path("error").asText());
    }
    if (status == 429) {
      long seconds = response.headers().firstValueAsLong("Retry-After").orElse(300);
      return PublishResult.rateLimited(clock.instant().plusSeconds(seconds), "HTTP 429");
    }
    if (status >= 500) {                         // safe to retry: the key makes a repeat a replay
      return PublishResult.retryLater(Duration.ofMinutes(1), "HTTP " + status);
    }
    return PublishResult.rejected(body.path("error").asText(Integer.toString(status)),
        body.path("message").asText("HTTP " + status));
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode();            // not JSON: classified by status alone
    }
  }
  // end::classify[]
}
