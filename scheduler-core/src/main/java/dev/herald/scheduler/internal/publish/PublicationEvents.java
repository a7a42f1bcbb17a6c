package dev.herald.scheduler.internal.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.internal.publish.Payloads.Event;
import dev.herald.scheduler.publish.PublicationEvent.Kind;
import dev.herald.scheduler.publish.PublicationEvent;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Publication events as stored (the payload of an event job), as listeners see them, and as the
 * webhook sends them. Stateless and threadsafe.
 */
final class PublicationEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PublicationEvents() {}

  /** A new event with a fresh random id. Null for an absent optional value. */
  static Event create(Kind kind, String postId, Instant occurrence, Target target, Instant at,
      String remoteId, String url, String code, String reason, Instant until) {
    return new Event(UUID.randomUUID().toString(), kind.name(), postId, target.platform(),
        target.account(), target.instance().orElse(null), occurrence == null ? null : occurrence.toString(), at.toString(),
        remoteId, url, code, reason, until == null ? null : until.toString());
  }

  /**
   * The event job that delivers {@code event} at once (by the scheduler's clock); its id is
   * derived from the event id.
   */
  static JobRequest job(Event event) {
    return JobRequest.builder(Publishing.EVENT_TYPE).id("event/" + event.eventId())
        .payload(event).build();
  }

  static PublicationEvent toEvent(Event e) {
    return new PublicationEvent(e.eventId(), Kind.valueOf(e.kind()), e.postId(),
        Payloads.target(e.platform(), e.instance(), e.account()), Optional.ofNullable(e.occurrence()).map(Instant::parse),
        Instant.parse(e.occurredAt()), Optional.ofNullable(e.remoteId()),
        Optional.ofNullable(e.url()).map(URI::create), Optional.ofNullable(e.code()),
        Optional.ofNullable(e.reason()), Optional.ofNullable(e.until()).map(Instant::parse));
  }

  /**
   * The webhook body: {@code id}, {@code type} ({@code post.published}, {@code post.failed},
   * {@code post.needs_review}, {@code post.rate_limited}), {@code postId}, {@code platform},
   * {@code account}, {@code occurredAt}, and where present {@code instance}, {@code occurrence}, {@code remoteId},
   * {@code url}, {@code code}, {@code reason}, {@code until}. Instants are ISO-8601 UTC.
   */
  static String webhookBody(Event e) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("id", e.eventId());
    body.put("type", "post." + e.kind().toLowerCase(java.util.Locale.ROOT));
    body.put("postId", e.postId());
    body.put("platform", e.platform());
    body.put("account", e.account());
    putIfPresent(body, "instance", e.instance());
    body.put("occurredAt", e.occurredAt());
    putIfPresent(body, "occurrence", e.occurrence());
    putIfPresent(body, "remoteId", e.remoteId());
    putIfPresent(body, "url", e.url());
    putIfPresent(body, "code", e.code());
    putIfPresent(body, "reason", e.reason());
    putIfPresent(body, "until", e.until());
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e1) {
      throw new IllegalStateException("cannot encode event " + e.eventId() + " as JSON", e1);
    }
  }

  private static void putIfPresent(Map<String, String> body, String name, String value) {
    if (value != null) {
      body.put(name, value);
    }
  }
}
