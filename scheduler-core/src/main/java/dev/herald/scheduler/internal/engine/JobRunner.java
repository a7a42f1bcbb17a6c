package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.internal.Loggers;
import dev.herald.scheduler.retry.NeedsReviewException;
import dev.herald.scheduler.retry.RetryAfterException;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.PayloadCodec;
import dev.herald.scheduler.spi.RecoveredJob;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * Runs one claimed job in the calling thread and returns how it should be completed: misfire
 * check, the job's code under its timeout, and the outcome planned from what happened. Shared by
 * the engine's workers and the test kit. Threadsafe.
 */
public final class JobRunner {
  private static final Logger log = Loggers.SCHEDULER;

  private final Map<String, JobRegistration> registrations;
  private final JobStore store;
  private final PayloadCodec codec;
  private final InstantSource clock;
  private final String nodeId;
  private final Listeners listeners;
  private final ScheduledExecutorService timeouts;
  private final TriggerCache triggers = new TriggerCache();
  private final OutcomePlanner planner;

  JobRunner(Map<String, JobRegistration> registrations, JobStore store, PayloadCodec codec,
      InstantSource clock, String nodeId, Listeners listeners, ScheduledExecutorService timeouts,
      OutcomePlanner planner) {
    this.registrations = Map.copyOf(registrations);
    this.store = store;
    this.codec = codec;
    this.clock = clock;
    this.nodeId = nodeId;
    this.listeners = listeners;
    this.timeouts = timeouts;
    this.planner = planner;
  }

  /** Runs the job of {@code handle}, which must have been {@linkplain RunHandle#start() started}. */
  Completion run(RunHandle handle) {
    ClaimedJob claim = handle.claim();
    JobSnapshot job = claim.job();
    JobRegistration registration = registrations.get(job.type());
    Trigger trigger;
    MisfirePolicy misfire;
    try {
      trigger = triggers.get(job.triggerSpec());
      misfire = MisfirePolicy.parse(job.misfireSpec());
    } catch (IllegalArgumentException e) {
      log.error("Job {} cannot run: {}", job.id(), e.getMessage());
      return planner.unrunnable(claim, clock.instant(), e.getMessage());
    }
    Instant scheduledAt = job.fireAt();
    if (job.attempt() == 1 && job.nextRunAt().equals(Optional.of(job.fireAt()))) {
      MisfireDecision decision =
          MisfireDecision.evaluate(trigger, misfire, job.fireAt(), claim.claimedAt());
      if (!decision.run()) {
        log.info("Job {} ({}) skipped a missed fire time: {} fire times missed, {} late",
            job.id(), job.type(), decision.missed(), decision.lateness());
        return planner.skipped(claim, trigger, decision, claim.claimedAt());
      }
      if (decision.missed() > 1) {
        log.info("Job {} ({}) missed {} fire times; running once for {} ({})", job.id(),
            job.type(), decision.missed(), decision.scheduledAt(), misfire.spec());
      }
      scheduledAt = decision.scheduledAt();
    }

    RunContext context = new RunContext(handle, scheduledAt, nodeId, store, codec, clock);
    listeners.onJobStarted(job);
    Instant startedAt = clock.instant();
    Throwable failure = null;
    ScheduledFuture<?> timeout = scheduleTimeout(handle, registration);
    try {
      Job code = registration.provider().get();
      code.execute(context);
    } catch (Throwable t) {
      failure = t;
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        log.error("Job {} ({}) hit a JVM error", job.id(), job.type(), t);
      }
    } finally {
      if (timeout != null) {
        timeout.cancel(false);
      }
      handle.finish();
      Thread.interrupted(); // leave the worker thread clean for the next job
    }
    Instant finishedAt = clock.instant();
    if (failure == null) {
      return planner.succeeded(claim, trigger, scheduledAt, startedAt, finishedAt,
          context.followUps());
    }
    if (handle.isShutdownInterrupted()) {
      return planner.interrupted(claim, scheduledAt, startedAt, finishedAt);
    }
    if (handle.isTimedOut()) {
      Duration limit = registration.options().timeout().orElseThrow();
      TimeoutException timedOut = new TimeoutException(
          "job " + job.id() + " (" + job.type() + ") ran longer than its timeout " + limit);
      timedOut.initCause(failure);
      failure = timedOut;
    }
    if (failure instanceof RetryAfterException || failure instanceof NeedsReviewException) {
      log.info("Job {} ({}) attempt {}: {}", job.id(), job.type(), job.attempt(),
          failure.getMessage());
    } else {
      log.warn("Job {} ({}) attempt {} failed", job.id(), job.type(), job.attempt(), failure);
    }
    return planner.failed(claim, trigger, registration.options(), scheduledAt, startedAt,
        finishedAt, failure, context.outcomeFollowUps());
  }

  /** Plans the completion of a job taken over from a dead node. */
  Completion recover(RecoveredJob recovered) {
    ClaimedJob claim = recovered.claim();
    JobRegistration registration = registrations.get(claim.job().type());
    try {
      Trigger trigger = triggers.get(claim.job().triggerSpec());
      return planner.recovered(recovered, trigger, registration.options(), clock.instant());
    } catch (IllegalArgumentException e) {
      return planner.unrunnable(claim, clock.instant(), e.getMessage());
    }
  }

  /** Plans the hand-back of a claim that never started (shutdown, lease lost, cancelled). */
  Completion release(RunHandle handle) {
    return planner.released(handle.claim());
  }

  private ScheduledFuture<?> scheduleTimeout(RunHandle handle, JobRegistration registration) {
    return registration.options().timeout()
        .map(d -> timeouts.schedule(handle::interruptForTimeout, d.toNanos(), TimeUnit.NANOSECONDS))
        .orElse(null);
  }
}
