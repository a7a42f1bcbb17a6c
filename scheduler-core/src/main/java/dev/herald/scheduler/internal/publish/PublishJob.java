package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.LeaseLostException;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.internal.publish.Payloads.Intent;
import dev.herald.scheduler.internal.publish.Payloads.Publication;
import dev.herald.scheduler.internal.publish.Payloads.Result;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublicationEvent.Kind;
import dev.herald.scheduler.publish.PublishBudget;
import dev.herald.scheduler.publish.PublishRejectedException;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.PublishedPost;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.retry.NeedsReviewException;
import dev.herald.scheduler.retry.RetryAfterException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * One target's publication, following the publish protocol: durable intent before the call, a
 * lease check, the call with the intent's idempotency key, the remote id recorded durably,
 * completion. The key is random ({@link IdempotencyKeys}), minted when the intent is first written
 * and read back from the stored intent by every later run of it; an intent stored with a key of
 * any other form (an older release derived it from the job id) keeps that key. A run that finds
 * the intent of an earlier call whose outcome is unknown replays with the same key only while the
 * platform deduplicates and the first call is inside its window (less a margin); otherwise it asks
 * the platform ({@link PlatformPublisher#reconcile}): a post found is recorded as published, a
 * post the platform shows was not created is sent once more, and a platform that cannot tell
 * yet is asked again a few times; in the end the target is parked for review. The request's
 * {@link dev.herald.scheduler.publish.PublishProgress} is an {@link IntentProgress}: what the
 * adapter records mid-call is stored with the intent, emptied for each new attempt, and handed to
 * every later reconcile of that attempt. A new intent takes a use of its target's {@linkplain TargetBudgets
 * publish budget} before it is written, or defers the run, spending no attempt, until the budget
 * has room. With events on, each outcome that changes the target's state enqueues its {@link
 * PublicationEventJob} with {@code enqueueWithOutcome}, so the event is stored with the state it
 * reports. Threadsafe (stateless per run).
 */
public final class PublishJob implements Job {
  private static final Logger log = Loggers.PUBLISH;
  static final String INTENT = "intent";
  static final String RESULT = "result";
  /** How many times an unknown outcome is looked up while the platform cannot tell yet. */
  static final int MAX_CHECKS = 3;

  private final Map<String, PlatformPublisher> publishers;
  private final InstantSource clock;
  private final Duration dedupeMargin;
  private final Duration unknownRetryDelay;
  private final Duration latenessBudget;
  private final List<Function<PublishedPost, List<JobRequest>>> onPublished;
  private final boolean events;
  private final int maxAttempts;
  private final TargetBudgets budgets;

  /**
   * @param events whether to record a publication event with every state change
   * @param maxAttempts the publish job's retry policy's attempts, to tell a last failure
   * @param budgets the host's publish budgets by platform, replacing the platforms' own
   */
  public PublishJob(Map<String, PlatformPublisher> publishers, InstantSource clock,
      Duration dedupeMargin, Duration unknownRetryDelay, Duration latenessBudget,
      List<Function<PublishedPost, List<JobRequest>>> onPublished, boolean events,
      int maxAttempts, Map<String, PublishBudget> budgets) {
    this.publishers = Map.copyOf(publishers);
    this.clock = clock;
    this.dedupeMargin = dedupeMargin;
    this.unknownRetryDelay = unknownRetryDelay;
    this.latenessBudget = latenessBudget;
    this.onPublished = List.copyOf(onPublished);
    this.events = events;
    this.maxAttempts = maxAttempts;
    this.budgets = new TargetBudgets(budgets);
  }

  @Override
  public void execute(JobContext ctx) throws Exception {
    Publication publication = ctx.payload(Publication.class);
    if (!events) {
      publishOrReconcileLater(ctx, publication);
      return;
    }
    // each event is enqueued with the outcome it reports, in the transaction that stores it
    try {
      publishOrReconcileLater(ctx, publication);
    } catch (NeedsReviewException e) {
      report(ctx, publication, Kind.NEEDS_REVIEW, null, null, null, e.getMessage(), null);
      throw e;
    } catch (PublishRejectedException e) {
      report(ctx, publication, Kind.FAILED, null, null, e.code(), e.reason(), null);
      throw e;
    } catch (RetryAfterException e) {
      if (!e.countsAsAttempt()) {
        report(ctx, publication, Kind.RATE_LIMITED, null, null, null, e.getMessage(),
            e.instant().orElse(null));
      } else if (ctx.attempt() >= maxAttempts) {
        report(ctx, publication, Kind.FAILED, null, null, "attempts-exhausted", e.getMessage(),
            null);
      }
      throw e;
    } catch (LeaseLostException e) {
      throw e; // nothing is stored
    } catch (RuntimeException e) {
      if (ctx.attempt() >= maxAttempts) {
        report(ctx, publication, Kind.FAILED, null, null, "attempts-exhausted", e.toString(),
            null);
      }
      throw e;
    }
  }

