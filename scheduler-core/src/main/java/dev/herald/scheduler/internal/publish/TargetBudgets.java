package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.PublishBudget;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.retry.RetryAfterException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The {@link PublishBudget}s of targets, counted in the job store: the host's budget for a
 * platform if it set one, else the platform's own ({@link
 * dev.herald.scheduler.publish.PlatformCapabilities#publishBudget()}). Each target has one rolling
 * budget in the store ({@link JobIds#budget}), shared by every node, and each intent to publish is
 * one use of it, identified by the intent's idempotency key: a use is taken just before the first
 * call, moved to the publish time once the platform published, and given back when the platform
 * published nothing. Immutable and threadsafe.
 */
final class TargetBudgets {
  private static final Logger log = Loggers.PUBLISH;

  private final Map<String, PublishBudget> overrides;

  /** @param overrides the host's budgets by platform, replacing the platforms' own */
  TargetBudgets(Map<String, PublishBudget> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  /** The budget of {@code target} on {@code publisher}'s platform. */
  PublishBudget of(PlatformPublisher publisher, Target target) {
    PublishBudget override = overrides.get(publisher.platform());
    return override != null ? override : publisher.capabilities(target).publishBudget();
  }

  /**
   * Takes the use of the intent keyed {@code key}, or defers the run, without spending an
   * attempt, until the budget has room.
   *
   * @throws RetryAfterException (a deferral) if {@code target} used its budget
   */
  void take(JobContext ctx, PlatformPublisher publisher, Target target, String key) {
    PublishBudget budget = of(publisher, target);
    if (!budget.isLimited()) {
      return;
    }
    Optional<Instant> full =
        ctx.takeBudget(JobIds.budget(target), key, budget.posts(), budget.window());
    if (full.isPresent()) {
      log.debug("{} used its budget of {}; deferring {} until {}", target, budget, ctx.jobId(),
          full.get());
      throw RetryAfterException.deferUntil(full.get(), target + " used its budget of " + budget
          + "; deferred until " + full.get());
    }
  }

  /**
   * The platform published under {@code key}: its use counts from now. Best effort: the post is
   * out whatever happens here, so a failure only leaves the use counted from the start of the
   * call, a little earlier than the platform counts it.
   */
  void published(JobContext ctx, PlatformPublisher publisher, Target target, String key) {
    PublishBudget budget = of(publisher, target);
    if (!budget.isLimited()) {
      return;
    }
    try {
      ctx.takeBudget(JobIds.budget(target), key, budget.posts(), budget.window());
    } catch (RuntimeException e) {
      log.warn("Could not move the budget use of {}'s publish {} to its publish time; it counts"
          + " from the start of the call", target, ctx.jobId(), e);
    }
  }

  /**
   * The platform published nothing under {@code key}: its use is given back. Best effort: a
   * failure leaves the use counted until it leaves the window (Herald then waits longer than it
   * needs to, never less), and must not turn the platform's answer into another outcome.
   */
  void notPublished(JobContext ctx, PlatformPublisher publisher, Target target, String key) {
    if (!of(publisher, target).isLimited()) {
      return;
    }
    try {
      ctx.releaseBudget(JobIds.budget(target), key);
    } catch (RuntimeException e) {
      log.warn("Could not give back the budget use of {}'s publish {}, which published nothing;"
          + " it counts until it leaves the window", target, ctx.jobId(), e);
    }
  }
}
