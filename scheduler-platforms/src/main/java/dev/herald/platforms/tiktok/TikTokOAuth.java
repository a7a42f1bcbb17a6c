package dev.herald.platforms.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.Redaction;
import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.HttpTransport;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.internal.http.Uris;
import dev.herald.scheduler.credentials.Credentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code POST /v2/oauth/token/} with {@code grant_type=refresh_token}, and the reading of
 * its flat success body or OAuth error body. The client secret and the refresh token are registered
 * as secrets of the request, so no log line or message shows them. This class is threadsafe.
 */
final class TikTokOAuth {

  static final String TOKEN_PATH = "/v2/oauth/token/";

  /** OAuth error codes that may pass; every other code needs the creator to authorise again. */
  private static final Set<String> RETRYABLE = Set.of("server_error", "temporarily_unavailable");

  private final URI apiBase;
  private final HttpTransport transport;
  private final String clientKey;
  private final String clientSecret;

  TikTokOAuth(URI apiBase, HttpTransport transport, String clientKey, String clientSecret) {
    this.apiBase = apiBase;
    this.transport = transport;
    this.clientKey = clientKey;
    this.clientSecret = clientSecret;
  }

  /**
   * A successful refresh.
   *
   * @param accessToken the new access token
   * @param refreshToken the refresh token returned, if any (rotation returns a new one each time)
   * @param expiresIn {@code expires_in} seconds, if sent
   * @param refreshExpiresIn {@code refresh_expires_in} seconds, if sent
   */
  record Grant(
      String accessToken,
      Optional<String> refreshToken,
      OptionalLong expiresIn,
      OptionalLong refreshExpiresIn) {

    /**
     * The new credentials: the newest refresh token (the current one if none was returned), with
     * the lifetimes the response gave; a refresh expiry is kept only for an unchanged token.
     */
    Credentials toCredentials(Credentials current, Instant now) {
      String newest = refreshToken.orElse(current.refreshToken().orElse(null));
      Instant refreshExpiry;
      if (refreshExpiresIn.isPresent()) {
        refreshExpiry = now.plusSeconds(refreshExpiresIn.getAsLong());
      } else if (newest != null && newest.equals(current.refreshToken().orElse(null))) {
        refreshExpiry = current.refreshExpiresAt().orElse(null);
      } else {
        refreshExpiry = null;
      }
      Credentials fresh = Credentials.of(accessToken).withRefreshToken(newest, refreshExpiry);
      return expiresIn.isPresent()
          ? fresh.issuedAt(now, Duration.ofSeconds(expiresIn.getAsLong()))
          : fresh.withIssuedAt(now);
    }

    @Override
    public String toString() {
      return "Grant[accessToken="
          + Redaction.MASK
          + ", refreshToken="
          + refreshToken.map(t -> Redaction.MASK).orElse("none")
          + ", expiresIn="
          + expiresIn
          + ", refreshExpiresIn="
          + refreshExpiresIn
          + "]";
    }
  }

  /** TikTok refused the refresh or could not be reached. The message holds no secret. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final boolean invalidGrant;

    Refused(String message, boolean retryable, boolean invalidGrant) {
      super(message, null, false, false);
      this.retryable = retryable;
      this.invalidGrant = invalidGrant;
    }

    boolean retryable() {
      return retryable;
    }

    boolean invalidGrant() {
      return invalidGrant;
    }
  }

  /** Exchanges {@code refreshToken} for new tokens. */
  Grant refresh(String refreshToken) throws Refused {
    FormBody form =
        FormBody.builder()
            .add("client_key", clientKey)
            .add("client_secret", clientSecret)
            .add("grant_type", "refresh_token")
            .add("refresh_token", refreshToken)
            .build();
    ApiRequest request =
        ApiRequest.post(Uris.resolve(apiBase, TOKEN_PATH), form)
            .header("Cache-Control", "no-cache")
            .secret(clientSecret)
            .secret(refreshToken)
            .build();
    ApiResponse response;
    try {
      response = transport.send(request);
    } catch (TransportException e) {
      throw new Refused(e.getMessage(), true, false);
    }
    JsonNode body = response.jsonOrMissing();
    String error = errorCode(body);
    Optional<String> access = Json.text(body, "access_token").filter(t -> !t.isBlank());
    if (error.isEmpty() && response.isSuccessful() && access.isPresent()) {
      return new Grant(
          access.get(),
          Json.text(body, "refresh_token").filter(t -> !t.isBlank()),
          seconds(body, "expires_in"),
          seconds(body, "refresh_expires_in"));
    }
    String reason = describe(response, body, error);
    if (error.isEmpty()) {
      boolean retryable =
          response.isSuccessful() || response.status() == 429 || response.status() >= 500;
      throw new Refused(
          reason + (response.isSuccessful() ? ": no access_token" : ""), retryable, false);
    }
    boolean retryable = RETRYABLE.contains(error) || response.status() >= 500;
    throw new Refused(reason, retryable, error.equals("invalid_grant"));
  }

  /** The OAuth {@code error} string, or the {@code error.code} of a v2 envelope; else empty. */
  private static String errorCode(JsonNode body) {
    JsonNode error = body.path("error");
    if (error.isTextual()) {
      return error.asText().trim();
    }
    String code = error.isObject() ? Json.text(error, "code").orElse("") : "";
    return code.equals("ok") ? "" : code;
  }

  private static String describe(ApiResponse response, JsonNode body, String error) {
    String description =
        Json.text(body, "error_description")
            .or(() -> Json.text(body.path("error"), "message"))
            .map(d -> response.request().redact(d))
            .orElse("");
    String logId =
        Json.text(body, "log_id").or(() -> Json.text(body.path("error"), "log_id")).orElse("");
    return "tiktok "
        + response.request()
        + ": HTTP "
        + response.status()
        + (error.isEmpty() ? "" : " " + error)
        + (description.isEmpty() ? "" : " \"" + description + "\"")
        + (logId.isEmpty() ? "" : " (log_id " + logId + ")");
  }

  private static OptionalLong seconds(JsonNode body, String field) {
    JsonNode value = body.path(field);
    return value.canConvertToLong() && value.asLong() >= 0
        ? OptionalLong.of(value.asLong())
        : OptionalLong.empty();
  }
}
