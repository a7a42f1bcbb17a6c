package dev.herald.scheduler.publish;

import static java.util.Objects.requireNonNull;

/**
 * One call to {@link PlatformPublisher#publish(PublishRequest)}: a post, the target (account, and
 * instance on a federated platform) it goes to, and the idempotency key that identifies this publication across retries.
 *
 * <p>The key is random: Herald mints it when it first records its intent to publish (durably,
 * before any call) and sends the same key with every retry and replay of that intent, never a new
 * one per attempt. A platform that deduplicates by key (Mastodon's {@code Idempotency-Key}) thus
 * turns a retry of a publish whose response was lost into a replay of the first result instead of
 * a second post. Because the key is not derived from the post id, target or any other id the
 * application chooses, two posts that share an id (in two databases, or two applications) never
 * share a key. A new intent gets a new key: an edited post, and a re-send a human asked for
 * ({@link Publications#resend(TargetStatus)}).
 *
 * <p>Herald's keys are {@code herald-} followed by 22 characters of base64url (128 random bits):
 * 29 characters in {@code [A-Za-z0-9_-]}, safe in a header, a URL or a form field. A key of any
 * other non-blank form is accepted too (a test may pass its own).
 *
 * <p>{@link #progress()} is where the adapter records what the platform answered part-way through
 * this attempt (a publish id, a video id), durably before its next call to the platform, and where
 * {@link PlatformPublisher#reconcile} reads it back, on any node: see {@link PublishProgress}. It is
 * carried by the request, rather than returned in a result, because the run that learns such an
 * id may never return a result: it can die, or time out, while the platform works on the post.
 * The publishing job backs it with its job store; a request built without one gets {@link
 * PublishProgress#inMemory()}, so adapters that record nothing, tests and hosts calling a
 * publisher directly need not care.
 *
 * <p>Instances are immutable and threadsafe: the components never change, and the progress is a
 * threadsafe object (compared by identity) that outlives the request.
 *
 * @param post what to publish
 * @param target the account (Mastodon account, Instagram user id, Facebook page id, TikTok open id)
 *     the adapter publishes as, and its instance on a federated platform; its credentials come from
 *     the adapter's token store
 * @param idempotencyKey the publication's key: random, and the same for every retry and replay of
 *     one intent to publish
 * @param progress what this attempt recorded of the platform's side so far, and where to record
 *     more
 */
public record PublishRequest(Post post, Target target, String idempotencyKey,
    PublishProgress progress) {

  /**
   * @param post what to publish
   * @param target the account and, on a federated platform, its instance
   * @param idempotencyKey stable per post and target
   * @param progress this attempt's progress: the publishing job's durable one, or {@link
   *     PublishProgress#inMemory()}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code idempotencyKey} is blank
   */
  public PublishRequest {
    requireNonNull(post, "post cannot be null");
    requireNonNull(target, "target cannot be null");
    requireNonNull(idempotencyKey, "idempotencyKey cannot be null");
    requireNonNull(progress, "progress cannot be null (use PublishProgress.inMemory())");
    if (idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey cannot be blank (target " + target + ")");
    }
  }

  /**
   * A request whose progress is kept in memory only ({@link PublishProgress#inMemory()}, new for
   * this request): for tests, and for hosts that call a publisher directly.
   *
   * @param post what to publish
   * @param target the account and, on a federated platform, its instance
   * @param idempotencyKey stable per post and target
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code idempotencyKey} is blank
   */
  public PublishRequest(Post post, Target target, String idempotencyKey) {
    this(post, target, idempotencyKey, PublishProgress.inMemory());
  }

  /**
   * The account the adapter publishes as: {@code target().account()}.
   *
   * @return the platform account
   */
  public String account() {
    return target.account();
  }
}
