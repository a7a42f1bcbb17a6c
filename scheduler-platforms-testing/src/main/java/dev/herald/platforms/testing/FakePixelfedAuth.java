package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tokens of a {@link FakePixelfed}: which access token belongs to which account, and the {@code
 * refresh_token} grant of Laravel Passport, which rotates the pair and revokes the old one. This
 * class is threadsafe.
 */
final class FakePixelfedAuth {

  private final Map<String, String> accountsByToken;
  private final Map<String, String> accountsByRefresh;
  private final String clientId;
  private final String clientSecret;
  private final AtomicLong issued = new AtomicLong();

  FakePixelfedAuth(
      Map<String, String> accountsByToken,
      Map<String, String> accountsByRefresh,
      String clientId,
      String clientSecret) {
    this.accountsByToken = new ConcurrentHashMap<>(accountsByToken);
    this.accountsByRefresh = new ConcurrentHashMap<>(accountsByRefresh);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /** The account of the request's bearer token, if the token is valid. */
  Optional<String> authorize(FakeRequest request) {
    return request.bearerToken().map(accountsByToken::get);
  }

  boolean accepts(String token) {
    return accountsByToken.containsKey(token);
  }

  /** {@code POST /oauth/token}: only the {@code refresh_token} grant. */
  synchronized FakeResponse token(FakeRequest request) {
    if (!request.param("grant_type").orElse("").equals("refresh_token")) {
      return error(
          400,
          "unsupported_grant_type",
          "The authorization grant type is not supported by the authorization server.");
    }
    boolean clientOk =
        request.param("client_id").equals(Optional.of(clientId))
            && (clientSecret == null
                || request.param("client_secret").equals(Optional.of(clientSecret)));
    if (!clientOk) {
      return error(401, "invalid_client", "Client authentication failed");
    }
    String username = accountsByRefresh.remove(request.param("refresh_token").orElse(""));
    if (username == null) {
      return error(400, "invalid_grant", "The refresh token is invalid.");
    }
    accountsByToken.values().removeIf(username::equals);
    long n = issued.incrementAndGet();
    String access = "pxf-access-" + username + "-" + n;
    String refresh = "pxf-refresh-" + username + "-" + n;
    accountsByToken.put(access, username);
    accountsByRefresh.put(refresh, username);
    FakeResponse response = FakeResponse.of(Fixtures.get("pixelfed-oauth-token.json"));
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    body.put("access_token", access);
    body.put("refresh_token", refresh);
    return response.withBody(Json.write(body));
  }

  private static FakeResponse error(int status, String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    body.put("message", description);
    return FakeResponse.json(status, new String(Json.write(body), StandardCharsets.UTF_8));
  }
}
