package dev.herald.platforms.pixelfed;

import dev.herald.platforms.internal.StatusLookup;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.Reconciliation;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link PixelfedPublisher#reconcile}: whether a status sent with an unknown outcome exists, read
 * from the account's statuses with its token (so from any node, after a restart).
 *
 * <p>The account ({@code GET /api/v1/accounts/verify_credentials}) and its statuses ({@code GET
 * /api/v1/accounts/:id/statuses}, which lists the author's public, unlisted and private statuses
 * but never replies: pixelfed/pixelfed {@code ApiV1Controller::accountStatusesById}, {@code
 * whereNull('in_reply_to_id')}) are searched for one created since the attempt with the caption
 * ({@code content_text}, the stored caption, where the instance gives it; else the HTML {@code
 * content} as text) and the media alt texts that were sent ({@link StatusLookup}). A reply cannot
 * be looked up and is {@code Undetermined}. Pixelfed shows no idempotency key on a status, so the
 * key cannot be matched, and it has no status source endpoint. Stateless.
 */
final class PixelfedReconciliation {
  private PixelfedReconciliation() {}

  static Reconciliation reconcile(PixelfedApi api, String token, StatusLookup.Settings settings,
      PublishRequest request, Instant firstSentAt) {
    if (request.post().option("in_reply_to_id").filter(r -> !r.isBlank()).isPresent()) {
      return Reconciliation.undetermined("pixelfed never lists replies among an account's"
          + " statuses, so a reply cannot be looked up");
    }
    StatusLookup lookup = new StatusLookup(StatusLookup.Reads.of(() -> api.verifyCredentials(token),
        (id, maxId) -> api.accountStatuses(id, maxId, StatusLookup.PAGE, token),
        id -> Optional.empty()), settings); // no status source endpoint
    return lookup.find(new StatusLookup.Sent(PixelfedPosts.statusText(request.post()),
        request.post().media().stream().map(Media::altText).toList()), firstSentAt);
  }
}
