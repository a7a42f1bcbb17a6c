package dev.herald.platforms.pixelfed;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.PlatformClientBuilder;
import dev.herald.platforms.internal.Instances;
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
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

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
 * <p><b>Instances.</b> OAuth clients are registered per instance (an app registers itself on each
 * instance its users connect), so one refresher serves every instance it has a client for: the
 * default instance of {@link #builder(URI)} with {@link Builder#clientId}, and any other through
 * {@link Builder#clients}, a lookup of the app's registrations. An account of an instance without a
 * client is refused (its refresh token is never sent anywhere else), and {@link
 * dev.herald.platforms.token.TokenRefreshJob} skips it ({@link #serves}).
 *
 * <p>No token or client secret appears in a log line or exception message. This class is
 * threadsafe; build it with {@link #builder()} or {@link #builder(URI)}.
 */
public final class PixelfedTokenRefresher implements TokenRefresher {

  /**
   * The app's OAuth client on one instance, as {@code POST /api/v1/apps} registered it.
   * {@link #toString()} never shows the secret. Instances are immutable and threadsafe.
   *
   * @param clientId the client id
   * @param clientSecret the client secret, or null for a public client
   */
  public record OAuthClient(String clientId, String clientSecret) {
    /**
     * Checks the components.
     *
     * @param clientId the client id, not blank
     * @param clientSecret the client secret, null or not blank
     * @throws IllegalArgumentException if a component is blank
     */
    public OAuthClient {
      notBlank(clientId, "clientId");
      if (clientSecret != null) {
        notBlank(clientSecret, "clientSecret");
      }
    }

    /** The client id, and the secret as {@code <redacted>}. */
    @Override
    public String toString() {
      return "OAuthClient[clientId=" + clientId + ", clientSecret="
          + (clientSecret == null ? "none" : "<redacted>") + "]";
    }
  }

  private final URI instance;
  private final OAuthClient defaultClient;
  private final Function<String, Optional<OAuthClient>> clients;
  private final Function<String, URI> instanceUris;
  private final String scope;
  private final Duration margin;
  private final InstantSource clock;
  private final HttpTransport transport;

  private PixelfedTokenRefresher(Builder b, ClientSettings http) {
    this.instance = b.instance;
    this.defaultClient = b.instance == null ? null : new OAuthClient(b.clientId, b.clientSecret);
    this.clients = b.clients;
    this.instanceUris = b.instanceUris;
    this.scope = b.scope;
    this.margin = b.margin;
    this.clock = http.clock();
    this.transport = http.transport(PixelfedPublisher.PLATFORM);
  }

  /**
   * A builder for a refresher of every instance its {@link Builder#clients clients} lookup knows.
   *
   * @return a new builder; a clients lookup must be set before {@code build()}
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * A builder for a refresher whose default instance, for targets that name none or name it, is at
   * {@code instance}, with the client set by {@link Builder#clientId}.
   *
   * @param instance the default instance's base URI
   * @return a new builder; a client id must be set before {@code build()}
   * @throws IllegalArgumentException if {@code instance} is not an http(s) URI with a host
   */
  public static Builder builder(URI instance) {
    return new Builder(Instances.checkBaseUri(instance, "instance"));
  }

  /** Whether this refresher has an OAuth client for {@code target}'s instance. */
  @Override
  public boolean serves(Target target) {
    return endpoint(notNull(target, "target")).isPresent();
  }

  private record Endpoint(URI instance, OAuthClient client) {}

  private Optional<Endpoint> endpoint(Target target) {
    Optional<String> name = target.instance();
    if (instance != null && (name.isEmpty()
        || name.get().equals(instance.getRawAuthority().toLowerCase(Locale.ROOT)))) {
      return Optional.of(new Endpoint(instance, defaultClient));
    }
    if (name.isEmpty() || clients == null) {
      return Optional.empty();
    }
    return clients.apply(name.get()).map(client -> new Endpoint(
        Instances.checkBaseUri(instanceUris.apply(name.get()), "pixelfed URI of instance "
            + name.get()), client));
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
    Endpoint endpoint = endpoint(target).orElseThrow(() -> failure(
        account + target.instance().map(i -> "@" + i).orElse(""), "this refresher has no OAuth"
            + " client for " + target.instance().map(i -> "instance " + i).orElse("a target"
            + " without an instance") + "; register one with clients(..)", false));
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
            .add("client_id", endpoint.client().clientId());
    String clientSecret = endpoint.client().clientSecret();
    if (clientSecret != null) {
      form.add("client_secret", clientSecret);
    }
    form.add("scope", scope);
    ApiRequest request =
        ApiRequest.post(Uris.resolve(endpoint.instance(), "/oauth/token"), form.build())
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
    return "PixelfedTokenRefresher[" + (instance == null ? "" : instance + ", ")
        + (clients == null ? "" : "instances by client lookup, ") + "margin " + margin + "]";
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
    private Function<String, Optional<OAuthClient>> clients;
    private Function<String, URI> instanceUris = Instances::https;
    private String scope = "read write";
    private Duration margin = Duration.ofDays(7);

    private Builder(URI instance) {
      this.instance = instance;
    }

    /**
     * The app's OAuth clients on instances other than the default: a lookup by instance name
     * ({@code pixelfed.social}), typically over the table where the app keeps what {@code POST
     * /api/v1/apps} returned on each instance. Called on each refresh; empty for an instance the
     * app has no client on. Required without a default instance.
     *
     * @param clients the client of an instance, or empty
     * @return this builder
     */
    public Builder clients(Function<String, Optional<OAuthClient>> clients) {
      this.clients = notNull(clients, "clients");
      return this;
    }

    /**
     * How an instance named by a target is reached (default {@code https://<instance>}), as {@link
     * PixelfedPublisher.Builder#instanceUris}.
     *
     * @param uris the base URI of an instance name; must return an http(s) URI with a host
     * @return this builder
     */
    public Builder instanceUris(Function<String, URI> uris) {
      this.instanceUris = notNull(uris, "instanceUris");
      return this;
    }

    /**
     * The OAuth client id of the app registered on the default instance. Required with one.
     *
     * @param clientId the client id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = notBlank(clientId, "clientId");
      return this;
    }

    /**
     * The app's client secret on the default instance; omit it for a public client. Never logged.
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
     * @throws NullPointerException if there is a default instance and no client id was set
     * @throws IllegalStateException if there is neither a default instance nor a clients lookup
     */
    public PixelfedTokenRefresher build() {
      if (instance == null && clients == null) {
        throw new IllegalStateException("a PixelfedTokenRefresher without a default instance needs"
            + " clients(instance -> ...): the app's OAuth client on each instance");
      }
      if (instance != null) {
        notNull(clientId, "clientId");
      }
      return new PixelfedTokenRefresher(this, clientSettings());
    }
  }
}
