package dev.herald.platforms.token;

import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.Preconditions;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A publisher that can renew an account's credentials when a publish finds them expired: {@link
 * #refreshAuth(Target)} runs the platform's {@link TokenRefresher} through {@link
 * TokenStore#refresh}, so that one caller at a time refreshes a target (one node at a time, with a
 * shared store) and the others use its result: one refresh call per rotation.
 * Everything else is the wrapped publisher's.
 *
 * <pre>{@code
 * PlatformPublisher tiktok = RefreshingPublisher.wrap(tikTokPublisher, tokens, tikTokRefresher);
 * }</pre>
 *
 * <p>This class is threadsafe if the wrapped parts are.
 */
public final class RefreshingPublisher implements PlatformPublisher {
  private static final Logger log = Loggers.TOKEN;

  private final PlatformPublisher delegate;
  private final TokenStore tokens;
  private final TokenRefresher refresher;

  private RefreshingPublisher(PlatformPublisher delegate, TokenStore tokens,
      TokenRefresher refresher) {
    this.delegate = Preconditions.notNull(delegate, "publisher");
    this.tokens = Preconditions.notNull(tokens, "tokens");
    this.refresher = Preconditions.notNull(refresher, "refresher");
    if (!delegate.platform().equals(refresher.platform())) {
      throw new IllegalArgumentException("refresher for '" + refresher.platform()
          + "' cannot refresh the credentials of '" + delegate.platform() + "'");
    }
  }

  /**
   * {@code publisher}, refreshing with {@code refresher} on an auth failure.
   *
   * @param publisher the publisher to wrap
   * @param tokens where the credentials are read and the refreshed ones stored
   * @param refresher the refresher for the publisher's platform
   * @return a publisher that publishes through {@code publisher} and refreshes on an auth failure
   * @throws IllegalArgumentException if the two are for different platforms
   */
  public static PlatformPublisher wrap(PlatformPublisher publisher, TokenStore tokens,
      TokenRefresher refresher) {
    return new RefreshingPublisher(publisher, tokens, refresher);
  }

  @Override
  public String platform() {
    return delegate.platform();
  }

  @Override
  public PlatformCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public PlatformCapabilities capabilities(Target target) {
    return delegate.capabilities(target);
  }

  @Override
  public List<PostViolation> validate(Post post) {
    return delegate.validate(post);
  }

  @Override
  public List<PostViolation> validate(Post post, Target target) {
    return delegate.validate(post, target);
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    return delegate.publish(request);
  }

  @Override
  public Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
    return delegate.reconcile(request, firstSentAt);
  }

  @Override
  public Optional<Instant> quotaExhaustedUntil(Target target) {
    return delegate.quotaExhaustedUntil(target);
  }

  /**
   * Refreshes the credentials of {@code target}, or waits for the refresh another caller is making;
   * true if newer credentials are now stored.
   */
  @Override
  public boolean refreshAuth(Target target) {
    Optional<Credentials> current = tokens.get(target);
    if (current.isEmpty()) {
      return false;
    }
    try {
      Optional<Credentials> now =
          tokens.refresh(target, current.get(), c -> refresher.refresh(target, c));
      return now.isPresent() && !now.get().equals(current.get());
    } catch (TokenRefreshException e) {
      log.warn(e.getMessage());
      return false;
    }
  }

  @Override
  public String toString() {
    return "RefreshingPublisher[" + delegate + "]";
  }
}
