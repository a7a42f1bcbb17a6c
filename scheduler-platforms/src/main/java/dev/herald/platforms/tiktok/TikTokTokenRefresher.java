package dev.herald.platforms.tiktok;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNegative;
import static dev.herald.platforms.internal.Preconditions.notNull;

import dev.herald.platforms.PlatformClientBuilder;
import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.http.ClientSettings;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefresher;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;

/**
 * Refreshes TikTok user tokens with {@code POST /v2/oauth/token/} ({@code
 * grant_type=refresh_token}), for {@link dev.herald.platforms.token.TokenRefreshJob}:
 *
 * <pre>{@code
 * TikTokTokenRefresher refresher =
 *     TikTokTokenRefresher.builder(clientKey, clientSecret).tokens(tokens).build();
 * Scheduler.builder()
 *     .recurring("tiktok-token-refresh", Triggers.parse("15m"), TokenRefreshJob.of(tokens,
 * refresher))
 * }</pre>
 *
 * <p><b>Rotation.</b> Current TikTok docs (2026-11) give access tokens 2 hours and refresh tokens
 * 180 days, and every refresh returns a new refresh token while the old one stops working; older
 * docs said 24 hours and 365 days and a refresh token that might not change. This refresher follows
 * whatever the response says: expiry from {@code expires_in}, refresh expiry from {@code
 * refresh_expires_in}, the newest {@code refresh_token} (the old one kept only when none is
 * returned). The job stores the result with {@link TokenStore#replace} (compare-and-set), so a
 * rotated token is stored atomically with its access token or not at all.
 *
 * <p><b>Concurrency.</b> Refreshes of one account are serialised inside this refresher, and a
 * second call with the credentials a refresh started from gets that refresh's result instead of
 * spending the (now invalid) refresh token again. With {@link Builder#tokens} set, it also re-reads
 * the store first and never spends a refresh token that is no longer the stored one: if another
 * node or thread already rotated it, the stored credentials are returned without calling TikTok
 * (the job's compare-and-set then fails and keeps them). If TikTok answers {@code invalid_grant}
 * and the store meanwhile holds other credentials, the cause was a concurrent rotation, not a
 * revoked grant, and the stored credentials are returned too. What remains is a race between
 * processes that both pass that check before either stores; run the refresh as one recurring Herald
 * job (claimed by one node at a time) so it cannot happen. See the module README for the full
 * analysis.
 *
 * <p><b>Errors.</b> {@code invalid_grant} and the other OAuth errors ({@code invalid_client},
 * {@code access_denied}, {@code invalid_scope}…) are not retryable: the creator must authorise
 * again. A network failure, a 5xx, a 429 or an unreadable body is retryable. TikTok reports OAuth
 * errors in a flat {@code {"error","error_description","log_id"}} body, sometimes with HTTP 200, so
 * the body decides, not the status. No message ever contains a token or the client secret.
 *
 * <p>This class is threadsafe.
 */
public final class TikTokTokenRefresher implements TokenRefresher {

  private static final Logger log = Loggers.TOKEN;

  private final URI apiBase;
  private final TikTokOAuth oauth;
  private final TokenStore tokens;
  private final InstantSource clock;
  private final Duration margin;
  private final ConcurrentMap<Target, Object> locks = new ConcurrentHashMap<>();
  private final ConcurrentMap<Target, Credentials[]> lastRefresh = new ConcurrentHashMap<>();

  private TikTokTokenRefresher(Builder b, ClientSettings http) {
    this.apiBase = b.apiBase;
    this.oauth =
        new TikTokOAuth(
            apiBase, http.transport(TikTokPublisher.PLATFORM), b.clientKey, b.clientSecret);
    this.tokens = b.tokens;
    this.clock = http.clock();
    this.margin = b.margin;
  }

  /**
   * A builder for the app with {@code clientKey} and {@code clientSecret}.
   *
   * @param clientKey the app's client key
   * @param clientSecret the app's client secret; never logged
   * @return a new builder
   * @throws IllegalArgumentException if either is blank
   */
  public static Builder builder(String clientKey, String clientSecret) {
    return new Builder(clientKey, clientSecret);
  }

  @Override
  public String platform() {
    return TikTokPublisher.PLATFORM;
  }

  /**
   * Whether {@code current} has a refresh token and its access token expires within the margin (or
   * its expiry is unknown).
   */
  @Override
  public boolean needsRefresh(Credentials current, Instant now) {
    return current.refreshToken().isPresent()
        && (current.expiresAt().isEmpty() || current.expiresWithin(margin, now));
  }

