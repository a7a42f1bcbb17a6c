package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /api/v1/statuses} of a {@link FakePixelfed}, in the order of pixelfed/pixelfed's
 * {@code ApiV1Controller::statusCreate} (2024-03), and the statuses it created. Threadsafe: a
 * status is created under the fake's lock.
 */
final class FakePixelfedStatuses {

  private static final Duration KEY_TTL = Duration.ofHours(1);

  /**
   * What PHP's {@code filter_var($v, FILTER_VALIDATE_BOOLEAN)} takes as true, which is how {@code
   * $request->boolean('sensitive')} reads the field (Laravel's {@code
   * Illuminate/Http/Concerns/InteractsWithInput::boolean}); anything else is false.
   */
  private static final Set<String> PHP_TRUE = Set.of("1", "true", "on", "yes");

  private final FakePixelfed fake;
  private final FakePixelfedConfig config;
  private final Map<String, FakePixelfedMedia> media;
  private final Set<String> inactive;
  private final int statusesPerDay;
  private final Map<String, Instant> keys = new ConcurrentHashMap<>();
  private final Map<String, FakePixelfedStatus> statuses = new ConcurrentHashMap<>();
  private final Object lock = new Object();

  /** Statuses created, oldest first: id, author, whether a reply, the status entity. */
  private record Listed(long id, String username, boolean reply, ObjectNode body) {}

  private final java.util.List<Listed> listed = new java.util.ArrayList<>();

  FakePixelfedStatuses(
      FakePixelfed fake,
      FakePixelfedConfig config,
      Map<String, FakePixelfedMedia> media,
      Set<String> inactive,
      int statusesPerDay) {
    this.fake = fake;
    this.config = config;
    this.media = media;
    this.inactive = inactive;
    this.statusesPerDay = statusesPerDay;
  }

  Optional<FakePixelfedStatus> get(String id) {
    return Optional.ofNullable(statuses.get(id));
  }

  /** The route, for an authorised {@code username} whose token has the {@code write} scope. */
  FakeResponse create(FakeRequest request, String username) {
    String text = request.param("status").orElse("");
    List<String> mediaIds = request.params("media_ids[]");
    Optional<String> replyTo = request.param("in_reply_to_id").filter(s -> !s.isEmpty());
    Optional<String> key = request.header("Idempotency-Key");
    synchronized (lock) {
      Instant now = fake.clock().instant();
      Optional<FakeResponse> invalid =
          FakePixelfedValidation.check(
              request, text, mediaIds, config.maxCharacters(), config.maxMediaAttachments());
      if (invalid.isPresent()) {
        return invalid.get();
      }
      if (key.isPresent()) {
        Instant stored = keys.get(username + "\u0000" + key.get());
        if (stored != null && now.isBefore(stored.plus(KEY_TTL))) {
          return fake.fixture("pixelfed-error-400-duplicate-idempotency-key.json");
        }
        keys.put(username + "\u0000" + key.get(), now);
      }
      if (mediaIds.isEmpty() && replyTo.isEmpty()) {
        return fake.fixture("pixelfed-error-403-empty-status.json");
      }
      if (postedInLastDay(username, now) >= statusesPerDay) {
        return fake.fixture("pixelfed-error-429.json");
      }
      if (inactive.contains(username)) {
        return FakeResponse.json(200, "[]");
      }
      if (request.param("visibility").filter("direct"::equals).isPresent()) {
        return fake.fixture("pixelfed-error-400-direct-visibility.json");
      }
      Optional<FakeResponse> refused = checkReferences(username, mediaIds, replyTo);
      if (refused.isPresent()) {
        return refused.get();
      }
      mediaIds.forEach(id -> media.get(id).attached = true);
      String id = fake.nextId();
      URI url = URI.create(fake.baseUri() + "/p/" + username + "/" + id);
      FakePixelfedStatus status = stored(id, username, request, !mediaIds.isEmpty());
      statuses.put(id, status);
      fake.ledger()
          .record(
              new LedgerEntry(
                  fake.platform(), username, id, Optional.of(url), text, mediaIds, key, now));
      FakeResponse response = body(status, url, text, mediaIds, replyTo, now);
      ObjectNode entity = (ObjectNode) Json.parse(response.body());
      // StatusStatelessTransformer: content_text is the caption as stored, strip_tags(status)
      entity.put("content_text", text.replaceAll("<[^>]*>", ""));
      listed.add(new Listed(Long.parseLong(id), username, replyTo.isPresent(), entity));
      return response;
    }
  }

