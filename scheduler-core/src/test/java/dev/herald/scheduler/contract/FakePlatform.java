package dev.herald.scheduler.contract;

import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.PublishBudget;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TextLength;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An in-process platform for protocol tests: a ledger of accepted posts, optional deduplication by
 * key within a window, scripted outcomes, a quota and a refreshable token. Threadsafe.
 */
public final class FakePlatform implements PlatformPublisher {
  record Sent(String account, String text, String key, String remoteId, Instant at) {}

  private final String platform;
  private final Duration window;
  private final int maxText;
  private final InstantSource clock;
  private final List<Sent> ledger = new ArrayList<>();
  private final List<String> keysSeen = new ArrayList<>();
  private final Map<String, Sent> byKey = new HashMap<>();
  private final Deque<Function<PublishRequest, PublishResult>> script = new ArrayDeque<>();
  private Instant quotaUntil;
  private boolean tokenValid = true;
  private boolean refreshWorks = true;
  private int refreshes;
  private PublishBudget budget = PublishBudget.none();
  private Duration reconcileSettle; // null: the platform cannot be asked
  private BiFunction<PublishRequest, Instant, Reconciliation> reconciler; // overrides the ledger
  private int reconciles;

  FakePlatform(String platform, Duration window, int maxText, InstantSource clock) {
    this.platform = platform;
    this.window = window;
    this.maxText = maxText;
    this.clock = clock;
  }

  @Override
  public String platform() {
    return platform;
  }

  @Override
  public synchronized PlatformCapabilities capabilities() {
    PlatformCapabilities.Builder caps = PlatformCapabilities.builder(platform)
        .maxTextLength(maxText, TextLength.codePoints())
        .media(0, 4, MediaKind.IMAGE)
        .idempotencyWindow(window);
    if (budget.isLimited()) {
      caps.publishBudget(budget.posts(), budget.window());
    }
    return caps.build();
  }

  /** The platform declares this per-account budget in its capabilities. */
  synchronized FakePlatform budget(PublishBudget declared) {
    this.budget = declared;
    return this;
  }

  @Override
  public synchronized PublishResult publish(PublishRequest request) {
    keysSeen.add(request.idempotencyKey());
    Function<PublishRequest, PublishResult> next = script.poll();
    if (next != null) {
      return next.apply(request);
    }
    if (!tokenValid) {
      return PublishResult.authExpired("token expired");
    }
    return accept(request);
  }

  /** Accepts the post (or replays it inside the window) and returns Published. */
  synchronized PublishResult.Published accept(PublishRequest request) {
    Instant now = clock.instant();
    Sent earlier = byKey.get(request.idempotencyKey());
    if (earlier != null && !window.isZero()
        && Duration.between(earlier.at(), now).compareTo(window) < 0) {
      return PublishResult.published(earlier.remoteId(), url(earlier.remoteId()));
    }
    String id = platform + "-" + (ledger.size() + 1);
    Sent sent = new Sent(request.account(), request.post().text(), request.idempotencyKey(), id,
        now);
    ledger.add(sent);
    byKey.put(request.idempotencyKey(), sent);
    return PublishResult.published(id, url(id));
  }

  private URI url(String id) {
    return URI.create("https://" + platform + ".example/p/" + id);
  }

  @Override
  public synchronized boolean refreshAuth(Target target) {
    refreshes++;
    if (refreshWorks) {
      tokenValid = true;
    }
    return refreshWorks;
  }

  @Override
  public synchronized Optional<Instant> quotaExhaustedUntil(Target target) {
    return Optional.ofNullable(quotaUntil).filter(t -> t.isAfter(clock.instant()));
  }

  /**
   * Answers {@link #reconcile} from the ledger: the post under the request's key if accepted;
   * else {@code Pending} until {@code settle} after the first send, then {@code NotFound}.
   */
  synchronized FakePlatform reconciling(Duration settle) {
    this.reconcileSettle = settle;
    return this;
  }

  @Override
  public synchronized Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    if (reconciler != null) {
      reconciles++;
      return reconciler.apply(request, firstSentAt);
    }
    if (reconcileSettle == null) {
      return PlatformPublisher.super.reconcile(request, firstSentAt);
    }
    reconciles++;
    Sent sent = byKey.get(request.idempotencyKey());
    if (sent != null) {
      return Reconciliation.found(sent.remoteId(), url(sent.remoteId()));
    }
    Instant settled = firstSentAt.plus(reconcileSettle);
    if (clock.instant().isBefore(settled)) {
      Duration remaining = Duration.between(clock.instant(), settled);
      Duration hour = Duration.ofHours(1);
      return Reconciliation.pending(remaining.compareTo(hour) < 0 ? remaining : hour,
          "too soon to tell");
    }
    return Reconciliation.notFound("no post under key " + request.idempotencyKey());
  }

  /** Answers {@link #reconcile} with {@code answer} (which may read the request's progress). */
  synchronized FakePlatform reconcilingWith(
      BiFunction<PublishRequest, Instant, Reconciliation> answer) {
    this.reconciler = answer;
    return this;
  }

  synchronized int reconciles() {
    return reconciles;
  }

  /** The next publish calls answer with these, in order. */
  synchronized FakePlatform then(Function<PublishRequest, PublishResult> outcome) {
    script.add(outcome);
    return this;
  }

  /** The next call takes effect (the post is accepted) but its outcome is reported unknown. */
  synchronized FakePlatform thenAcceptButLoseTheResponse() {
    return then(r -> {
      accept(r);
      return PublishResult.unknown("connection dropped after sending");
    });
  }

  synchronized void quotaUntil(Instant until) {
    quotaUntil = until;
  }

  synchronized void expireToken(boolean refreshWorks) {
    this.tokenValid = false;
    this.refreshWorks = refreshWorks;
  }

  synchronized List<Sent> ledger() {
    return List.copyOf(ledger);
  }

  synchronized List<String> keysSeen() {
    return List.copyOf(keysSeen);
  }

  synchronized int refreshes() {
    return refreshes;
  }
}