  @Override
  public Credentials refresh(Target target, Credentials current) {
    String account = notNull(target, "target").account();
    notNull(current, "current");
    String refreshToken =
        current
            .refreshToken()
            .orElseThrow(() -> failure(account, "no refresh token is stored", false));
    Instant now = clock.instant();
    Optional<Instant> refreshExpiry = current.refreshExpiresAt();
    if (refreshExpiry.isPresent() && !now.isBefore(refreshExpiry.get())) {
      throw failure(account, "the refresh token expired at " + refreshExpiry.get(), false);
    }
    synchronized (locks.computeIfAbsent(target, t -> new Object())) {
      Credentials[] last = lastRefresh.get(target);
      if (last != null && last[0].equals(current)) {
        return last[1];
      }
      Optional<Credentials> superseded = superseded(target, current);
      if (superseded.isPresent()) {
        log.info(
            "tiktok account {}: credentials were refreshed elsewhere; not spending the old"
                + " refresh token",
            account);
        return superseded.get();
      }
      TikTokOAuth.Grant grant;
      try {
        grant = oauth.refresh(refreshToken);
      } catch (TikTokOAuth.Refused refused) {
        if (refused.invalidGrant()) {
          Optional<Credentials> rotated = superseded(target, current);
          if (rotated.isPresent()) {
            log.info(
                "tiktok account {}: invalid_grant after a concurrent rotation; using the stored"
                    + " credentials",
                account);
            return rotated.get();
          }
        }
        throw failure(account, refused.getMessage(), refused.retryable());
      }
      Credentials fresh = grant.toCredentials(current, clock.instant());
      lastRefresh.put(target, new Credentials[] {current, fresh});
      return fresh;
    }
  }

  @Override
  public String toString() {
    return "TikTokTokenRefresher[" + apiBase + ", margin " + margin + "]";
  }

  /** The stored credentials, if a store is configured and they are no longer {@code current}. */
  private Optional<Credentials> superseded(Target target, Credentials current) {
    if (tokens == null) {
      return Optional.empty();
    }
    return tokens.get(target).filter(c -> !c.equals(current));
  }

  private static TokenRefreshException failure(String account, String reason, boolean retryable) {
    return new TokenRefreshException(TikTokPublisher.PLATFORM, account, reason, retryable);
  }

  /**
   * Builds a {@link TikTokTokenRefresher}. The shared settings are those of {@link
   * PlatformClientBuilder}: the request timeout is that of the token call, and the clock dates the
   * new credentials. Not threadsafe.
   */
  public static final class Builder extends PlatformClientBuilder<Builder> {
    private final String clientKey;
    private final String clientSecret;
    private URI apiBase = TikTokPublisher.DEFAULT_API_BASE;
    private TokenStore tokens;
    private Duration margin = Duration.ofMinutes(30);

    private Builder(String clientKey, String clientSecret) {
      this.clientKey = notBlank(clientKey, "clientKey");
      this.clientSecret = notBlank(clientSecret, "clientSecret");
    }

    /**
     * The API host (default {@link TikTokPublisher#DEFAULT_API_BASE}).
     *
     * @param apiBase the API host, e.g. a fake server's {@code baseUri()} in tests
     * @return this builder
     */
    public Builder apiBase(URI apiBase) {
      this.apiBase = notNull(apiBase, "apiBase");
      return this;
    }

    /**
     * The store the job updates, read before each refresh so that a refresh token another node
     * already rotated is never spent (recommended; see the class documentation).
     *
     * @param tokens the store of the refreshed credentials
     * @return this builder
     */
    public Builder tokens(TokenStore tokens) {
      this.tokens = notNull(tokens, "tokens");
      return this;
    }

    /**
     * How long before expiry an access token is refreshed (default 30 min; with 2-hour tokens, run
     * the job at least every 15 minutes).
     *
     * @param margin the margin, positive
     * @return this builder
     */
    public Builder refreshMargin(Duration margin) {
      this.margin = notNegative(margin, "margin");
      return this;
    }

    /**
     * Builds the refresher.
     *
     * @return the refresher for platform {@code tiktok}
     */
    public TikTokTokenRefresher build() {
      TikTokTokenRefresher refresher = new TikTokTokenRefresher(this, clientSettings());
      log.info(
          "tiktok token refresher for {}: margin={}, store check {}",
          apiBase,
          margin,
          tokens == null ? "off" : "on");
      return refresher;
    }
  }
}
