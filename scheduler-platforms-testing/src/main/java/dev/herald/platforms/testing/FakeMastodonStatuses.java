package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code POST /api/v1/statuses} route of a {@link FakeMastodon}, after mastodon/mastodon {@code
 * app/services/post_status_service.rb}: the Idempotency-Key lookup comes first (under a lock), then
 * media validation, then {@code scheduled_at} parsing, then the status or scheduled status. Guarded
 * by the fake's lock; not threadsafe on its own.
 */
final class FakeMastodonStatuses {

  private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);

  /**
   * {@code PostStatusService::MIN_SCHEDULE_OFFSET}; a {@code scheduled_at} not later than now plus
   * this fails {@code ScheduledStatus#validate_future_date} (app/models/scheduled_status.rb).
   */
  private static final Duration MIN_SCHEDULE_OFFSET = Duration.ofMinutes(5);

  /** What the key stored for an account's key refers to. */
  private record Replay(String id, byte[] body, boolean scheduled, Instant createdAt) {}

  private final FakeMastodon fake;
  private final FakeMastodon.Settings settings;
  private final Map<String, FakeMastodonMedia> media;
  private final Supplier<String> ids;
  private final Map<String, Replay> replays = new ConcurrentHashMap<>();
  private final Map<String, byte[]> entities = new ConcurrentHashMap<>();

  /** A status or scheduled status created, newest last. */
  private record Created(String id, String username, byte[] body, String text, String spoiler,
      boolean scheduled) {}

  private final List<Created> created = new ArrayList<>();

  FakeMastodonStatuses(
      FakeMastodon fake,
      FakeMastodon.Settings settings,
      Map<String, FakeMastodonMedia> media,
      Supplier<String> ids) {
    this.fake = fake;
    this.settings = settings;
    this.media = media;
    this.ids = ids;
  }

  /** Answers a status request of {@code username}; the caller holds the fake's lock. */
  FakeResponse create(String username, FakeRequest request) {
    Instant now = fake.clock().instant();
    Optional<String> key = request.header("Idempotency-Key").filter(k -> !k.isBlank());
    Optional<FakeResponse> replayed = key.flatMap(k -> replay(username, k, now));
    if (replayed.isPresent()) {
      return replayed.get();
    }
    String text = request.param("status").orElse("");
    String spoiler = request.param("spoiler_text").orElse("");
    List<String> mediaIds = request.params("media_ids[]");
    Optional<FakeResponse> invalid = checkMedia(username, mediaIds, request);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    Optional<Instant> scheduledAt;
    try {
      scheduledAt = request.param("scheduled_at").map(FakeMastodonStatuses::parse);
    } catch (DateTimeParseException e) {
      // preprocess_attributes! turns the ArgumentError into ActiveRecord::RecordInvalid
      return FakeResponse.json(422, FakeMastodonMessages.body("Record invalid"));
    }
    // scheduled_in_the_past?: a scheduled_at not after now publishes at once
    scheduledAt = scheduledAt.filter(at -> at.isAfter(now));
    if (text.isBlank() && mediaIds.isEmpty()) {
      return fake.fixture("mastodon-error-422.json");
    }
    int length = settings.limits().statusLength(spoiler, text);
    if (length > settings.limits().maxCharacters()) {
      return localized("mastodon-error-422-too-long.json", settings.messages().invalid("Text",
          settings.messages().get("over_character_limit", settings.limits().maxCharacters())));
    }
    Optional<String> pollError = FakeMastodonStatusAttributes.hasPoll(request)
        ? settings.attributes().pollError(request, now)
        : Optional.empty();
    if (pollError.isPresent()) {
      return FakeResponse.json(422, FakeMastodonMessages.body(pollError.get()));
    }
    if (scheduledAt.isPresent() && !scheduledAt.get().isAfter(now.plus(MIN_SCHEDULE_OFFSET))) {
      return invalid("Scheduled at", settings.messages().get("too_soon"));
    }
    mediaIds.forEach(id -> media.get(id).attached = true);
    String id = ids.get();
    FakeResponse response =
        scheduledAt.isPresent()
            ? scheduledBody(id, request, text, mediaIds, scheduledAt.get())
            : statusBody(id, username, request, text, mediaIds, now);
    URI url = scheduledAt.isPresent() ? null : statusUrl(username, id);
    created.add(new Created(id, username, response.body(), text, spoiler, scheduledAt.isPresent()));
    fake.ledger()
        .record(
            new LedgerEntry(
                fake.platform(), username, id, Optional.ofNullable(url), text, mediaIds, key, now));
    boolean scheduled = scheduledAt.isPresent();
    entities.put(id, response.body());
    if (key.isPresent()
        && (!scheduled || settings.scheduledKeys() != FakeMastodon.ScheduledKeys.IGNORED)) {
      replays.put(username + "\u0000" + key.get(),
          new Replay(id, response.body(), scheduled, now));
    }
    return response;
  }

  /** The entity (Status or ScheduledStatus) the fake answered when it created {@code id}. */
  Optional<byte[]> entity(String id) {
    return Optional.ofNullable(entities.get(id));
  }

  /**
   * The answer to a known key: the first status; a 500 on a server with mastodon/mastodon#40399
   * (fixed by #40439: the duplicate was found, then {@code postprocess_status!} ran on a nil
   * status); a 404 for a scheduled status, because {@code idempotency_duplicate} looks in {@code
   * account.statuses} while {@code @scheduled_at} is still unparsed.
   */
  private Optional<FakeResponse> replay(String username, String key, Instant now) {
    Replay replay = replays.get(username + "\u0000" + key);
    if (replay == null || !now.isBefore(replay.createdAt().plus(IDEMPOTENCY_WINDOW))) {
      return Optional.empty();
    }
    if (settings.replayAnswers500()) {
      return Optional.of(FakeResponse.json(500, FakeMastodonMessages.body(
          "We're sorry, but something went wrong on our end.")));
    }
    if (replay.scheduled()) {
      return Optional.of(FakeResponse.json(404, FakeMastodonMessages.body("Record not found")));
    }
    return Optional.of(fake.fixture("mastodon-status-created.json").withBody(replay.body()));
  }

  private Optional<FakeResponse> checkMedia(
      String username, List<String> mediaIds, FakeRequest request) {
    FakeMastodonLimits limits = settings.limits();
    // validate_media! (post_status_service.rb) refuses media with a poll with the same message
    if (mediaIds.size() > limits.maxMediaAttachments()
        || (!mediaIds.isEmpty() && FakeMastodonStatusAttributes.hasPoll(request))) {
      return Optional.of(localized("mastodon-error-422-too-many-media.json",
          settings.messages().get("too_many", limits.maxMediaAttachments())));
    }
    for (String id : mediaIds) {
      FakeMastodonMedia state = media.get(id);
      if (state == null || state.attached || !state.account.equals(username)) {
        return Optional.of(
            fake.fixture("mastodon-error-422-media-not-found.json")
                .withBody(
                    fake.fixture("mastodon-error-422-media-not-found.json")
                        .bodyText()
                        .replace("113541987650009999", id)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    if (mediaIds.stream().anyMatch(id -> !media.get(id).ready)) {
      return Optional.of(localized("mastodon-error-422-media-not-ready.json",
          settings.messages().get("not_ready")));
    }
    return Optional.empty();
  }

  /** The error fixture {@code file} (status, headers) with {@code message} in its body. */
  private FakeResponse localized(String file, String message) {
    return fake.fixture(file).withBody(FakeMastodonMessages.body(message)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private FakeResponse invalid(String attribute, String message) {
    return FakeResponse.json(
        422, FakeMastodonMessages.body(settings.messages().invalid(attribute, message)));
  }

  private FakeResponse statusBody(
      String id, String username, FakeRequest request, String text, List<String> mediaIds,
      Instant now) {
    FakeResponse response = fake.fixture("mastodon-status-created.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    URI base = fake.baseUri();
    body.put("id", id);
    body.put("created_at", now.toString());
    body.put("url", statusUrl(username, id).toString());
    body.put("uri", base + "/users/" + username + "/statuses/" + id);
    body.put("content", FakeMastodonContent.render(text));
    body.put("visibility", request.param("visibility").orElse("public"));
    body.put("spoiler_text", request.param("spoiler_text").orElse(""));
    body.put("language", settings.attributes().language(request));
    if (FakeMastodonStatusAttributes.hasPoll(request)) {
      body.set("poll", settings.attributes().poll(ids.get(), request, now));
    } else {
      body.putNull("poll");
    }
    body.putArray("tags");
    ObjectNode account = (ObjectNode) body.path("account");
    account.put("username", username);
    account.put("acct", username);
    account.put("url", base + "/@" + username);
    body.set("media_attachments",
        FakeMastodonMedia.attachments(mediaIds.stream().map(media::get).toList(), base));
    return response.withBody(Json.write(body));
  }

  /**
   * A ScheduledStatus. Its {@code params.idempotency} is null: {@code scheduled_options} clears it
   * so that publishing the scheduled status later does not hit the key.
   */
  private FakeResponse scheduledBody(
      String id, FakeRequest request, String text, List<String> mediaIds, Instant scheduledAt) {
    FakeResponse response = fake.fixture("mastodon-scheduled-status-created.json");
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    body.put("id", id);
    body.put("scheduled_at", scheduledAt.toString());
    ObjectNode params = (ObjectNode) body.path("params");
    params.put("text", text);
    ArrayNode mediaArray = params.putArray("media_ids");
    mediaIds.forEach(mediaArray::add);
    params.put("visibility", request.param("visibility").orElse("public"));
    params.putNull("idempotency");
    body.set("media_attachments",
        FakeMastodonMedia.attachments(mediaIds.stream().map(media::get).toList(), fake.baseUri()));
    return response.withBody(Json.write(body));
  }

  private URI statusUrl(String username, String id) {
    return URI.create(fake.baseUri() + "/@" + username + "/" + id);
  }

  private static Instant parse(String value) {
    return OffsetDateTime.parse(value).toInstant();
  }


  /**
   * {@code GET /api/v1/accounts/:id/statuses} of {@code username}, read by its author (who sees
   * every visibility): statuses newest first (ids are increasing), below {@code maxId} if given,
   * at most {@code limit}. Scheduled statuses are not statuses. The caller holds the fake's lock.
   */
  ArrayNode statusesOf(String username, Optional<String> maxId, int limit) {
    ArrayNode out = Json.object().arrayNode();
    for (int i = created.size() - 1; i >= 0 && out.size() < limit; i--) {
      Created c = created.get(i);
      if (c.scheduled() || !c.username().equals(username)
          || maxId.filter(max -> Long.parseLong(c.id()) >= Long.parseLong(max)).isPresent()) {
        continue;
      }
      out.add(Json.parse(c.body()));
    }
    return out;
  }

  /** {@code GET /api/v1/scheduled_statuses} of {@code username}: at most {@code limit}. */
  ArrayNode scheduledOf(String username, int limit) {
    ArrayNode out = Json.object().arrayNode();
    for (Created c : created) {
      if (c.scheduled() && c.username().equals(username) && out.size() < limit) {
        out.add(Json.parse(c.body()));
      }
    }
    return out;
  }

  /**
   * {@code GET /api/v1/statuses/:id/source}: {@code id}, {@code text}, {@code spoiler_text}
   * (app/serializers/rest/status_source_serializer.rb) of a status of {@code username}; empty for
   * another's (the controller authorizes {@code update?}, app/policies/status_policy.rb: the
   * owner's only) or an unknown one. The caller holds the fake's lock.
   */
  Optional<byte[]> source(String username, String id) {
    return created.stream()
        .filter(c -> !c.scheduled() && c.id().equals(id) && c.username().equals(username))
        .findFirst()
        .map(c -> {
          ObjectNode body = Json.object();
          body.put("id", c.id());
          body.put("text", c.text());
          body.put("spoiler_text", c.spoiler());
          return Json.write(body);
        });
  }
}
