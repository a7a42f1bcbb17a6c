package dev.herald.platforms.testing;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publish tasks of a {@link FakeTikTok}: chunk uploads, status reads that move a task on,
 * cancels, and the ledger entry written when a task goes live. Called under the fake's lock.
 */
final class FakeTikTokTasks {

  private final Map<String, FakeTikTokTask> tasks = new ConcurrentHashMap<>();
  private final Deque<String> failures = new ArrayDeque<>();
  private final AtomicLong postIds;
  private final int processingPolls;
  private final int moderationPolls;
  private final Ledger ledger;
  private final String platform;

  FakeTikTokTasks(
      String firstPostId,
      int processingPolls,
      int moderationPolls,
      Ledger ledger,
      String platform) {
    this.postIds = new AtomicLong(Long.parseLong(firstPostId));
    this.processingPolls = processingPolls;
    this.moderationPolls = moderationPolls;
    this.ledger = ledger;
    this.platform = platform;
  }

  /** The fail reason queued for the next task, if any. */
  String nextFailure() {
    return failures.pollFirst();
  }

  void failNext(String failReason) {
    failures.addLast(failReason);
  }

  /** Registers a started task; a public one that will not fail gets its post id now. */
  void add(FakeTikTokTask task) {
    task.pollsLeft = processingPolls;
    task.moderationLeft = moderationPolls;
    if (task.isPublic() && task.failReason == null) {
      task.postId = Long.toString(postIds.getAndIncrement());
    }
    tasks.put(task.publishId, task);
  }

  List<String> publishIds() {
    return List.copyOf(tasks.keySet());
  }

  void settle(Instant now) {
    tasks.values().stream()
        .filter(t -> t.state == FakeTikTokTask.State.PROCESSING)
        .forEach(t -> finish(t, now));
    tasks.values().forEach(t -> t.moderationLeft = 0);
  }

  /** {@code PUT /video/?upload_id=…&upload_token=…}. */
  FakeResponse upload(FakeRequest request, Instant now) {
    String id = request.param("upload_id").orElse("");
    FakeTikTokTask task =
        tasks.values().stream().filter(t -> id.equals(t.uploadId)).findFirst().orElse(null);
    if (task == null || !request.param("upload_token").orElse("").equals(task.uploadToken)) {
      return FakeResponse.empty(404);
    }
    if (!now.isBefore(task.createdAt.plus(FakeTikTokTask.UPLOAD_URL_TTL))) {
      return FakeResponse.empty(403);
    }
    return task.acceptChunk(request, processingPolls);
  }

  /** {@code status/fetch}: a task still processing moves on once its polls are used up. */
  FakeResponse status(FakeRequest request, FakeTikTokAccounts.Account account, Instant now) {
    Optional<FakeTikTokTask> task = task(request, account);
    if (task.isEmpty()) {
      return unknownTask(request);
    }
    FakeTikTokTask t = task.get();
    if (t.state == FakeTikTokTask.State.PROCESSING && t.pollsLeft-- <= 0) {
      finish(t, now);
    }
    return t.status();
  }

  /** {@code cancel}: only a pull still downloading can be cancelled. */
  FakeResponse cancel(FakeRequest request, FakeTikTokAccounts.Account account) {
    Optional<FakeTikTokTask> task = task(request, account);
    if (task.isEmpty()) {
      return unknownTask(request);
    }
    FakeTikTokTask t = task.get();
    if (!t.pull || t.state != FakeTikTokTask.State.PROCESSING) {
      return FakeTikTokInits.error(
          400, "publish_not_cancellable", "The publish task can no longer be cancelled.");
    }
    t.state = FakeTikTokTask.State.FAILED;
    t.failReason = "publish_cancelled";
    return FakeResponse.of(Fixtures.get("tiktok-cancel-ok.json"));
  }

  private Optional<FakeTikTokTask> task(FakeRequest request, FakeTikTokAccounts.Account account) {
    FakeTikTokTask task = tasks.get(publishId(request));
    return task != null && task.account == account ? Optional.of(task) : Optional.empty();
  }

  private FakeResponse unknownTask(FakeRequest request) {
    if (tasks.containsKey(publishId(request))) {
      return FakeTikTokInits.error(
          400,
          "token_not_authorized_for_specified_publish_id",
          "The access token is not authorized for this publish_id.");
    }
    return FakeResponse.of(Fixtures.get("tiktok-error-invalid-publish-id.json"));
  }

  private static String publishId(FakeRequest request) {
    try {
      return Json.parse(request.body()).path("publish_id").asText("");
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** Ends a task's processing; a publish or inbox delivery is recorded in the ledger. */
  private void finish(FakeTikTokTask task, Instant now) {
    if (task.failReason != null) {
      task.state = FakeTikTokTask.State.FAILED;
      return;
    }
    task.state = task.inbox ? FakeTikTokTask.State.INBOX : FakeTikTokTask.State.COMPLETE;
    String remoteId = task.postId != null ? task.postId : task.publishId;
    Optional<URI> url =
        task.postId != null && !task.photo
            ? Optional.of(
                URI.create(
                    "https://www.tiktok.com/@" + task.account.username + "/video/" + task.postId))
            : Optional.empty();
    ledger.record(
        new LedgerEntry(
            platform,
            task.account.openId,
            remoteId,
            url,
            task.text,
            task.media,
            Optional.empty(),
            now));
  }
}
