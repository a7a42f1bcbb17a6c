package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One publish a fake server accepted: the post as the platform would show it.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param platform the platform id
 * @param account the account it was published as
 * @param remoteId the id the fake returned
 * @param url the public URL the fake returned; empty when none (scheduled statuses)
 * @param text the text (status, caption, message)
 * @param mediaIds the attached media ids, in order
 * @param idempotencyKey the idempotency key the client sent, if any
 * @param publishedAt when, on the fake's clock
 */
public record LedgerEntry(
    String platform,
    String account,
    String remoteId,
    Optional<URI> url,
    String text,
    List<String> mediaIds,
    Optional<String> idempotencyKey,
    Instant publishedAt) {

  /**
   * Checks and copies the components.
   *
   * @param platform the platform id
   * @param account the account it was published as
   * @param remoteId the id the fake returned
   * @param url the public URL, or empty
   * @param text the text
   * @param mediaIds the attached media ids, in order
   * @param idempotencyKey the idempotency key, or empty
   * @param publishedAt when, on the fake's clock
   */
  public LedgerEntry {
    notBlank(platform, "platform");
    notBlank(account, "account");
    notBlank(remoteId, "remoteId");
    notNull(url, "url");
    notNull(text, "text");
    mediaIds = List.copyOf(notNull(mediaIds, "mediaIds"));
    notNull(idempotencyKey, "idempotencyKey");
    notNull(publishedAt, "publishedAt");
  }
}
