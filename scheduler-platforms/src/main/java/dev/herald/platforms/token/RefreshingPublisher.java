package dev.herald.platforms.token;

import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.Preconditions;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A publisher that can renew an account's credentials when a publish finds them expired: {@link
 * #refreshAuth(String)} runs the platform's {@link TokenRefresher} and stores the result with
 * {@link TokenStore#replace} (compare-and-set, so a concurrent refresh is never overwritten).
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
  public List<PostViolation> validate(Post post) {
    return delegate.validate(post);
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    return delegate.publish(request);
  }

  @Override
  public Optional<Instant> quotaExhaustedUntil(String account) {
    return delegate.quotaExhaustedUntil(account);
  }

  /** Refreshes {@code account}'s credentials; true if newer credentials are now stored. */
  @Override
  public boolean refreshAuth(String account) {
    Optional<Credentials> current = tokens.get(platform(), account);
    if (current.isEmpty()) {
      return false;
    }
    try {
      Credentials updated = refresher.refresh(account, current.get());
      if (tokens.replace(platform(), account, current.get(), updated)) {
        return true;
      }
      // someone else refreshed meanwhile: theirs is newer, use it
      return !tokens.get(platform(), account).equals(current);
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
