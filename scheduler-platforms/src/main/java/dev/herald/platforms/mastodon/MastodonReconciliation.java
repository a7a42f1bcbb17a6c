package dev.herald.platforms.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.StatusLookup;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.Reconciliation;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@link MastodonPublisher#reconcile}: whether a status sent with an unknown outcome exists, read
 * from the account's statuses with its token (so from any node, after a restart).
 *
 * <ul>
 *   <li>The account's statuses ({@code GET /api/v1/accounts/:id/statuses}; the author sees all of
 *       them, direct ones too: {@code Status.permitted_for}, "author can see own stuff", in
 *       mastodon/mastodon app/models/status.rb) are searched for one created since the attempt
 *       with the sent text and media ({@link StatusLookup}). The entity's {@code content} is HTML
 *       rendered by app/lib/text_formatter.rb (paragraphs, {@code <br />}, links split in spans,
 *       mentions shown without their domain); {@code text} is only rendered for {@code
 *       source_requested} (app/serializers/rest/status_serializer.rb: delete and redraft). So the
 *       content is compared as text, and where it differs, the status's source ({@code GET
 *       /api/v1/statuses/:id/source}, its plain {@code text}) decides.
 *   <li>A post sent with a {@code scheduled_at} is looked up first among the scheduled statuses
 *       ({@code GET /api/v1/scheduled_statuses}, whose {@code params.text} is the text as sent,
 *       app/serializers/rest/scheduled_status_serializer.rb), with its scheduled time; then among
 *       the statuses, in case it has been published since.
 * </ul>
 *
 * <p>The idempotency key is not shown by any entity (it is kept in Redis only, post_status_service.rb
 * {@code idempotency_key}), so it cannot be matched. Not threadsafe: one instance per call.
 */
final class MastodonReconciliation {

  private final MastodonApi api;
  private final String token;
  private final Duration retryDelay;
  private final StatusLookup lookup;

  MastodonReconciliation(MastodonApi api, String token, Duration settle, Duration retryDelay,
      InstantSource clock) {
    this.api = api;
    this.token = token;
    this.retryDelay = retryDelay;
    this.lookup = new StatusLookup(StatusLookup.Reads.of(() -> api.verifyCredentials(token),
        (id, maxId) -> api.accountStatuses(id, maxId, StatusLookup.PAGE, token),
        id -> Optional.of(api.statusSource(id, token))),
        new StatusLookup.Settings(MastodonPublisher.PLATFORM, settle, retryDelay, clock));
  }

  Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    Post post = request.post();
    String text = MastodonPosts.statusText(post);
    StatusLookup.Sent sent =
        new StatusLookup.Sent(text, post.media().stream().map(Media::altText).toList());
    Optional<Instant> scheduledAt = MastodonPosts.scheduledAtToSend(post, firstSentAt)
        .map(v -> OffsetDateTime.parse(v).toInstant());
    if (scheduledAt.isPresent()) {
      Optional<Reconciliation> scheduled = scheduled(text, scheduledAt.get());
      if (scheduled.isPresent()) {
        return scheduled.get();
      }
    }
    return lookup.find(sent, firstSentAt);
  }

  /**
   * A scheduled status with {@code text} for {@code at}: {@code Found} with its id and no URL (as
   * {@code publish} answers for one); a read failure as {@link StatusLookup} answers it; empty when
   * none is scheduled.
   */
  private Optional<Reconciliation> scheduled(String text, Instant at) {
    ApiResponse response;
    try {
      response = api.scheduledStatuses(StatusLookup.PAGE, token);
    } catch (TransportException e) {
      return Optional.of(Reconciliation.pending(retryDelay,
          "mastodon: could not read the scheduled statuses: " + e.getMessage()));
    }
    if (!response.isSuccessful()) {
      String reason = "mastodon " + response + ": cannot read the scheduled statuses";
      return Optional.of(response.status() == 429 || response.status() >= 500
          ? Reconciliation.pending(retryDelay, reason)
          : Reconciliation.undetermined(reason));
    }
    JsonNode list;
    try {
      list = response.json();
    } catch (MalformedResponseException e) {
      return Optional.of(Reconciliation.undetermined("mastodon " + response
          + ": unreadable scheduled statuses"));
    }
    String expected = StatusLookup.normalizedText(text);
    for (JsonNode scheduled : list) {
      String sentText = scheduled.path("params").path("text").asText("");
      if (expected.equals(StatusLookup.normalizedText(sentText))
          && at.equals(instant(scheduled.path("scheduled_at").asText("")))) {
        return Optional.of(Reconciliation.found(scheduled.path("id").asText(), null));
      }
    }
    return Optional.empty();
  }

  private static Instant instant(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
