package dev.herald.platforms.tiktok;

import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Polls {@code status/fetch} for a started publish until it settles, and reads a status once
 * for reconciliation. {@code PUBLISH_COMPLETE} gives the post id when TikTok reports one (a public,
 * moderated post), else the publish id; {@code SEND_TO_USER_INBOX} is the end of an inbox upload;
 * {@code FAILED} is classified by {@code fail_reason}. Rate limits and server errors are waited
 * out. When polls run out on a PULL_FROM_URL still downloading, the pull is cancelled, so the
 * result is a certain {@code RetryLater} rather than {@code Unknown}.
 *
 * <p>Not threadsafe: one instance per run.
 */
final class TikTokPolling {

  private static final Logger log = Loggers.platform(TikTokPublisher.PLATFORM);

  static final int MAX_CONSECUTIVE_FAILURES = 3;

  /**
   * A publish TikTok accepted.
   *
   * @param publishId TikTok's id for the task
   * @param pull whether TikTok downloads the media (PULL_FROM_URL), so it can be cancelled
   * @param video whether it is a video post (its URL can be derived from the post id)
   * @param creator what creator_info said; null for an inbox upload
   * @param post the post
   */
  record Started(
      String publishId, boolean pull, boolean video, TikTokCreatorInfo creator, Post post) {
    boolean expectsPostId() {
      return creator != null && !post.option("privacy_level").orElse("").equals("SELF_ONLY");
    }
  }

  private final TikTokRun run;
  private boolean rateLimited;

  TikTokPolling(TikTokRun run) {
    this.run = run;
  }

  PublishResult await(Started started) throws TikTokStop {
    String id = started.publishId();
    String last = "";
    int failures = 0;
    int idPolls = 0;
    boolean complete = false;
    for (int poll = 1; poll <= run.settings.maxPolls(); poll++) {
      run.sleep(run.settings.waitBefore(poll), id);
      rateLimited = false;
      Optional<TikTokStatus> read = read(started, failures);
      if (read.isEmpty()) {
        failures += rateLimited ? 0 : 1;
        continue;
      }
      failures = 0;
      TikTokStatus status = read.get();
      log.debug("tiktok publish_id {}: poll {} -> {}", id, poll, status.status());
      if (status.status().equals(TikTokStatus.PUBLISH_COMPLETE)) {
        complete = true;
        if (!status.postIds().isEmpty()
            || !started.expectsPostId()
            || idPolls++ >= run.settings.postIdPolls()) {
          return settled(started, status);
        }
      } else if (isFinal(status)) {
        return settled(started, status);
      }
      last = status.status();
    }
    if (complete) {
      return PublishResult.published(id, null);
    }
    if (started.pull()
        && last.equals(TikTokStatus.PROCESSING_DOWNLOAD)
        && run.settings.cancelStalledPulls()) {
      return cancel(started);
    }
    throw new TikTokStop(
        run.unknown(
            id,
            "still "
                + (last.isEmpty() ? "unknown" : last)
                + " after "
                + run.settings.maxPolls()
                + " polls"));
  }

  /** One status read, classified; anything not final is {@code Unknown}. */
  PublishResult check(Started started) {
    try {
      Optional<TikTokStatus> status = read(started, MAX_CONSECUTIVE_FAILURES - 1);
      if (status.isPresent() && isFinal(status.get())) {
        return settled(started, status.get());
      }
      return run.unknown(
          started.publishId(),
          status.map(s -> "status is " + s.status()).orElse("the status could not be read"));
    } catch (TikTokStop stop) {
      return stop.result;
    }
  }

  /**
   * After the last chunk's response was lost: whether TikTok reports fewer bytes than the file has,
   * so the chunk must be sent again.
   */
  boolean uploadIncomplete(Started started, long size) throws TikTokStop {
    Optional<TikTokStatus> status = read(started, MAX_CONSECUTIVE_FAILURES - 1);
    if (status.isEmpty()) {
      throw new TikTokStop(
          run.unknown(started.publishId(), "the last chunk's response and the status were lost"));
    }
    return status.get().status().equals(TikTokStatus.PROCESSING_UPLOAD)
        && status.get().uploadedBytes().orElse(size) < size;
  }

