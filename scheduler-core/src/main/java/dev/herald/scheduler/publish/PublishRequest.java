package dev.herald.scheduler.publish;

import static java.util.Objects.requireNonNull;

/**
 * One call to {@link PlatformPublisher#publish(PublishRequest)}: a post, the account it goes to,
 * and the idempotency key that identifies this publication across retries.
 *
 * <p>The key is stable per post and target, never per attempt: a platform that deduplicates by key
 * (Mastodon's {@code Idempotency-Key}) turns a retry of a publish whose response was lost into a
 * replay of the first result instead of a second post.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param post what to publish
 * @param account the platform account (Mastodon account, Instagram user id, Facebook page id, TikTok
 *     open id) the adapter publishes as; its credentials come from the adapter's token store
 * @param idempotencyKey stable per post and target
 */
public record PublishRequest(Post post, String account, String idempotencyKey) {

  /**
   * @param post what to publish
   * @param account the platform account
   * @param idempotencyKey stable per post and target
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code account} or {@code idempotencyKey} is blank
   */
  public PublishRequest {
    requireNonNull(post, "post cannot be null");
    requireNonNull(account, "account cannot be null");
    requireNonNull(idempotencyKey, "idempotencyKey cannot be null");
    if (account.isBlank()) {
      throw new IllegalArgumentException("account cannot be blank");
    }
    if (idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey cannot be blank (account " + account + ")");
    }
  }
}
