package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The accounts of a {@link FakeTikTok} and their tokens: access tokens (those issued by a refresh
 * expire on the fake's clock), refresh tokens (rotated on every refresh unless rotation is off: the
 * old one stops working), per-token request windows for the documented per-minute limits, and the
 * per-creator posting caps. Mutable; every method is called under the fake's lock.
 */
final class FakeTikTokAccounts {

  /** One creator. */
  static final class Account {
    final String openId;
    final String username;
    final boolean privateAccount;
    final boolean canPublish;
    final List<Instant> directPosts = new ArrayList<>();
    final List<Instant> inboxShares = new ArrayList<>();

    Account(String openId, String username, boolean privateAccount, boolean canPublish) {
      this.openId = openId;
      this.username = username;
      this.privateAccount = privateAccount;
      this.canPublish = canPublish;
    }

    /** The privacy levels creator_info offers this creator. */
    List<String> privacyOptions() {
      return privateAccount
          ? List.of("FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY")
          : List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY");
    }

    /** How many of {@code times} fall in the 24 hours before {@code now}. */
    static int inLastDay(List<Instant> times, Instant now) {
      times.removeIf(t -> !t.isAfter(now.minus(Duration.ofDays(1))));
      return times.size();
    }
  }

  private record Issued(String openId, Instant expiresAt) {
    boolean validAt(Instant now) {
      return expiresAt == null || now.isBefore(expiresAt);
    }
  }

  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, Issued> accessTokens = new HashMap<>();
  private final Map<String, Issued> refreshTokens = new HashMap<>();
  private final Map<String, Deque<Instant>> windows = new HashMap<>();
  private final String clientKey;
  private final String clientSecret;
  private final Duration accessLifetime;
  private final Duration refreshLifetime;
  private final boolean rotate;

  FakeTikTokAccounts(
      String clientKey,
      String clientSecret,
      Duration accessLifetime,
      Duration refreshLifetime,
      boolean rotate) {
    this.clientKey = clientKey;
    this.clientSecret = clientSecret;
    this.accessLifetime = accessLifetime;
    this.refreshLifetime = refreshLifetime;
    this.rotate = rotate;
  }

  void add(Account account, String accessToken) {
    accounts.putIfAbsent(account.openId, account);
    accessTokens.put(accessToken, new Issued(account.openId, null));
  }

  void addRefreshToken(String openId, String refreshToken, Instant expiresAt) {
    refreshTokens.put(refreshToken, new Issued(openId, expiresAt));
  }

  boolean isEmpty() {
    return accounts.isEmpty();
  }

  /** The account whose valid access token {@code request} carries as Bearer. */
  Optional<Account> authorize(FakeRequest request, Instant now) {
    return request
        .bearerToken()
        .map(accessTokens::get)
        .filter(i -> i.validAt(now))
        .map(i -> accounts.get(i.openId()));
  }

  /**
   * Whether one more request of {@code bucket} by {@code token} fits {@code perMinute} in the
   * minute before {@code now}; counts it if so.
   */
  boolean allow(FakeRequest request, String bucket, int perMinute, Instant now) {
    Deque<Instant> window =
        windows.computeIfAbsent(
            bucket + " " + request.bearerToken().orElse(""), k -> new ArrayDeque<>());
    while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
      window.pollFirst();
    }
    if (window.size() >= perMinute) {
      return false;
    }
    window.addLast(now);
    return true;
  }

  /** The refresh tokens of {@code openId} that still work at {@code now}. */
  List<String> refreshTokensOf(String openId, Instant now) {
    return refreshTokens.entrySet().stream()
        .filter(e -> e.getValue().openId().equals(openId) && e.getValue().validAt(now))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** {@code POST /v2/oauth/token/} with {@code grant_type=refresh_token}. */
  FakeResponse refresh(FakeRequest request, Instant now) {
    boolean client =
        (clientKey == null || request.param("client_key").orElse("").equals(clientKey))
            && (clientSecret == null
                || request.param("client_secret").orElse("").equals(clientSecret));
    if (!client) {
      return oauthError(401, "invalid_client", "Client key or secret is incorrect.");
    }
    if (!request.param("grant_type").orElse("").equals("refresh_token")) {
      return oauthError(400, "unsupported_grant_type", "Only refresh_token is supported here.");
    }
    String token = request.param("refresh_token").orElse("");
    Issued issued = refreshTokens.get(token);
    if (issued == null || !issued.validAt(now)) {
      return FakeResponse.of(Fixtures.get("tiktok-oauth-token-error.json"));
    }
    String access = "act." + UUID.randomUUID().toString().replace("-", "");
    accessTokens.put(access, new Issued(issued.openId(), now.plus(accessLifetime)));
    String refresh = token;
    Instant refreshExpiry = issued.expiresAt();
    if (rotate) {
      refreshTokens.remove(token);
      refresh = "rft." + UUID.randomUUID().toString().replace("-", "");
      refreshExpiry = now.plus(refreshLifetime);
      refreshTokens.put(refresh, new Issued(issued.openId(), refreshExpiry));
    }
    FakeResponse response = FakeResponse.of(Fixtures.get("tiktok-oauth-token-ok.json"));
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    body.put("access_token", access);
    body.put("expires_in", accessLifetime.toSeconds());
    body.put("open_id", issued.openId());
    body.put("refresh_token", refresh);
    body.put(
        "refresh_expires_in",
        refreshExpiry == null
            ? refreshLifetime.toSeconds()
            : Math.max(0, Duration.between(now, refreshExpiry).toSeconds()));
    return response.withBody(Json.write(body));
  }

  private static FakeResponse oauthError(int status, String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    body.put("log_id", "20261120123107FAKE0AUTH");
    return FakeResponse.json(status, new String(Json.write(body), StandardCharsets.UTF_8));
  }
}