  /**
   * The status, or empty after a transient failure (transport, 5xx, 429 waited out); a permanent
   * error, or the {@code failures + 1}-th transient one in a row, ends the run with {@code
   * Unknown}: TikTok accepted the publish, so nothing here can say it did not happen.
   */
  private Optional<TikTokStatus> read(Started started, int failures) throws TikTokStop {
    String id = started.publishId();
    boolean last = failures + 1 >= MAX_CONSECUTIVE_FAILURES;
    ApiResponse response;
    try {
      response = run.api.status(id, run.token);
    } catch (TransportException e) {
      if (last) {
        throw new TikTokStop(run.unknown(id, e.getMessage()));
      }
      return Optional.empty();
    }
    if (TikTokErrors.isOk(response)) {
      try {
        return Optional.of(TikTokStatus.parse(response.json().path("data")));
      } catch (MalformedResponseException e) {
        if (last) {
          throw new TikTokStop(run.unknown(id, e.getMessage()));
        }
        return Optional.empty();
      }
    }
    String why = TikTokErrors.describe(response, TikTokErrors.Envelope.of(response));
    if (!TikTokErrors.isTransient(response)) {
      throw new TikTokStop(run.unknown(id, why));
    }
    if (response.status() == 429
        || TikTokErrors.Envelope.of(response).code().equals("rate_limit_exceeded")) {
      run.sleep(TikTokErrors.rateLimitWait(response, run.now()), id);
      rateLimited = true;
      return Optional.empty();
    }
    if (last) {
      throw new TikTokStop(run.unknown(id, why));
    }
    return Optional.empty();
  }

  private static boolean isFinal(TikTokStatus status) {
    return switch (status.status()) {
      case TikTokStatus.PUBLISH_COMPLETE, TikTokStatus.SEND_TO_USER_INBOX, TikTokStatus.FAILED ->
          true;
      default -> false;
    };
  }

  /**
   * The outcome of a final status: {@code FAILED} classified by {@code fail_reason}; {@code
   * PUBLISH_COMPLETE} with a post id published as that id (with the video's URL); otherwise
   * published as the publish id, without URL. {@link TikTokReconciliation} maps a found post with
   * it too, so a publish and a reconcile record the same remote id.
   */
  PublishResult settled(Started started, TikTokStatus status) {
    String id = started.publishId();
    if (status.status().equals(TikTokStatus.FAILED)) {
      return TikTokErrors.failed(
          status.failReason(), "tiktok publish_id " + id, run.now(), run.retryDelay());
    }
    if (status.status().equals(TikTokStatus.PUBLISH_COMPLETE) && !status.postIds().isEmpty()) {
      String postId = status.postIds().get(0);
      return PublishResult.published(postId, url(started, postId));
    }
    return PublishResult.published(id, null);
  }

  /**
   * The video's public URL, {@code https://www.tiktok.com/@{username}/video/{id}}; photo posts get
   * none, the reference gives no URL form for them.
   */
  private static URI url(Started started, String postId) {
    if (!started.video() || started.creator() == null || started.creator().username().isBlank()) {
      return null;
    }
    try {
      return new URI(
          "https",
          "www.tiktok.com",
          "/@" + started.creator().username() + "/video/" + postId,
          null);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private PublishResult cancel(Started started) {
    String id = started.publishId();
    String stalled = "still downloading after " + run.settings.maxPolls() + " polls";
    try {
      ApiResponse response = run.api.cancel(id, run.token);
      if (TikTokErrors.isOk(response)) {
        log.info("tiktok publish_id {}: {}, cancelled", id, stalled);
        return PublishResult.retryLater(
            run.retryDelay(),
            "tiktok publish_id " + id + ": " + stalled + "; cancelled it, nothing was published");
      }
      return run.unknown(
          id,
          stalled
              + " and the cancel failed: "
              + TikTokErrors.describe(response, TikTokErrors.Envelope.of(response)));
    } catch (TransportException e) {
      return run.unknown(id, stalled + " and the cancel failed: " + e.getMessage());
    }
  }

  /** The wait before poll {@code n} (1-based): the interval doubling up to the maximum. */
  static Duration waitBefore(int n, Duration interval, Duration max) {
    Duration wait = interval.multipliedBy(1L << Math.min(n - 1, 20));
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
