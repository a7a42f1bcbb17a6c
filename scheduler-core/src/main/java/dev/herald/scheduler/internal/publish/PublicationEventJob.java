package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.internal.publish.Payloads.Event;
import dev.herald.scheduler.publish.PublicationEvent;
import dev.herald.scheduler.publish.PublicationListener;
import dev.herald.scheduler.publish.WebhookSettings;
import dev.herald.scheduler.publish.WebhookSignature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;

/**
 * Delivers one publication event: calls the listeners (once they all returned, a step records it,
 * so a webhook retry does not call them again), then POSTs the signed event to the webhook if one
 * is configured. A failure is thrown for the job's retry policy: a 5xx, 408, 429, timeout or
 * connection error is retried; any other non-2xx status throws {@link WebhookRejectedException},
 * which the policy aborts on. Threadsafe (stateless per run; the HTTP client is threadsafe).
 */
public final class PublicationEventJob implements Job {
  private static final Logger log = Loggers.PUBLISH;
  static final String LISTENERS = "listeners";

  private final List<PublicationListener> listeners;
  private final WebhookSettings webhook;
  private final HttpClient http;
  private final InstantSource clock;

  /**
   * @param webhook the webhook, or null for none
   */
  public PublicationEventJob(List<PublicationListener> listeners, WebhookSettings webhook,
      InstantSource clock) {
    this.listeners = List.copyOf(listeners);
    this.webhook = webhook;
    this.clock = clock;
    this.http = webhook == null ? null : HttpClient.newBuilder()
        .connectTimeout(webhook.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public void execute(JobContext ctx) throws Exception {
    Event stored = ctx.payload(Event.class);
    PublicationEvent event = PublicationEvents.toEvent(stored);
    if (!listeners.isEmpty()) {
      ctx.step(LISTENERS, () -> {
        for (PublicationListener listener : listeners) {
          listener.onEvent(event);
        }
        return "delivered";
      });
    }
    if (webhook != null) {
      post(stored);
    }
  }

  private void post(Event event) throws IOException, InterruptedException {
    String body = PublicationEvents.webhookBody(event);
    HttpRequest request = HttpRequest.newBuilder(webhook.url())
        .timeout(webhook.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "Herald")
        .header("Herald-Event-Id", event.eventId())
        .header(WebhookSignature.HEADER, WebhookSignature.sign(webhook.secret(), clock.instant(),
            body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      throw new IOException("webhook " + webhook.url() + " did not answer event "
          + event.eventId() + " within " + webhook.timeout(), e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      log.debug("Delivered event {} ({}) to webhook {}", event.eventId(), event.kind(),
          webhook.url());
      return;
    }
    String what = "webhook " + webhook.url() + " answered " + status + " to event "
        + event.eventId() + " (" + event.kind() + " of post " + event.postId() + ")";
    if (status >= 500 || status == 408 || status == 429) {
      throw new IOException(what + "; retried with backoff");
    }
    throw new WebhookRejectedException(what + "; not retried");
  }
}
