package dev.herald.platforms.instagram;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.PlatformClientBuilder;
import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ClientSettings;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.HttpTransport;
import dev.herald.platforms.internal.http.Uris;
import dev.herald.platforms.internal.meta.GraphTokenCalls;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefresher;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Refreshes the long-lived tokens of Instagram Login accounts:
 * {@code GET https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token}, which
 * returns a token valid 60 days from the refresh. Instagram allows it only for a token at least 24
 * hours old and not yet expired; an expired token cannot be refreshed and the user must log in
 * again. Run it on a schedule with {@code TokenRefreshJob.of(tokens, refresher)}; {@link
 * #exchange(String, String)} turns the short-lived token of a fresh login into a long-lived one.
 *
 * <p>{@link #needsRefresh} is true for a token that is at least 24 hours old and either older than
 * {@code refreshWhenOlderThan} (default 7 days: "schedule refresh e.g. weekly") or expiring within
 * {@code refreshWhenExpiringWithin} (default 7 days); and for an expired token, which {@link
 * #refresh} then reports as needing a new login without calling Instagram. When the issue time is
 * unknown it is taken as 60 days before the expiry. Credentials that carry a refresh token were
 * derived from a Facebook user token (Facebook Login) and are left to {@code
 * FacebookTokenRefresher.forInstagram}.
 *
 * <p>This class is threadsafe; tokens never appear in its log lines or exception messages.
 */
public final class InstagramTokenRefresher implements TokenRefresher {

  /** The lifetime of a long-lived Instagram token. */
  static final Duration LONG_LIVED = Duration.ofDays(60);

  /** The youngest token Instagram refreshes. */
  static final Duration MIN_AGE = Duration.ofHours(24);

  private final URI base;
  private final HttpTransport transport;
  private final InstantSource clock;
  private final Duration refreshAfter;
  private final Duration expiryMargin;
  private final String appSecret;

  private InstagramTokenRefresher(Builder b, ClientSettings http) {
    this.base = b.base;
    this.transport = http.transport(InstagramPublisher.PLATFORM);
    this.clock = http.clock();
    this.refreshAfter = b.refreshAfter;
    this.expiryMargin = b.expiryMargin;
    this.appSecret = b.appSecret;
  }

  /**
   * A builder with the production host {@code https://graph.instagram.com}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String platform() {
    return InstagramPublisher.PLATFORM;
  }

  @Override
  public boolean needsRefresh(Credentials current, Instant now) {
    if (current.refreshToken().isPresent()) {
      return false;
    }
    if (current.isExpiredAt(now)) {
      return true;
    }
    Optional<Instant> issued =
        current.issuedAt().or(() -> current.expiresAt().map(e -> e.minus(LONG_LIVED)));
    if (issued.isEmpty()) {
      return true;
    }
    if (now.isBefore(issued.get().plus(MIN_AGE))) {
      return false;
    }
    return !now.isBefore(issued.get().plus(refreshAfter))
        || current.expiresWithin(expiryMargin, now);
  }

  /**
   * {@inheritDoc}
   *
   * @throws TokenRefreshException not retryable if the token has expired (checked locally) or
   *     Instagram refuses it (190); retryable on network failures, 5xx and throttling
   */
  @Override
  public Credentials refresh(Target target, Credentials current) {
    String account = notNull(target, "target").account();
    Instant now = clock.instant();
    if (current.isExpiredAt(now)) {
      throw new TokenRefreshException(
          platform(),
          account,
          "the token expired at "
              + current.expiresAt().orElseThrow()
              + " and an expired Instagram token cannot be refreshed",
          false);
    }
    String token = current.accessToken();
    URI uri =
        Uris.withQuery(
            Uris.resolve(base, "/refresh_access_token"),
            FormBody.builder()
                .add("grant_type", "ig_refresh_token")
                .add("access_token", token)
                .build());
    GraphTokenCalls.Grant grant =
        GraphTokenCalls.grant(
            () -> transport.send(ApiRequest.get(uri).secret(token).build()), platform(), account);
    return Credentials.of(grant.accessToken()).issuedAt(now, grant.expiresIn().orElse(LONG_LIVED));
  }

  /**
   * Exchanges the short-lived token of a fresh Instagram login for a long-lived one: {@code GET
   * /access_token?grant_type=ig_exchange_token&client_secret=…&access_token=…}. Server-side only:
   * the request carries the app secret.
   *
   * @param account the Instagram user id
   * @param shortLivedToken the token of the login, exchanged once
   * @return credentials issued now, expiring as Instagram says (60 days)
   * @throws IllegalStateException if no app secret was configured
   * @throws TokenRefreshException if Instagram refuses or cannot be reached
   */
  public Credentials exchange(String account, String shortLivedToken) {
    notBlank(shortLivedToken, "shortLivedToken");
    if (appSecret == null) {
      throw new IllegalStateException(
          "exchanging a short-lived token needs the app secret; set it with appSecret(...)");
    }
    Instant now = clock.instant();
    URI uri =
        Uris.withQuery(
            Uris.resolve(base, "/access_token"),
            FormBody.builder()
                .add("grant_type", "ig_exchange_token")
                .add("client_secret", appSecret)
                .add("access_token", shortLivedToken)
                .build());
    GraphTokenCalls.Grant grant =
        GraphTokenCalls.grant(
            () ->
                transport.send(
                    ApiRequest.get(uri).secret(shortLivedToken).secret(appSecret).build()),
            platform(),
            account);
    return Credentials.of(grant.accessToken()).issuedAt(now, grant.expiresIn().orElse(LONG_LIVED));
  }

  @Override
  public String toString() {
    return "InstagramTokenRefresher[" + base + ", refreshAfter=" + refreshAfter + "]";
  }

  /**
   * Builds an {@link InstagramTokenRefresher}. The shared settings are those of {@link
   * PlatformClientBuilder}: the request timeout is that of the refresh and exchange calls, and the
   * clock sets issue and expiry times. Not threadsafe.
   */
  public static final class Builder extends PlatformClientBuilder<Builder> {
    private URI base = InstagramFlavour.INSTAGRAM_LOGIN.defaultGraphBaseUri();
    private Duration refreshAfter = Duration.ofDays(7);
    private Duration expiryMargin = Duration.ofDays(7);
    private String appSecret;

    private Builder() {}

    /**
     * The Instagram Graph host (default {@code https://graph.instagram.com}).
     *
     * @param uri the host, e.g. a fake server's {@code baseUri()} in tests
     * @return this builder
     */
    public Builder baseUri(URI uri) {
      this.base = notNull(uri, "baseUri");
      return this;
    }

    /**
     * Refresh tokens older than this (default 7 days; never younger than 24 h).
     *
     * @param age the age, at least 24 hours
     * @return this builder
     */
    public Builder refreshWhenOlderThan(Duration age) {
      this.refreshAfter = positive(age, "age");
      return this;
    }

    /**
     * Refresh tokens expiring within this (default 7 days).
     *
     * @param margin the margin, positive
     * @return this builder
     */
    public Builder refreshWhenExpiringWithin(Duration margin) {
      this.expiryMargin = positive(margin, "margin");
      return this;
    }

    /**
     * The app secret, needed only by {@link #exchange(String, String)}.
     *
     * @param secret the Instagram app secret; never logged
     * @return this builder
     */
    public Builder appSecret(String secret) {
      this.appSecret = notBlank(secret, "appSecret");
      return this;
    }

    /**
     * Builds the refresher.
     *
     * @return the refresher for platform {@code instagram}
     */
    public InstagramTokenRefresher build() {
      return new InstagramTokenRefresher(this, clientSettings());
    }
  }
}
