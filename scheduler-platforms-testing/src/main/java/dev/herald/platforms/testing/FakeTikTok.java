package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.atLeast;
import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;
import static dev.herald.platforms.testing.Arguments.positive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A fake TikTok Content Posting API on loopback, serving the {@code tiktok-*} fixtures with
 * TikTok's stateful behaviour:
 *
 * <ul>
 *   <li>{@value #CREATOR_INFO}: the creator's privacy options ({@code PUBLIC_TO_EVERYONE} for
 *       public accounts, {@code FOLLOWER_OF_CREATOR} for private ones) and username.
 *   <li>{@value #VIDEO_INIT}, {@value #INBOX_VIDEO_INIT}, {@value #CONTENT_INIT}: check the body
 *       like TikTok (privacy among the creator's options, title lengths, chunk rules, verified URL
 *       prefixes, 1–35 photos, unaudited clients, the daily post cap, 5 pending inbox shares) and
 *       start a task; FILE_UPLOAD answers an {@code upload_url} pointing at this fake's {@value
 *       #UPLOAD} route.
 *   <li>{@value #UPLOAD}: chunks in order with {@code Content-Range}, 206 … 201; 416 with the
 *       progress when a range does not continue it; 403 once the URL is an hour old (fake clock).
 *   <li>{@value #STATUS}: {@code PROCESSING_UPLOAD} while uploading, {@code PROCESSING_UPLOAD} or
 *       {@code PROCESSING_DOWNLOAD} for {@link Builder#processingPolls n} polls, then {@code
 *       PUBLISH_COMPLETE} with an int64 post id above 2<sup>53</sup> (none for {@code SELF_ONLY},
 *       or for {@link Builder#moderationPolls m} polls), {@code SEND_TO_USER_INBOX} for inbox
 *       uploads, or HTTP 200 {@code FAILED} with the reason given to {@link #failNext}.
 *   <li>{@value #CANCEL}: cancels a pull still downloading.
 *   <li>{@value #OAUTH_TOKEN}: refresh-token grant with rotation (the old refresh token stops
 *       working) and the lifetimes of {@link Builder#tokenLifetimes}.
 *   <li>{@code access_token_invalid} for unknown or expired tokens, {@code scope_not_authorized}
 *       for {@link Builder#readOnlyAccount read-only} ones; with {@link Builder#enforceRateLimits},
 *       429 {@code rate_limit_exceeded} beyond 6 inits, 20 creator_info and 30 status reads per
 *       minute and token.
 * </ul>
 *
 * <p>A publish enters the {@link #ledger()} when TikTok would make it live (or deliver it to the
 * inbox): when a status poll sees it finish, or when {@link #settle()} finishes every task in
 * flight, as TikTok does in the background even if the client went away (a dropped init response).
 * Its remote id is the post id (the publish id for {@code SELF_ONLY} posts and inbox drafts), its
 * text the video title or photo description, its media the pulled URLs or {@code upload:<id>}.
 * Faults: {@link Fault#status(int)} answers in TikTok's envelope ({@code internal_error} for 5xx,
 * {@code rate_limit_exceeded} for 429, {@code access_token_invalid} for 401) without running the
 * route; {@link #failNextInitAfterStart} starts the task first, as TikTok may.
 *
 * <p>This class is threadsafe.
 */
public final class FakeTikTok extends FakeServer {

  /** The creator info route. */
  public static final String CREATOR_INFO = "POST /v2/post/publish/creator_info/query/";

  /** The direct video init route. */
  public static final String VIDEO_INIT = "POST /v2/post/publish/video/init/";

  /** The inbox (draft) video init route. */
  public static final String INBOX_VIDEO_INIT = "POST /v2/post/publish/inbox/video/init/";

  /** The photo init route. */
  public static final String CONTENT_INIT = "POST /v2/post/publish/content/init/";

  /** The chunk upload route that this fake's upload URLs point at. */
  public static final String UPLOAD = "PUT /video/";

  /** The status route. */
  public static final String STATUS = "POST /v2/post/publish/status/fetch/";

  /** The cancel route. */
  public static final String CANCEL = "POST /v2/post/publish/cancel/";

  /** The OAuth token route. */
  public static final String OAUTH_TOKEN = "POST /v2/oauth/token/";

  /** The first post id served: the fixture's, above 2<sup>53</sup>. */
  public static final String FIRST_POST_ID = "7439912345678901234";

  private final Object lock = new Object();
  private final FakeTikTokAccounts accounts;
  private final FakeTikTokInits inits;
  private final FakeTikTokTasks tasks;
  private final boolean enforceRateLimits;
  private final Deque<Integer> initFailures = new ArrayDeque<>();

  private FakeTikTok(Builder b) {
    super("tiktok", b.clock);
    this.accounts = b.accounts();
    this.inits = new FakeTikTokInits(b.unaudited, b.verifiedPrefixes, b.dailyPostCap);
    this.tasks =
        new FakeTikTokTasks(
            FIRST_POST_ID, b.processingPolls, b.moderationPolls, ledger(), platform());
    this.enforceRateLimits = b.enforceRateLimits;
    route("POST", "/v2/post/publish/creator_info/query/", this::creatorInfo);
    route("POST", "/v2/post/publish/video/init/", r -> init(r, "video"));
    route("POST", "/v2/post/publish/inbox/video/init/", r -> init(r, "inbox"));
    route("POST", "/v2/post/publish/content/init/", r -> init(r, "photo"));
    route("PUT", "/video/", r -> locked(() -> tasks.upload(r, clock().instant())));
    route("POST", "/v2/post/publish/status/fetch/", r -> withTask(r, "status", 30, false));
    route("POST", "/v2/post/publish/cancel/", r -> withTask(r, "status", 30, true));
    route("POST", "/v2/oauth/token/", r -> locked(() -> accounts.refresh(r, clock().instant())));
  }

  /**
   * A builder; add at least one account.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes the next task started end {@code FAILED} with {@code failReason} (e.g. {@code
   * picture_size_check_failed}, {@code video_pull_failed}); calls queue up.
   *
   * @param failReason TikTok's {@code fail_reason}
   */
  public void failNext(String failReason) {
    notBlank(failReason, "failReason");
    synchronized (lock) {
      tasks.failNext(failReason);
    }
  }

  /**
   * Makes the next accepted init start its task as usual (a PULL_FROM_URL or photo task begins
   * fetching and will publish; a FILE_UPLOAD task waits for bytes that never come) and then answer
   * {@code status} instead of its success: 500 with {@code internal_error} in TikTok's envelope,
   * 502 to 504 without a body, as a gateway in front of TikTok does. TikTok documents no transaction
   * around its init: with PULL_FROM_URL nothing is sent after it, TikTok fetches the media itself
   * (https://developers.tiktok.com/doc/content-posting-api-reference-upload-video, and the
   * direct-post reference), and it describes {@code internal_error} only as "the generic error
   * code for TikTok internal errors"
   * (https://developers.tiktok.com/doc/tiktok-api-v2-error-handling), so a server error does not
   * say that nothing started. Calls queue up.
   *
   * @param status the HTTP status to answer, 500 to 599
   * @throws IllegalArgumentException if {@code status} is not a 5xx
   */
  public void failNextInitAfterStart(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be 500..599, was " + status);
    }
    synchronized (lock) {
      initFailures.add(status);
    }
  }

  /**
   * Finishes every task whose bytes are all in (uploaded or being pulled), as TikTok does in the
   * background: each becomes complete (entering the ledger), delivered to the inbox, or failed.
   */
  public void settle() {
    synchronized (lock) {
      tasks.settle(clock().instant());
    }
  }

  /**
   * The refresh tokens of {@code openId} that still work now (after rotation: only the newest).
   *
   * @param openId the account's open id
   * @return the refresh tokens; empty if the account has none
   */
  public List<String> validRefreshTokens(String openId) {
    synchronized (lock) {
      return accounts.refreshTokensOf(openId, clock().instant());
    }
  }

  /**
   * The publish ids of the tasks started so far, in no particular order.
   *
   * @return the publish ids, a snapshot
   */
  public List<String> publishIds() {
    synchronized (lock) {
      return tasks.publishIds();
    }
  }

  @Override
  protected FakeResponse faultResponse(int status) {
    if (status == 429) {
      return fixture("tiktok-error-rate-limit.json");
    }
    if (status == 401) {
      return fixture("tiktok-error-access-token-invalid.json");
    }
    if (status >= 500) {
      return fixture("tiktok-error-internal.json").withStatus(status);
    }
    return FakeTikTokInits.error(status, "invalid_param", "fake tiktok fault: HTTP " + status);
  }

  private FakeResponse creatorInfo(FakeRequest request) {
    synchronized (lock) {
      Instant now = clock().instant();
      Optional<FakeTikTokAccounts.Account> account = accounts.authorize(request, now);
      Optional<FakeResponse> refused = refuse(request, account, "creator_info", 20, now);
      if (refused.isPresent()) {
        return refused.get();
      }
      FakeTikTokAccounts.Account a = account.orElseThrow();
      String file =
          a.privateAccount
              ? "tiktok-creator-info-private-account.json"
              : "tiktok-creator-info-ok.json";
      FakeResponse response = fixture(file);
      ObjectNode body = (ObjectNode) Json.parse(response.body());
      ((ObjectNode) body.path("data")).put("creator_username", a.username);
      return response.withBody(Json.write(body));
    }
  }

  private FakeResponse init(FakeRequest request, String kind) {
    synchronized (lock) {
      Instant now = clock().instant();
      Optional<FakeTikTokAccounts.Account> account = accounts.authorize(request, now);
      Optional<FakeResponse> refused = refuse(request, account, "init", 6, now);
      if (refused.isPresent()) {
        return refused.get();
      }
      JsonNode body;
      try {
        body = Json.parse(request.body());
      } catch (IllegalArgumentException e) {
        return fixture("tiktok-error-invalid-param.json");
      }
      FakeTikTokInits.Result result =
          inits.start(kind, body, account.get(), tasks.nextFailure(), now);
      if (result.task() == null) {
        return result.response();
      }
      tasks.add(result.task());
      Integer failure = initFailures.poll();
      if (failure != null) {
        return failure == 500
            ? fixture("tiktok-error-internal.json").withStatus(500)
            : FakeResponse.empty(failure);
      }
      return FakeTikTokInits.withUploadUrl(result.response(), result.task(), baseUri());
    }
  }

  /** status/fetch and cancel: authorised, optionally rate limited, on one of the caller's tasks. */
  private FakeResponse withTask(FakeRequest request, String bucket, int perMinute, boolean cancel) {
    synchronized (lock) {
      Instant now = clock().instant();
      Optional<FakeTikTokAccounts.Account> account = accounts.authorize(request, now);
      if (account.isEmpty()) {
        return fixture("tiktok-error-access-token-invalid.json");
      }
      if (!cancel && enforceRateLimits && !accounts.allow(request, bucket, perMinute, now)) {
        return fixture("tiktok-error-rate-limit.json");
      }
      return cancel
          ? tasks.cancel(request, account.get())
          : tasks.status(request, account.get(), now);
    }
  }

  private FakeResponse locked(Supplier<FakeResponse> handler) {
    synchronized (lock) {
      return handler.get();
    }
  }

  private Optional<FakeResponse> refuse(
      FakeRequest request,
      Optional<FakeTikTokAccounts.Account> account,
      String bucket,
      int perMinute,
      Instant now) {
    if (account.isEmpty()) {
      return Optional.of(fixture("tiktok-error-access-token-invalid.json"));
    }
    if (!account.get().canPublish) {
      return Optional.of(fixture("tiktok-error-scope-not-authorized.json"));
    }
    if (enforceRateLimits && !accounts.allow(request, bucket, perMinute, now)) {
      return Optional.of(fixture("tiktok-error-rate-limit.json"));
    }
    return Optional.empty();
  }

  /** Builds and starts a {@link FakeTikTok}. Not threadsafe. */
  public static final class Builder {
    private record Seed(FakeTikTokAccounts.Account account, String accessToken) {}

    private final List<Seed> seeds = new ArrayList<>();
    private final List<String[]> refreshTokens = new ArrayList<>();
    private final List<String> verifiedPrefixes = new ArrayList<>();
    private InstantSource clock = InstantSource.system();
    private String clientKey;
    private String clientSecret;
    private Duration accessLifetime = Duration.ofHours(2);
    private Duration refreshLifetime = Duration.ofDays(180);
    private boolean rotate = true;
    private boolean unaudited;
    private int processingPolls = 1;
    private int moderationPolls;
    private int dailyPostCap = 15;
    private boolean enforceRateLimits;

    private Builder() {}

    /**
     * A public account {@code openId} ({@code username}) whose {@code accessToken} may post.
     *
     * @param openId the account's open id
     * @param username the account's user name
     * @param accessToken the account's access token
     * @return this builder
     */
    public Builder account(String openId, String username, String accessToken) {
      return seed(openId, username, accessToken, false, true);
    }

    /**
     * A private account: creator_info offers {@code FOLLOWER_OF_CREATOR}, not public.
     *
     * @param openId the account's open id
     * @param username the account's user name
     * @param accessToken the account's access token
     * @return this builder
     */
    public Builder privateAccount(String openId, String username, String accessToken) {
      return seed(openId, username, accessToken, true, true);
    }

    /**
     * An account whose token lacks {@code video.publish}: {@code scope_not_authorized}.
     *
     * @param openId the account's open id
     * @param accessToken the account's access token
     * @return this builder
     */
    public Builder readOnlyAccount(String openId, String accessToken) {
      return seed(openId, openId, accessToken, false, false);
    }

    /**
     * A refresh token of {@code openId}, valid for the refresh lifetime from start.
     *
     * @param openId the account's open id
     * @param refreshToken the refresh token
     * @return this builder
     */
    public Builder refreshToken(String openId, String refreshToken) {
      refreshTokens.add(new String[] {notBlank(openId, "openId"), notBlank(refreshToken, "token")});
      return this;
    }

    /**
     * The app's credentials the token route checks (default: any are accepted).
     *
     * @param clientKey the app's client key
     * @param clientSecret the app's client secret
     * @return this builder
     */
    public Builder client(String clientKey, String clientSecret) {
      this.clientKey = notBlank(clientKey, "clientKey");
      this.clientSecret = notBlank(clientSecret, "clientSecret");
      return this;
    }

    /**
     * The lifetimes of refreshed tokens (default 2 h and 180 d, TikTok's docs of 2026-11; the older
     * docs said 24 h and 365 d).
     *
     * @param access the lifetime of access tokens
     * @param refresh the lifetime of refresh tokens
     * @return this builder
     */
    public Builder tokenLifetimes(Duration access, Duration refresh) {
      this.accessLifetime = positive(access, "access");
      this.refreshLifetime = positive(refresh, "refresh");
      return this;
    }

    /**
     * Whether a refresh returns a new refresh token and invalidates the old one (default true);
     * false returns the same one, as the older docs allowed.
     *
     * @param rotate whether refreshes rotate the refresh token
     * @return this builder
     */
    public Builder rotateRefreshTokens(boolean rotate) {
      this.rotate = rotate;
      return this;
    }

    /**
     * An unaudited app: direct posts to public accounts fail with {@code
     * unaudited_client_can_only_post_to_private_accounts}; posts to private ones become {@code
     * SELF_ONLY}.
     *
     * @param unaudited whether the app is unaudited
     * @return this builder
     */
    public Builder unauditedClient(boolean unaudited) {
      this.unaudited = unaudited;
      return this;
    }

    /**
     * The URL prefixes verified for PULL_FROM_URL (default: every https URL).
     *
     * @param prefixes the verified prefixes
     * @return this builder
     */
    public Builder verifiedUrlPrefixes(String... prefixes) {
      verifiedPrefixes.clear();
      verifiedPrefixes.addAll(List.of(prefixes));
      return this;
    }

    /**
     * The clock of token expiry, upload URL expiry, caps and rate windows (default system).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * How many status polls answer PROCESSING_* once all bytes are in (default 1).
     *
     * @param polls the number of polls, 0 or more
     * @return this builder
     */
    public Builder processingPolls(int polls) {
      this.processingPolls = atLeast(polls, 0, "polls");
      return this;
    }

    /**
     * How many PUBLISH_COMPLETE polls omit the post id (moderation; default 0).
     *
     * @param polls the number of polls, 0 or more
     * @return this builder
     */
    public Builder moderationPolls(int polls) {
      this.moderationPolls = atLeast(polls, 0, "polls");
      return this;
    }

    /**
     * Direct posts per creator per 24 h before {@code spam_risk_too_many_posts} (default 15).
     *
     * @param cap the number of posts
     * @return this builder
     */
    public Builder dailyPostCap(int cap) {
      this.dailyPostCap = atLeast(cap, 0, "cap");
      return this;
    }

    /**
     * Whether the per-token per-minute limits answer 429 (default false).
     *
     * @param enforce whether to enforce the limits
     * @return this builder
     */
    public Builder enforceRateLimits(boolean enforce) {
      this.enforceRateLimits = enforce;
      return this;
    }

    /**
     * Builds the fake and starts it.
     *
     * @return the started fake; close it to free its port
     * @throws IllegalStateException if no account was added
     */
    public FakeTikTok start() {
      if (seeds.isEmpty()) {
        throw new IllegalStateException(
            "a FakeTikTok needs at least one account; add one with account(...)");
      }
      FakeTikTok fake = new FakeTikTok(this);
      fake.start();
      return fake;
    }

    private FakeTikTokAccounts accounts() {
      FakeTikTokAccounts accounts =
          new FakeTikTokAccounts(clientKey, clientSecret, accessLifetime, refreshLifetime, rotate);
      seeds.forEach(s -> accounts.add(s.account(), s.accessToken()));
      Instant expiry = clock.instant().plus(refreshLifetime);
      refreshTokens.forEach(t -> accounts.addRefreshToken(t[0], t[1], expiry));
      return accounts;
    }

    private Builder seed(
        String openId, String username, String token, boolean privateAccount, boolean canPublish) {
      seeds.add(
          new Seed(
              new FakeTikTokAccounts.Account(
                  notBlank(openId, "openId"),
                  notBlank(username, "username"),
                  privateAccount,
                  canPublish),
              notBlank(token, "accessToken")));
      return this;
    }
  }
}
