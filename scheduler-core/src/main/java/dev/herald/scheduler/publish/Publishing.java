package dev.herald.scheduler.publish;

import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.RecoveryPolicy;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.internal.publish.DefaultPublications;
import dev.herald.scheduler.internal.publish.PublicationEventJob;
import dev.herald.scheduler.internal.publish.PublishJob;
import dev.herald.scheduler.internal.publish.SeriesJob;
import dev.herald.scheduler.internal.publish.WebhookRejectedException;
import dev.herald.scheduler.retry.RetryPolicy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Effectively-once publishing of scheduled posts on top of the scheduler.
 *
 * <pre>{@code
 * Publishing publishing = Publishing.builder()
 *     .publisher(mastodon)
 *     .publisher(facebook)
 *     .build();
 * Scheduler scheduler = publishing.install(Scheduler.builder().store(store)).build().start();
 * Publications posts = publishing.client(scheduler.client());
 * posts.schedule(PostRequest.builder("post-42", Post.text("Hello"))
 *     .target("mastodon", "alice").target("facebook", "page-9")
 *     .at(Instant.parse("2026-12-01T08:00:00Z")).build());
 * }</pre>
 *
 * <p>Each target is its own publish job, whose run follows the publish protocol: it records its
 * intent durably before calling the platform, with a random idempotency key minted then and reused
 * by every retry and replay of that intent, checks its lease, calls, and records the remote id
 * durably before completing. A run that finds an intent but no result (the node died mid-call,
 * the response was lost, the outcome was unknown) replays with the same key only while the
 * platform deduplicates by key and the first call is inside its dedupe window (Mastodon: 1 hour,
 * less a margin); otherwise it parks the target as NEEDS_REVIEW. It never re-sends blindly. Rate
 * limits reschedule without spending an attempt; known quotas are checked before calling; an
 * expired token is refreshed once.
 *
 * <p>Each account's {@link PublishBudget} (the platform's, {@link
 * PlatformCapabilities#publishBudget()}, or the one {@linkplain Builder#budget set here}) is
 * counted in the job store, over every node sharing it: a publication that would exceed it is
 * deferred, spending no attempt, until the oldest counted publish leaves the window, with the
 * reason in its {@link TargetStatus#lastError()}.
 *
 * <p>With a {@linkplain Builder#listener listener} or a {@linkplain Builder#webhook webhook}, each
 * state change (published, failed, needs review, rate limited) is also a {@link PublicationEvent},
 * stored as a job of type {@value #EVENT_TYPE} in the transaction that stores the change and
 * delivered by it at least once, with a stable event id.
 *
 * <p>Everything is stored in the scheduler's job store (payload, steps, history), so it works the
 * same on every store. Payloads are JSON: jackson-databind must be on the class path. This class
 * is immutable and threadsafe.
 */
public final class Publishing {
  /** The job type of one target's publication. */
  public static final String PUBLISH_TYPE = "herald.publish";

  /** How event deliveries to listeners alone are retried. */
  private static final RetryPolicy EVENT_RETRY_POLICY = RetryPolicy.builder().maxAttempts(10)
      .backoff(Duration.ofSeconds(10), Duration.ofMinutes(30)).build();
  /** The job type of a series, which creates one publication per target and occurrence. */
  public static final String SERIES_TYPE = "herald.post-series";
  /**
   * The job type that delivers one {@link PublicationEvent} to the listeners and the webhook; its
   * job ids are {@code event/<event id>}.
   */
  public static final String EVENT_TYPE = "herald.publication-event";

  private final Map<String, PlatformPublisher> publishers;
  private final RetryPolicy retryPolicy;
  private final Duration dedupeMargin;
  private final Duration unknownRetryDelay;
  private final Duration latenessBudget;
  private final InstantSource clock;
  private final List<Function<PublishedPost, List<JobRequest>>> onPublished;
  private final List<PublicationListener> listeners;
  private final WebhookSettings webhook;
  private final Map<String, PublishBudget> budgets;

  private Publishing(Builder b) {
    this.publishers = Map.copyOf(b.publishers);
    this.retryPolicy = b.retryPolicy;
    this.dedupeMargin = b.dedupeMargin;
    this.unknownRetryDelay = b.unknownRetryDelay;
    this.latenessBudget = b.latenessBudget;
    this.clock = b.clock;
    this.onPublished = List.copyOf(b.onPublished);
    this.listeners = List.copyOf(b.listeners);
    this.webhook = b.webhook;
    this.budgets = Map.copyOf(b.budgets);
  }

  /**
   * A builder.
   *
   * @return a new builder with no publisher and the default policies
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers the publish, series and event job types on {@code builder}. Install the same
   * set-up (publishers, listeners, webhook) on every node: any node may run any of these jobs.
   *
   * @param builder the builder of the scheduler that runs the publications
   * @return {@code builder}
   */
  public SchedulerBuilder install(SchedulerBuilder builder) {
    RetryPolicy policy = retryPolicy.toBuilder().abortOn(PublishRejectedException.class).build();
    boolean events = !listeners.isEmpty() || webhook != null;
    builder.register(PUBLISH_TYPE,
        new PublishJob(publishers, clock, dedupeMargin, unknownRetryDelay, latenessBudget,
            onPublished, events, policy.maxAttempts(), budgets),
        JobOptions.builder().retryPolicy(policy).recoveryPolicy(RecoveryPolicy.RERUN).build());
    builder.register(SERIES_TYPE, new SeriesJob(), JobOptions.defaults());
    RetryPolicy eventPolicy = (webhook != null ? webhook.retryPolicy() : EVENT_RETRY_POLICY)
        .toBuilder().abortOn(WebhookRejectedException.class).build();
    builder.register(EVENT_TYPE, new PublicationEventJob(listeners, webhook, clock),
        JobOptions.builder().retryPolicy(eventPolicy).recoveryPolicy(RecoveryPolicy.RERUN)
            .build());
    return builder;
  }

  /**
   * The posts client over {@code client}'s store.
   *
   * @param client a client over the store the publications are scheduled in
   * @return a posts client sharing {@code client}'s store
   */
  public Publications client(SchedulerClient client) {
    return new DefaultPublications(Preconditions.notNull(client, "client"), publishers, clock);
  }

  /**
   * The budget publications to {@code platform} are held to: the one {@linkplain Builder#budget
   * set} for it, else its publisher's {@link PlatformCapabilities#publishBudget()}.
   *
   * @param platform the platform id, lower case
   * @return the budget, or empty if no publisher was added for that platform
   */
  public Optional<PublishBudget> budget(String platform) {
    return publisher(platform).map(p -> budgets.getOrDefault(platform,
        p.capabilities().publishBudget()));
  }

  /**
   * The publisher registered for {@code platform}.
   *
   * @param platform the platform id, lower case
   * @return the publisher, or empty if none was added for that platform
   */
  public Optional<PlatformPublisher> publisher(String platform) {
    return Optional.ofNullable(publishers.get(platform));
  }

  @Override
  public String toString() {
    return "Publishing[platforms=" + publishers.keySet() + ", " + retryPolicy + ", listeners="
        + listeners.size() + (webhook == null ? "" : ", " + webhook)
        + (budgets.isEmpty() ? "" : ", budgets=" + budgets) + "]";
  }

  /** Builds {@link Publishing}. Not threadsafe. */
  public static final class Builder {
    private final Map<String, PlatformPublisher> publishers = new LinkedHashMap<>();
    private RetryPolicy retryPolicy = RetryPolicy.builder().maxAttempts(6)
        .backoff(Duration.ofSeconds(30), Duration.ofMinutes(10)).build();
    private Duration dedupeMargin = Duration.ofMinutes(5);
    private Duration unknownRetryDelay = Duration.ofSeconds(30);
    private Duration latenessBudget;
    private InstantSource clock = InstantSource.system();
    private final List<Function<PublishedPost, List<JobRequest>>> onPublished = new ArrayList<>();
    private final List<PublicationListener> listeners = new ArrayList<>();
    private WebhookSettings webhook;
    private final Map<String, PublishBudget> budgets = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds the publisher of a platform.
     *
     * @param publisher the publisher; its {@link PlatformPublisher#platform()} names the platform
     * @return this builder
     * @throws IllegalStateException if that platform already has one
     */
    public Builder publisher(PlatformPublisher publisher) {
      Preconditions.notNull(publisher, "publisher");
      Preconditions.checkState(!publishers.containsKey(publisher.platform()),
          "platform '" + publisher.platform() + "' already has a publisher");
      publishers.put(publisher.platform(), publisher);
      return this;
    }

    /**
     * How publications that published nothing are retried (default 6 attempts, 30 s doubling up
     * to 10 min). Keep the total well inside the shortest dedupe window (Mastodon: 1 hour).
     *
     * @param policy the retry policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Preconditions.notNull(policy, "retryPolicy");
      return this;
    }

    /**
     * How far inside a platform's dedupe window a replay must start (default 5 minutes): a replay
     * later than {@code window − margin} after the first call parks the target for review instead.
     *
     * @param margin the margin, zero or more
     * @return this builder
     */
    public Builder dedupeMargin(Duration margin) {
      this.dedupeMargin = Preconditions.notNegative(margin, "dedupeMargin");
      return this;
    }

    /**
     * How soon an unknown outcome is replayed with the same key (default 30 seconds).
     *
     * @param delay the delay, positive
     * @return this builder
     */
    public Builder unknownRetryDelay(Duration delay) {
      this.unknownRetryDelay = Preconditions.notNegative(delay, "unknownRetryDelay");
      return this;
    }

    /**
     * Parks a publication for review instead of publishing it later than {@code budget} after its
     * scheduled time (an outage ran long). Default: publish however late.
     *
     * @param budget the longest lateness, positive
     * @return this builder
     */
    public Builder latenessBudget(Duration budget) {
      this.latenessBudget = Preconditions.positive(budget, "latenessBudget");
      return this;
    }

    /**
     * The clock dedupe windows and lateness are judged by; default the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Preconditions.notNull(clock, "clock");
      return this;
    }

    /**
     * Jobs to schedule when a target is published (fetching engagement an hour and a day later,
     * say), committed atomically with the publication's completion.
     *
     * @param followUps the jobs to schedule for a published post; an empty list for none
     * @return this builder
     */
    public Builder onPublished(Function<PublishedPost, List<JobRequest>> followUps) {
      onPublished.add(Preconditions.notNull(followUps, "followUps"));
      return this;
    }

    /**
     * Adds a listener told about every publication's state changes (published, failed, needs
     * review, rate limited), at least once, after each change is stored. See {@link
     * PublicationListener}.
     *
     * @param listener the listener, threadsafe
     * @return this builder
     */
    public Builder listener(PublicationListener listener) {
      listeners.add(Preconditions.notNull(listener, "listener"));
      return this;
    }

    /**
     * POSTs every publication event, signed, to a webhook. See {@link WebhookSettings}.
     *
     * @param settings the webhook's URL, secret and delivery policy
     * @return this builder
     * @throws IllegalStateException if a webhook was already set
     */
    public Builder webhook(WebhookSettings settings) {
      Preconditions.notNull(settings, "webhook");
      Preconditions.checkState(webhook == null, "a webhook is already set: " + webhook);
      this.webhook = settings;
      return this;
    }

    /**
     * Holds every account of {@code platform} to {@code budget} instead of the platform's own
     * ({@link PlatformCapabilities#publishBudget()}): {@code budget("instagram",
     * PublishBudget.of(25, Duration.ofHours(24)))} for accounts whose quota is 25, or {@link
     * PublishBudget#none()} to count nothing. Replaces an earlier budget for the platform. Set
     * the same budgets on every node.
     *
     * @param platform the platform id, lower case, as its publisher names it
     * @param budget the budget of each of its accounts
     * @return this builder
     */
    public Builder budget(String platform, PublishBudget budget) {
      budgets.put(Preconditions.notBlank(platform, "platform"),
          Preconditions.notNull(budget, "budget"));
      return this;
    }

    /**
     * Builds it.
     *
     * @return the immutable publishing set-up
     * @throws IllegalStateException if no publisher was added, or a budget was set for a platform
     *     with no publisher
     */
    public Publishing build() {
      Preconditions.checkState(!publishers.isEmpty(), "no publisher added");
      for (String platform : budgets.keySet()) {
        Preconditions.checkState(publishers.containsKey(platform), "a budget is set for platform '"
            + platform + "', which has no publisher; platforms with a publisher: "
            + publishers.keySet().stream().sorted().toList());
      }
      return new Publishing(this);
    }
  }
}