  private void report(JobContext ctx, Publication publication, Kind kind, String remoteId,
      String url, String code, String reason, Instant until) {
    Instant now = clock.instant();
    ctx.enqueueWithOutcome(PublicationEvents.job(PublicationEvents.create(kind,
        publication.postId(), publication.occurrenceInstant(), publication.target(), now, remoteId,
        url, code, reason, until)));
  }

  /** A run deferred to ask the platform again: the target's state has not changed, so no event. */
  private static final class ReconcileLater extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RetryAfterException deferral;

    ReconcileLater(RetryAfterException deferral) {
      super(deferral.getMessage(), null, false, false);
      this.deferral = deferral;
    }
  }

  private void publishOrReconcileLater(JobContext ctx, Publication publication) throws Exception {
    try {
      publish(ctx, publication);
    } catch (ReconcileLater later) {
      throw later.deferral; // not an event: the outcome is as unknown as before
    }
  }

  private void publish(JobContext ctx, Publication publication) throws Exception {
    Target target = publication.target();
    Optional<Result> done = ctx.completedStep(RESULT, Result.class);
    if (done.isPresent()) {
      // published by an earlier run whose completion (and event) was lost
      if (events) {
        report(ctx, publication, Kind.PUBLISHED, done.get().remoteId(), done.get().url(), null,
            null, null);
      }
      return;
    }
    PlatformPublisher publisher = publishers.get(target.platform());
    if (publisher == null) {
      throw new PublishRejectedException(target, "no-publisher",
          "no publisher is registered for platform '" + target.platform() + "' on node "
              + ctx.nodeId());
    }
    Post post = publication.post().toPost();
    Instant now = clock.instant();
    Optional<Intent> stored = ctx.completedStep(INTENT, Intent.class);
    if (stored.isPresent() && stored.get().sending()
        && stored.get().revision() != publication.revision()) {
      throw new NeedsReviewException("the post was edited while an earlier send to " + target
          + " (at " + stored.get().firstSentAt() + ") had an unknown outcome; not sent again");
    }
    Optional<Intent> earlier = stored.filter(i -> i.revision() == publication.revision());
    Intent intent;
    if (earlier.isPresent() && earlier.get().sending()) {
      intent = earlier.get();
      Optional<String> unsafe = replayUnsafe(publisher.capabilities(target), target, intent, now);
      if (unsafe.isPresent()) {
        Optional<Intent> replay = reconcileStored(ctx, publication, publisher, post, intent,
            unsafe.get());
        if (replay.isEmpty()) {
          return; // found: recorded as published
        }
        intent = replay.get();
      }
    } else {
      checkPublishable(ctx, publisher, post, target, now);
      // an unsent intent of this revision (retry later, rate limited) keeps its key; a new
      // intent (the first run, an edit, a human's re-send) gets a new random one
      String key = earlier.map(Intent::key).orElseGet(IdempotencyKeys::mint);
      budgets.take(ctx, publisher, target, key); // defers if the target used its budget
      intent = new Intent(Intent.SENDING, key, publication.revision(), now.toString());
    }
    // every attempt starts with no progress: an earlier attempt's ids say nothing about this one
    intent = intent.withProgress(Map.of());
    ctx.checkpoint(INTENT, intent); // durable before any network call
    if (!ctx.isLeaseValid()) {
      throw new LeaseLostException(ctx.jobId(), ctx.fencingToken(), "publishing to " + target);
    }
    IntentProgress progress = new IntentProgress(ctx, intent);
    PublishRequest request = new PublishRequest(post, target, intent.key(), progress);
    PublishResult result = call(publisher, request);
    if (result instanceof PublishResult.AuthExpired && publisher.refreshAuth(target)) {
      log.info("Refreshed the credentials of {} after an auth failure; publishing again", target);
      progress.clear(); // the refused call published nothing
      result = call(publisher, request);
    }
    handle(ctx, publication, request, progress.intent(), result, publisher);
  }

  private void checkPublishable(JobContext ctx, PlatformPublisher publisher, Post post,
      Target target, Instant now) {
    List<PostViolation> violations = publisher.validate(post, target);
    if (!violations.isEmpty()) {
      throw new PublishRejectedException(target, "invalid", violations.stream()
          .map(PostViolation::message).collect(Collectors.joining("; ")));
    }
    if (latenessBudget != null) {
      Duration late = Duration.between(ctx.scheduledAt(), now);
      if (late.compareTo(latenessBudget) > 0) {
        throw new NeedsReviewException("not published to " + target + ": " + late
            + " late, more than the lateness budget " + latenessBudget);
      }
    }
    Optional<Instant> quota = publisher.quotaExhaustedUntil(target);
    if (quota.isPresent() && quota.get().isAfter(now)) {
      throw RetryAfterException.deferUntil(quota.get(),
          "the publishing quota of " + target + " is used up until " + quota.get());
    }
  }

  /**
   * An earlier call's outcome is unknown: why a replay with its key could duplicate the post, or
   * empty where it cannot (the platform deduplicates by key and the first call is inside the safe
   * part of its window).
   */
  private Optional<String> replayUnsafe(PlatformCapabilities caps, Target target, Intent intent,
      Instant now) {
    Instant firstSent = Instant.parse(intent.firstSentAt());
    String earlier = "an earlier attempt sent this post to " + target + " at " + firstSent
        + " and its outcome is unknown; ";
    if (!caps.deduplicatesByKey()) {
      return Optional.of(earlier + target.platform() + " does not deduplicate by key");
    }
    Duration age = Duration.between(firstSent, now);
    Duration safe = caps.idempotencyWindow().minus(dedupeMargin);
    if (age.compareTo(safe) >= 0) {
      return Optional.of(earlier + age + " have passed, beyond the safe part of "
          + target.platform() + "'s dedupe window (" + caps.idempotencyWindow() + " less "
          + dedupeMargin + ")");
    }
    log.info("Replaying the publish to {} with its first key (first sent at {}, within {}'s "
        + "dedupe window)", target, firstSent, target.platform());
    return Optional.empty();
  }

  /**
   * A stored intent whose outcome is unknown and cannot be replayed by key: asks the platform,
   * handing it the progress the attempt recorded. Found: recorded as published, and empty is
   * returned. Not found (and not yet sent again after such an answer): the intent to send once
   * more. Otherwise the run is deferred to ask again, or the target parked for review.
   */
  private Optional<Intent> reconcileStored(JobContext ctx, Publication publication,
      PlatformPublisher publisher, Post post, Intent stored, String unsafe) {
    Target target = publication.target();
    IntentProgress progress = new IntentProgress(ctx, stored);
    PublishRequest asSent = new PublishRequest(post, target, stored.key(), progress);
    Reconciliation answer = reconcile(publisher, asSent, stored);
    Intent intent = progress.intent(); // with what reconcile recorded, if anything
    if (answer instanceof Reconciliation.Found found) {
      log.info("Reconciled the unknown outcome of publishing to {}: the post exists as {}",
          target, found.remoteId());
      handle(ctx, publication, asSent, intent,
          PublishResult.published(found.remoteId(), found.url().orElse(null)), publisher);
      return Optional.empty();
    }
    if (answer instanceof Reconciliation.NotFound notFound && intent.replays() == 0) {
      log.info("{} shows no post from the attempt at {} ({}); sending it once more with the same"
          + " key", target, intent.firstSentAt(), notFound.evidence());
      return Optional.of(intent.replayed());
    }
    if (answer instanceof Reconciliation.Pending pending && intent.checks() < MAX_CHECKS) {
      ctx.checkpoint(INTENT, intent.checked());
      throw new ReconcileLater(RetryAfterException.deferUntil(
          clock.instant().plus(pending.checkAgainIn()), unsafe + "; asking " + target.platform()
              + " again whether the post exists: " + pending.reason()));
    }
    throw new NeedsReviewException(unsafe + "; not sent again: " + explain(answer, intent));
  }

  private static String explain(Reconciliation answer, Intent intent) {
    if (answer instanceof Reconciliation.NotFound notFound) {
      return "still no post after sending it once more (" + notFound.evidence() + ")";
    }
    if (answer instanceof Reconciliation.Pending pending) {
      return "the platform still could not tell after " + (intent.checks() + 1) + " checks ("
          + pending.reason() + ")";
    }
    return ((Reconciliation.Undetermined) answer).reason();
  }

  private static Reconciliation reconcile(PlatformPublisher publisher, PublishRequest request,
      Intent intent) {
    try {
      Reconciliation answer = publisher.reconcile(request, Instant.parse(intent.firstSentAt()));
      return answer != null ? answer : Reconciliation.undetermined(
          publisher.getClass().getName() + ".reconcile returned nothing");
    } catch (LeaseLostException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Publisher {} threw while reconciling; the outcome stays unknown",
          publisher.platform(), e);
      return Reconciliation.undetermined("reconciling threw " + e);
    }
  }

  private static PublishResult call(PlatformPublisher publisher, PublishRequest request) {
    try {
      PublishResult result = publisher.publish(request);
      return result != null ? result
          : PublishResult.unknown(publisher.getClass().getName() + " returned no result");
    } catch (LeaseLostException e) {
      throw e; // recording progress found the lease lost: this run must stop here
    } catch (RuntimeException e) {
      log.warn("Publisher {} threw; treating the outcome as unknown", publisher.platform(), e);
      return PublishResult.unknown("the publisher threw " + e);
    }
  }

  private void handle(JobContext ctx, Publication publication, PublishRequest request,
      Intent intent, PublishResult result, PlatformPublisher publisher) {
    Target target = request.target();
    PlatformCapabilities caps = publisher.capabilities(target);
    if (result instanceof PublishResult.Published published) {
      Instant at = clock.instant();
      ctx.checkpoint(RESULT, new Result(published.remoteId(),
          published.url().map(URI::toString).orElse(null), at.toString()));
      budgets.published(ctx, publisher, target, intent.key());
      PublishedPost live = new PublishedPost(publication.postId(), target,
          Optional.ofNullable(publication.occurrenceInstant()), published.remoteId(),
          published.url(), at);
      onPublished.forEach(hook -> hook.apply(live).forEach(ctx::enqueue));
      if (events) {
        report(ctx, publication, Kind.PUBLISHED, published.remoteId(),
            published.url().map(URI::toString).orElse(null), null, null, null);
      }
      log.info("Published post {} to {} as {}", publication.postId(), target,
          published.remoteId());
      return;
    }
    if (result instanceof PublishResult.Unknown unknown) {
      String reason = "outcome of publishing to " + target + " is unknown: " + unknown.reason();
      if (caps.deduplicatesByKey()) {
        throw RetryAfterException.after(unknownRetryDelay, reason
            + "; retrying with the same idempotency key");
      }
      Reconciliation answer = reconcile(publisher, request, intent);
      if (answer instanceof Reconciliation.Found found) {
        handle(ctx, publication, request, intent,
            PublishResult.published(found.remoteId(), found.url().orElse(null)), publisher);
        return;
      }
      if (answer instanceof Reconciliation.Undetermined undetermined) {
        throw new NeedsReviewException(reason + "; " + target.platform() + " does not deduplicate"
            + " by key, so it was not sent again: " + undetermined.reason());
      }
      // not found, or not yet known: a later run asks again before anything is sent again
      Duration wait = answer instanceof Reconciliation.Pending pending
          ? pending.checkAgainIn() : unknownRetryDelay;
      throw new ReconcileLater(RetryAfterException.deferUntil(clock.instant().plus(wait), reason
          + "; asking " + target.platform() + " again whether the post exists before anything is"
          + " sent again"));
    }
    ctx.checkpoint(INTENT, intent.withState(Intent.NOT_SENT)); // the platform published nothing
    budgets.notPublished(ctx, publisher, target, intent.key());
    if (result instanceof PublishResult.RetryLater later) {
      throw RetryAfterException.after(later.after(), target + ": " + later.reason());
    }
    if (result instanceof PublishResult.RateLimited limited) {
      throw RetryAfterException.deferUntil(limited.until(),
          target + " is rate limited until " + limited.until() + ": " + limited.reason());
    }
    if (result instanceof PublishResult.Rejected rejected) {
      throw new PublishRejectedException(target, rejected.code(), rejected.reason());
    }
    PublishResult.AuthExpired expired = (PublishResult.AuthExpired) result;
    throw new PublishRejectedException(target, "auth-expired",
        expired.reason() + "; the credentials could not be refreshed: authorise again");
  }
}
