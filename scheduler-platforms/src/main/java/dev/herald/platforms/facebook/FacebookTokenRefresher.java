package dev.herald.platforms.facebook;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.PlatformClientBuilder;
import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ClientSettings;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Uris;
import dev.herald.platforms.internal.meta.GraphApi;
import dev.herald.platforms.internal.meta.GraphTokenCalls;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefresher;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps Page tokens usable. Facebook has no refresh
 * endpoint: a Page token is <em>derived</em> from a user token, and lives as long as that user
 * token was long-lived — about an hour when derived from a short-lived user token, without expiry
 * when derived from a long-lived one (until the user changes password, loses the Page role or
 * removes the app: 190).
 *
 * <p><b>Model.</b> A Page's credentials hold the Page token as access token and the user token it
 * derives from as refresh token (with the user token's expiry as refresh expiry): the user token
 * plays the role a refresh token plays elsewhere. {@link #pages(Credentials)} produces such
 * credentials at onboarding. {@link #needsRefresh} is true only for a Page token that expires
 * within the margin, i.e. one derived from a short-lived user token; {@link #refresh} then
 * exchanges the user token for a long-lived one ({@code fb_exchange_token}) when it is not
 * long-lived already, and looks the Page token up again with it ({@code GET
 * /{page-id}?fields=access_token}), which yields a Page token without expiry. An expired user token
 * cannot be exchanged: the user must log in again.
 *
 * <p>The same refresher serves Instagram accounts published with Facebook Login ({@link
 * #forInstagram()}): their credentials are the linked Page's, stored under the IG user id, and the
 * lookup goes through {@code /me/accounts}, matching {@code instagram_business_account}.
 *
 * <p>Run it with {@code TokenRefreshJob.of(tokens, refresher)}. This class is threadsafe; tokens
 * and the app secret never appear in its log lines or exception messages.
 */
public final class FacebookTokenRefresher implements TokenRefresher {

  /** A user token with more than this left is treated as long-lived (short ones last 1–2 h). */
  static final Duration LONG_LIVED_THRESHOLD = Duration.ofDays(1);

  private static final int MAX_ACCOUNT_PAGES = 10;

  private final String platform;
  private final String appId;
  private final String appSecret;
  private final GraphApi graph;
  private final InstantSource clock;
  private final Duration margin;

  private FacebookTokenRefresher(Builder b, ClientSettings http, String platform) {
    this.platform = platform;
    this.appId = b.appId;
    this.appSecret = b.appSecret;
    this.graph = new GraphApi(http.transport(platform), b.base, b.version);
    this.clock = http.clock();
    this.margin = b.margin;
  }

  /**
   * A builder for the app {@code appId} with secret {@code appSecret} (server side only).
   *
   * @param appId the Facebook app id
   * @param appSecret the app secret; never logged
   * @return a new builder
   */
  public static Builder builder(String appId, String appSecret) {
    return new Builder(appId, appSecret);
  }

  /** {@code facebook}, or {@code instagram} for a {@link #forInstagram()} refresher. */
  @Override
  public String platform() {
    return platform;
  }

  /**
   * The same refresher for Instagram accounts published with Facebook Login: platform {@code
   * instagram}, accounts are IG user ids, found through {@code /me/accounts}.
   *
   * @return a refresher for platform {@code instagram}, with this one's settings
   */
  public FacebookTokenRefresher forInstagram() {
    return platform.equals("instagram") ? this : new FacebookTokenRefresher(this, "instagram");
  }

  private FacebookTokenRefresher(FacebookTokenRefresher from, String platform) {
    this.platform = platform;
    this.appId = from.appId;
    this.appSecret = from.appSecret;
    this.graph = from.graph;
    this.clock = from.clock;
    this.margin = from.margin;
  }

  /** True for a Page token derived from a user token that expires within the margin. */
  @Override
  public boolean needsRefresh(Credentials current, Instant now) {
    return current.refreshToken().isPresent() && current.expiresWithin(margin, now);
  }

  /**
   * {@inheritDoc}
   *
   * @throws TokenRefreshException not retryable when no user token is stored, it has expired, or
   *     Facebook refuses it (190) or the user no longer manages the Page; retryable on network
   *     failures, 5xx and throttling
   */
  @Override
  public Credentials refresh(Target target, Credentials current) {
    String account = notNull(target, "target").account();
    Instant now = clock.instant();
    String user =
        current
            .refreshToken()
            .orElseThrow(
                () ->
                    new TokenRefreshException(
                        platform,
                        account,
                        "no user token is stored with the page token; connect the page again",
                        false));
    Optional<Instant> userExpiry = current.refreshExpiresAt();
    if (userExpiry.isPresent() && !now.isBefore(userExpiry.get())) {
      throw new TokenRefreshException(
          platform, account, "the user token expired at " + userExpiry.get(), false);
    }
    Credentials userCredentials =
        userExpiry.isPresent() && userExpiry.get().isAfter(now.plus(LONG_LIVED_THRESHOLD))
            ? Credentials.of(user).withExpiresAt(userExpiry.get())
            : exchange(account, user);
    String pageToken =
        platform.equals("instagram")
            ? pageOfInstagramAccount(account, userCredentials.accessToken())
            : pageToken(account, userCredentials.accessToken());
    return pageCredentials(pageToken, userCredentials, now);
  }

  /**
   * Exchanges a user token for a long-lived one (about 60 days): {@code GET
   * /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token}.
   *
   * @param userToken a short-lived user token from Facebook Login
   * @return the user's credentials, issued now
   * @throws TokenRefreshException if Facebook refuses or cannot be reached
   */
  public Credentials exchangeUserToken(String userToken) {
    return exchange("me", notBlank(userToken, "userToken"));
  }

  /**
   * The Pages the user manages, each with the credentials to store for it ({@code GET
   * /me/accounts?fields=id,name,access_token,tasks,instagram_business_account}). Exchange a
   * short-lived user token first ({@link #exchangeUserToken}) so that the Page tokens do not
   * expire.
   *
   * @param user the user's credentials, ideally long-lived
   * @return the Pages, in the order Facebook lists them; empty if the user manages none
   * @throws TokenRefreshException if Facebook refuses or cannot be reached
   */
  public List<FacebookPage> pages(Credentials user) {
    notNull(user, "user");
    Instant now = clock.instant();
    List<FacebookPage> pages = new ArrayList<>();
    for (JsonNode page : accounts("me", user.accessToken())) {
      Optional<String> id = Json.text(page, "id");
      Optional<String> token = Json.text(page, "access_token");
      if (id.isEmpty() || token.isEmpty()) {
        continue;
      }
      List<String> tasks = new ArrayList<>();
      page.path("tasks").forEach(t -> tasks.add(t.asText()));
      pages.add(
          new FacebookPage(
              id.get(),
              page.path("name").asText(""),
              tasks,
              Json.text(page.path("instagram_business_account"), "id"),
              pageCredentials(token.get(), user, now)));
    }
    return pages;
  }

  /**
   * The Page token without expiry when {@code user} is long-lived, else expiring with the user
   * token; the user token kept as refresh token.
   */
  private static Credentials pageCredentials(String pageToken, Credentials user, Instant now) {
    Optional<Instant> userExpiry = user.expiresAt();
    boolean longLived =
        userExpiry.isEmpty() || userExpiry.get().isAfter(now.plus(LONG_LIVED_THRESHOLD));
    return Credentials.of(pageToken)
        .withRefreshToken(user.accessToken(), userExpiry.orElse(null))
        .withIssuedAt(now)
        .withExpiresAt(longLived ? null : userExpiry.get());
  }

  private Credentials exchange(String account, String userToken) {
    Instant now = clock.instant();
    URI uri =
        Uris.withQuery(
            graph.uri("/oauth/access_token"),
            FormBody.builder()
                .add("grant_type", "fb_exchange_token")
                .add("client_id", appId)
                .add("client_secret", appSecret)
                .add("fb_exchange_token", userToken)
                .build());
    GraphTokenCalls.Grant grant =
        GraphTokenCalls.grant(
            () -> graph.send(ApiRequest.get(uri).secret(userToken).secret(appSecret).build()),
            platform,
            account);
    Credentials user = Credentials.of(grant.accessToken()).withIssuedAt(now);
    return grant.expiresIn().map(in -> user.issuedAt(now, in)).orElse(user);
  }

  /** {@code GET /{page-id}?fields=id,name,access_token} with the user token. */
  private String pageToken(String page, String userToken) {
    JsonNode body =
        GraphTokenCalls.body(
            () ->
                graph.get(
                    "/" + page,
                    FormBody.builder().add("fields", "id,name,access_token").build(),
                    userToken),
            platform,
            page);
    return Json.text(body, "access_token")
        .filter(t -> !t.isBlank())
        .orElseThrow(
            () ->
                new TokenRefreshException(
                    platform,
                    page,
                    "no page token returned; the user may have lost the Page role",
                    false));
  }

  /** The token of the Page linked to Instagram account {@code igUser}, via {@code /me/accounts}. */
  private String pageOfInstagramAccount(String igUser, String userToken) {
    for (JsonNode page : accounts(igUser, userToken)) {
      if (Json.text(page.path("instagram_business_account"), "id").orElse("").equals(igUser)) {
        Optional<String> token = Json.text(page, "access_token");
        if (token.isPresent()) {
          return token.get();
        }
      }
    }
    throw new TokenRefreshException(
        platform,
        igUser,
        "the user manages no Page linked to this Instagram account any more",
        false);
  }

  /** Every entry of {@code /me/accounts}, following the {@code after} cursor. */
  private List<JsonNode> accounts(String account, String userToken) {
    List<JsonNode> out = new ArrayList<>();
    String after = null;
    for (int page = 0; page < MAX_ACCOUNT_PAGES; page++) {
      FormBody.Builder query =
          FormBody.builder()
              .add("fields", "id,name,access_token,tasks,instagram_business_account")
              .add("limit", "100");
      if (after != null) {
        query.add("after", after);
      }
      FormBody q = query.build();
      JsonNode body =
          GraphTokenCalls.body(() -> graph.get("/me/accounts", q, userToken), platform, account);
      body.path("data").forEach(out::add);
      JsonNode paging = body.path("paging");
      after = paging.path("cursors").path("after").asText(null);
      if (paging.path("next").isMissingNode() || after == null) {
        break;
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "FacebookTokenRefresher[" + platform + ", app " + appId + ", " + graph + "]";
  }

  /**
   * Builds a {@link FacebookTokenRefresher}. The shared settings are those of {@link
   * PlatformClientBuilder}: the request timeout is that of the Graph calls, and the clock sets
   * issue and expiry times. Not threadsafe.
   */
  public static final class Builder extends PlatformClientBuilder<Builder> {
    private final String appId;
    private final String appSecret;
    private URI base = URI.create("https://graph.facebook.com");
    private String version = "v25.0";
    private Duration margin = Duration.ofMinutes(30);

    private Builder(String appId, String appSecret) {
      this.appId = notBlank(appId, "appId");
      this.appSecret = notBlank(appSecret, "appSecret");
    }

    /**
     * The Graph host (default {@code https://graph.facebook.com}).
     *
     * @param uri the Graph host, e.g. a fake server's {@code baseUri()} in tests
     * @return this builder
     */
    public Builder graphBaseUri(URI uri) {
      this.base = notNull(uri, "graphBaseUri");
      return this;
    }

    /**
     * The Graph API version, pinned (default {@code v25.0}).
     *
     * @param version the version, such as {@code v25.0}
     * @return this builder
     * @throws IllegalArgumentException unless it looks like {@code v25.0}
     */
    public Builder graphVersion(String version) {
      this.version = GraphApi.checkVersion(version);
      return this;
    }

    /**
     * Refresh Page tokens expiring within this (default 30 min; run the job more often than that).
     *
     * @param margin the margin, positive
     * @return this builder
     */
    public Builder refreshWhenExpiringWithin(Duration margin) {
      this.margin = positive(margin, "margin");
      return this;
    }

    /**
     * Builds the refresher for platform {@code facebook}.
     *
     * @return the refresher
     */
    public FacebookTokenRefresher build() {
      return new FacebookTokenRefresher(this, clientSettings(), FacebookPublisher.PLATFORM);
    }
  }
}