  /**
   * {@code GET /api/v1/accounts/:id/statuses} read by its author, as pixelfed/pixelfed {@code
   * ApiV1Controller::accountStatusesById} answers it: without {@code max_id} or {@code min_id}
   * the query is {@code id > 1} (so the newest), ordered by id descending, {@code limit} (default
   * 20) capped at 40; replies ({@code whereNull('in_reply_to_id')}) are never listed.
   */
  ArrayNode statusesOf(String username, Optional<String> maxId, int limit) {
    ArrayNode out = Json.object().arrayNode();
    synchronized (lock) {
      for (int i = listed.size() - 1; i >= 0 && out.size() < limit; i--) {
        Listed l = listed.get(i);
        if (l.username().equals(username) && !l.reply()
            && maxId.map(max -> l.id() < Long.parseLong(max)).orElse(true)) {
          out.add(l.body());
        }
      }
    }
    return out;
  }

  /**
   * What Pixelfed stores: {@code $cw = $request->boolean('sensitive')}; {@code cw_summary} only
   * {@code $cw && $request->filled('spoiler_text')}, so a content warning without {@code
   * sensitive} is dropped; {@code comments_disabled} only on a status with media, when the input is
   * truthy in PHP ({@code "1"}; validation already refused anything but 0, 1, "0", "1").
   */
  private static FakePixelfedStatus stored(
      String id, String username, FakeRequest request, boolean withMedia) {
    boolean sensitive =
        request
            .param("sensitive")
            .map(v -> PHP_TRUE.contains(v.trim().toLowerCase(Locale.ROOT)))
            .orElse(false);
    Optional<String> spoiler =
        request.param("spoiler_text").filter(s -> sensitive && !s.isBlank());
    boolean commentsDisabled =
        withMedia && request.param("comments_disabled").filter("1"::equals).isPresent();
    return new FakePixelfedStatus(
        id,
        username,
        request.param("visibility").orElse("public"),
        sensitive,
        spoiler,
        commentsDisabled);
  }

  private Optional<FakeResponse> checkReferences(
      String username, List<String> mediaIds, Optional<String> replyTo) {
    if (!mediaIds.isEmpty()) {
      boolean anyUsable =
          mediaIds.stream()
              .map(media::get)
              .anyMatch(m -> m != null && !m.attached && m.account.equals(username));
      if (!anyUsable) {
        return Optional.of(fake.fixture("pixelfed-error-400-invalid-media.json"));
      }
      for (String id : mediaIds) {
        FakePixelfedMedia m = media.get(id);
        if (m != null && !m.account.equals(username)) {
          return Optional.of(FakeResponse.json(403, "{\"error\":\"Invalid media id\"}"));
        }
        if (m == null || m.attached) {
          return Optional.of(notFound("App\\\\Media"));
        }
      }
    }
    if (replyTo.isPresent() && fake.ledger().find(replyTo.get()).isEmpty()) {
      return Optional.of(notFound("App\\\\Status"));
    }
    return Optional.empty();
  }

  /** What {@code findOrFail} becomes in Pixelfed's handler: HTTP 500. */
  private static FakeResponse notFound(String model) {
    return FakeResponse.json(500, "{\"error\":\"No query results for model [" + model + "].\"}");
  }

  private long postedInLastDay(String username, Instant now) {
    Instant since = now.minus(Duration.ofDays(1));
    return fake.ledger().entriesFor(username).stream()
        .filter(e -> e.publishedAt().isAfter(since))
        .count();
  }

  private FakeResponse body(
      FakePixelfedStatus status,
      URI url,
      String text,
      List<String> mediaIds,
      Optional<String> replyTo,
      Instant now) {
    FakeResponse response = fake.fixture("pixelfed-status-created.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    body.put("id", status.id());
    body.put("created_at", now.toString());
    body.put("url", url.toString());
    body.put("uri", url.toString());
    body.put("content", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    body.put("visibility", status.visibility());
    body.put("sensitive", status.sensitive());
    body.put("spoiler_text", status.spoilerText().orElse(""));
    body.put("comments_disabled", status.commentsDisabled());
    replyTo.ifPresentOrElse(
        r -> body.put("in_reply_to_id", r), () -> body.putNull("in_reply_to_id"));
    body.putArray("tags");
    ObjectNode account = (ObjectNode) body.path("account");
    account.put("username", status.account());
    account.put("acct", status.account());
    account.put("url", fake.baseUri() + "/" + status.account());
    body.set(
        "media_attachments",
        FakePixelfedMedia.attachments(mediaIds.stream().map(media::get).toList(), fake.baseUri()));
    return response.withBody(Json.write(body));
  }
}
