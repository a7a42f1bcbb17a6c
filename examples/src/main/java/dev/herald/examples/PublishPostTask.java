package dev.herald.examples;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRejectedException;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult.AuthExpired;
import dev.herald.scheduler.publish.PublishResult.Published;
import dev.herald.scheduler.publish.PublishResult.RateLimited;
import dev.herald.scheduler.publish.PublishResult.Rejected;
import dev.herald.scheduler.publish.PublishResult.RetryLater;
import dev.herald.scheduler.publish.PublishResult.Unknown;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.retry.NeedsReviewException;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A db-scheduler task that publishes posts with one of Herald's {@link PlatformPublisher}s: the
 * part of {@link DbSchedulerMain} that a team on db-scheduler would write. Each execution publishes
 * its post once and turns the {@link PublishResult} into what db-scheduler does next:
 *
 * <ul>
 *   <li>{@link Published}: done, the execution is removed; the remote id and URL are the result.
 *   <li>{@link RetryLater} and {@link RateLimited}: nothing was published; the execution is
 *       rescheduled to the time the result names (db-scheduler counts that as a success, so a rate
 *       limit does not build up a failure count).
 *   <li>{@link Rejected} and {@link AuthExpired}: the execution fails with {@link
 *       PublishRejectedException}, and the failure handler stops it: no retry would succeed.
 *   <li>{@link Unknown}: the post may be live. It is sent again only with the same idempotency key
 *       and while the platform still deduplicates by that key ({@link
 *       PlatformCapabilities#idempotencyWindow()}, an hour on Mastodon), so that the platform
 *       answers with the first post instead of posting twice; past the window the execution fails
 *       with {@link NeedsReviewException} and is stopped for a human to check. Never resend
 *       blindly.
 * </ul>
 *
 * <p>Any other exception (a bug, an outage of something else) gets db-scheduler's usual retry with
 * backoff, three times at most. The task is threadsafe if its publisher and reporter are.
 */
final class PublishPostTask {
  /** The task's name in {@code scheduled_tasks}. */
  static final String NAME = "publish-post";

  /** How long before the platform forgets an idempotency key a resend must happen. */
  private static final Duration RESEND_MARGIN = Duration.ofMinutes(5);

  /** The delay before sending again after an {@link Unknown}. */
  private static final Duration RESEND_DELAY = Duration.ofSeconds(1);

  /**
   * An execution's data, which db-scheduler stores in {@code task_data} (Java-serialized by its
   * default serializer).
   *
   * @param account the platform account to publish as
   * @param text the post's text
   * @param idempotencyKey the key every send of this post carries: random, and stored with the
   *     execution when it is created, before any send
   * @param firstSentAt when the post was first sent to the platform, or null before that
   */
  record PostData(String account, String text, String idempotencyKey, Instant firstSentAt)
      implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The data of a new post, with a new random key (128 bits). Not derived from the execution's
     * id: another database (a restored backup, staging) may have an execution with the same id
     * for another post, and the platform would answer that one's send with this one's status.
     */
    static PostData of(String account, String text) {
      byte[] key = new byte[16];
      RANDOM.nextBytes(key);
      return new PostData(
          account, text, Base64.getUrlEncoder().withoutPadding().encodeToString(key), null);
    }

    /** This data with {@code firstSentAt} set to {@code now} unless it was set already. */
    PostData sentAt(Instant now) {
      return firstSentAt != null ? this : new PostData(account, text, idempotencyKey, now);
    }
  }

  /** Hears what each execution did; called on db-scheduler's threads, so it must be threadsafe. */
  interface Reporter {
    /**
     * An execution of {@code post} got {@code result}.
     *
     * @param action what db-scheduler was told to do
     * @param settled whether that was the post's last execution
     */
    void executed(String post, PublishResult result, String action, boolean settled);
  }

  private final PlatformPublisher publisher;
  private final Reporter reporter;

  private PublishPostTask(PlatformPublisher publisher, Reporter reporter) {
    this.publisher = publisher;
    this.reporter = reporter;
  }

  /** The task, publishing with {@code publisher} and reporting to {@code reporter}. */
  static CustomTask<PostData> create(PlatformPublisher publisher, Reporter reporter) {
    PublishPostTask task = new PublishPostTask(publisher, reporter);
    return Tasks.custom(NAME, PostData.class)
        .onFailure(PublishPostTask::onFailure)
        .execute((instance, ctx) -> task.publish(instance));
  }

  private static void onFailure(ExecutionComplete complete, ExecutionOperations<PostData> ops) {
    Throwable cause = complete.getCause().orElse(null);
    if (cause instanceof PublishRejectedException || cause instanceof NeedsReviewException) {
      ops.stop(); // final: retrying cannot help, or could post twice
    } else {
      new FailureHandler.MaxRetriesFailureHandler<PostData>(
              3, new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1)))
          .onFailure(complete, ops);
    }
  }

  private CompletionHandler<PostData> publish(TaskInstance<PostData> instance) {
    String post = instance.getId();
    PostData data = instance.getData().sentAt(Instant.now());
    // the same for every execution of this post, never per attempt: the platform deduplicates
    // resends by it
    String key = data.idempotencyKey();
    PublishResult result =
        publisher.publish(new PublishRequest(Post.text(data.text()),
            Target.of(publisher.platform(), data.account()), key));

    if (result instanceof Published) {
      reporter.executed(post, result, "done: execution removed", true);
      return new CompletionHandler.OnCompleteRemove<>();
    }
    if (result instanceof RetryLater retryLater) {
      return reschedule(post, result, data, Instant.now().plus(retryLater.after()), "rescheduled");
    }
    if (result instanceof RateLimited rateLimited) {
      return reschedule(post, result, data, rateLimited.until(), "rescheduled");
    }
    if (result instanceof Unknown unknown) {
      PlatformCapabilities capabilities = publisher.capabilities();
      Instant forgetsKey = data.firstSentAt().plus(capabilities.idempotencyWindow());
      Instant resendAt = Instant.now().plus(RESEND_DELAY);
      if (capabilities.deduplicatesByKey() && resendAt.isBefore(forgetsKey.minus(RESEND_MARGIN))) {
        return reschedule(post, result, data, resendAt, "to be sent again with the same key");
      }
      reporter.executed(post, result, "failed: needs review, not sent again", true);
      throw new NeedsReviewException(
          "the post may be live, and "
              + publisher.platform()
              + " no longer deduplicates key "
              + key
              + ": "
              + unknown.reason());
    }
    Target target = Target.of(publisher.platform(), data.account());
    if (result instanceof Rejected rejected) {
      reporter.executed(post, result, "failed: stopped, not retried", true);
      throw new PublishRejectedException(target, rejected.code(), rejected.reason());
    }
    AuthExpired expired = (AuthExpired) result; // the last case of the sealed PublishResult
    reporter.executed(post, result, "failed: stopped until the account is authorised again", true);
    throw new PublishRejectedException(target, "auth_expired", expired.reason());
  }

  private CompletionHandler<PostData> reschedule(
      String post, PublishResult result, PostData data, Instant next, String why) {
    reporter.executed(post, result, why + " at " + next.truncatedTo(ChronoUnit.MILLIS), false);
    return (complete, ops) -> ops.reschedule(complete, next, data);
  }
}
