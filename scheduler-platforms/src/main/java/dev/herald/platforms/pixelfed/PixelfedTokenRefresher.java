package dev.herald.platforms.pixelfed;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.PlatformClientBuilder;
import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.ClientSettings;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.HttpTransport;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.internal.http.Uris;
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
 * Refreshes Pixelfed access tokens with the OAuth {@code refresh_token} grant of Laravel Passport:
 * {@code POST /oauth/token} with {@code grant_type}, {@code
 * refresh_token}, {@code client_id}, {@code client_secret} and {@code scope}, answered with {@code
 * {"token_type","expires_in","access_token","refresh_token"}}. Access tokens live {@code
 * OAUTH_TOKEN_DAYS} (365 days by default); the new credentials take their expiry from {@code
 * expires_in}, as the reference advises. Passport rotates the refresh token and revokes the old
 * pair, so the job stores the result with {@code TokenStore.replace}; use it through {@link
 * dev.herald.platforms.token.TokenRefreshJob}.
 *
 * <p>Accounts without a refresh token (personal access tokens, which lapse after a year and cannot
 * be refreshed) are never due. Failures: an OAuth error ({@code invalid_grant}, {@code
 * invalid_client}…, any 4xx but 408/429) means the user must authorise again; 408, 429, 5xx and
 * network errors are retryable. A lost response is retryable too, although Passport may already
 * have rotated the pair: the retry then gets {@code invalid_grant}, which asks for a new
 * authorisation rather than guessing.
 *
 * <p>OAuth clients are registered per instance, so a refresher serves the accounts of one
 * instance: those whose target names it, and those that name no instance. It refuses an account of
 * another instance (never sending its refresh token elsewhere); run one refresher per instance.
 *
 * <p>No token or client secret appears in a log line or exception message. This class is
 * threadsafe; build it with {@link #builder(URI)}.
 */
public final class PixelfedTokenRefresher implements TokenRefresher {

  private final URI instance;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final Duration margin;
  private final InstantSource clock;
  private final HttpTransport transport;

  private PixelfedTokenRefresher(Builder b, ClientSettings http) {
    this.instance = b.instance;
    this.clientId = notBlank(b.clientId, "clientId");
    this.clientSecret = b.clientSecret;
    this.scope = b.scope;
    this.margin = b.margin;
    this.clock = http.clock();
    this.transport = http.transport(PixelfedPublisher.PLATFORM);
  }

  /**
   * A builder for the instance at {@code instance}.
   *
   * @param instance the instance's base URI
   * @return a new builder; a client id must be set before {@code build()}
   */
  public static Builder builder(URI instance) {
    return new Builder(instance);
  }

  @Override
  public String platform() {
    return PixelfedPublisher.PLATFORM;
  }

  /** Whether {@code current} has a refresh token and its access token expires within the margin. */
  @Override
  public boolean needsRefresh(Credentials current, Instant now) {
    return current.refreshToken().isPresent() && current.expiresWithin(margin, now);
  }

  @Override
  public Credentials refresh(Target target, Credentials current) {
    String account = notNull(target, "target").account();
    String authority = instance.getRawAuthority().toLowerCase(java.util.Locale.ROOT);
    if (target.instance().filter(i -> !i.equals(authority)).isPresent()) {
      // never send one server's refresh token to another
      throw failure(account + "@" + target.instance().get(), "this refresher holds the OAuth client"
          + " of " + authority + " only; build one refresher per instance", false);
    }
    notNull(current, "current");
    String refreshToken =
        current
            .refreshToken()
            .orElseThrow(
                () ->
                    failure(
                        account,
                        "no refresh token is stored (personal access tokens cannot be refreshed)",
                        false));
    Instant now = clock.instant();
    if (current.refreshExpiresAt().filter(t -> !now.isBefore(t)).isPresent()) {
      throw failure(
          account,
          "the refresh token expired at " + current.refreshExpiresAt().orElseThrow(),
          false);
    }
    FormBody.Builder form =
        FormBody.builder()
            .add("grant_type", "refresh_token")
            .add("refresh_token", refreshToken)
            .add("client_id", clientId);
    if (clientSecret != null) {
      form.add("client_secret", clientSecret);
    }
    form.add("scope", scope);
    ApiRequest request =
        ApiRequest.post(Uris.resolve(instance, "/oauth/token"), form.build())
            .header("Accept", "application/json")
            .secret(refreshToken)
            .secret(clientSecret)
            .build();
    ApiResponse response;
    try {
      response = transport.send(request);
    } catch (TransportException e) {
      throw failure(account, e.getMessage(), true);
    }
    if (!response.isSuccessful()) {
      throw rejected(account, response);
    }
    return credentials(account, response, current, refreshToken, now);
  }

  private Credentials credentials(
      String account, ApiResponse response, Credentials current, String oldRefresh, Instant now) {
    JsonNode body = response.jsonOrMissing();
    Optional<String> access = Json.text(body, "access_token").filter(t -> !t.isBlank());
    if (access.isEmpty()) {
      throw failure(account, response + " has no access_token", true);
    }
    String refresh = Json.text(body, "refresh_token").filter(t -> !t.isBlank()).orElse(oldRefresh);
    Instant refreshExpiry =
        refresh.equals(oldRefresh) ? current.refreshExpiresAt().orElse(null) : null;
    Credentials updated = Credentials.of(access.get()).withRefreshToken(refresh, refreshExpiry);
    Optional<Long> expiresIn =
        Json.text(body, "expires_in").flatMap(PixelfedTokenRefresher::seconds);
    return expiresIn.isPresent()
        ? updated.issuedAt(now, Duration.ofSeconds(expiresIn.get()))
        : updated.withIssuedAt(now);
  }

  private TokenRefreshException rejected(String account, ApiResponse response) {
    int status = response.status();
    JsonNode body = response.jsonOrMissing();
    String error = Json.text(body, "error").orElse("");
    String description =
        Json.text(body, "error_description").or(() -> Json.text(body, "message")).orElse("");
    String reason =
        response
            .request()
            .redact(
                response
                    + (error.isEmpty() ? "" : " " + error)
                    + (description.isEmpty() ? "" : ": " + description));
    boolean retryable = status >= 500 || status == 429 || status == 408;
    return failure(account, reason, retryable);
  }

  private static Optional<Long> seconds(String value) {
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds > 0 ? Optional.of(seconds) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static TokenRefreshException failure(String account, String reason, boolean retryable) {
    return new TokenRefreshException(PixelfedPublisher.PLATFORM, account, reason, retryable);
  }

  @Override
  public String toString() {
    return "PixelfedTokenRefresher[" + instance + ", margin " + margin + "]";
  }

  /**
   * Builds a {@link PixelfedTokenRefresher}. The shared settings are those of {@link
   * PlatformClientBuilder}: the request timeout is that of the token call, and the clock dates the
   * new credentials. Not threadsafe.
   */
  public static final class Builder extends PlatformClientBuilder<Builder> {
    private final URI instance;
    private String clientId;
    private String clientSecret;
    private String scope = "read write";
    private Duration margin = Duration.ofDays(7);

    private Builder(URI instance) {
      notNull(instance, "instance");
      if (!"https".equalsIgnoreCase(instance.getScheme())
          && !"http".equalsIgnoreCase(instance.getScheme())) {
        throw new IllegalArgumentException("instance must be an http(s) URI, was " + instance);
      }
      this.instance = instance;
    }

    /**
     * The OAuth client id of the app registered on the instance. Required.
     *
     * @param clientId the client id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = notBlank(clientId, "clientId");
      return this;
    }

    /**
     * The app's client secret; omit it for a public client. Never logged.
     *
     * @param clientSecret the client secret, or null for a public client
     * @return this builder
     */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = notBlank(clientSecret, "clientSecret");
      return this;
    }

    /**
     * The scope requested with the refresh (default {@code read write}).
     *
     * @param scope the space-separated scopes
     * @return this builder
     */
    public Builder scope(String scope) {
      this.scope = notBlank(scope, "scope");
      return this;
    }

    /**
     * Refresh tokens expiring within this margin (default 7 days).
     *
     * @param margin the margin, positive
     * @return this builder
     */
    public Builder margin(Duration margin) {
      this.margin = positive(margin, "margin");
      return this;
    }

    /**
     * Builds the refresher.
     *
     * @return the refresher for platform {@code pixelfed}
     * @throws NullPointerException if no client id was set
     */
    public PixelfedTokenRefresher build() {
      return new PixelfedTokenRefresher(this, clientSettings());
    }
  }
}
