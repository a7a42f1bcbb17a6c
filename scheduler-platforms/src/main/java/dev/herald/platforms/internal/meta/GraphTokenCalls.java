package dev.herald.platforms.internal.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.platforms.token.TokenRefreshException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calls of Meta's token endpoints (Instagram's {@code refresh_access_token} and {@code
 * access_token}, Facebook's {@code oauth/access_token}, page token lookups), with their failures
 * turned into a {@link TokenRefreshException}: a network failure, a 5xx, a throttle or a transient
 * Graph error is retryable; 190 (the grant is gone) and every other error is not.
 *
 * <p>Messages name the request (redacted) and the Graph error, never a token. This class is
 * threadsafe (stateless).
 */
public final class GraphTokenCalls {

  /**
   * A token from a token endpoint. {@link #toString()} does not show it. Immutable and threadsafe.
   *
   * @param accessToken the token
   * @param expiresIn its lifetime, when the response gives {@code expires_in}
   */
  public record Grant(String accessToken, Optional<Duration> expiresIn) {
    @Override
    public String toString() {
      return "Grant[accessToken=<redacted>, expiresIn=" + expiresIn.map(Duration::toString) + "]";
    }
  }

  private GraphTokenCalls() {}

  /**
   * The JSON body of a successful {@code call}.
   *
   * @throws TokenRefreshException if the call fails, classified as above
   */
  public static JsonNode body(Supplier<ApiResponse> call, String platform, String account) {
    ApiResponse response;
    try {
      response = call.get();
    } catch (TransportException e) {
      throw new TokenRefreshException(platform, account, e.getMessage(), true);
    }
    if (!response.isSuccessful()) {
      throw failure(platform, account, response);
    }
    try {
      return response.json();
    } catch (MalformedResponseException e) {
      throw new TokenRefreshException(platform, account, e.getMessage(), true);
    }
  }

  /**
   * The {@code access_token} and {@code expires_in} of a successful {@code call}.
   *
   * @throws TokenRefreshException if the call fails or the body has no token
   */
  public static Grant grant(Supplier<ApiResponse> call, String platform, String account) {
    JsonNode body = body(call, platform, account);
    String token =
        Json.text(body, "access_token")
            .filter(t -> !t.isBlank())
            .orElseThrow(
                () ->
                    new TokenRefreshException(
                        platform, account, "the token response has no access_token", true));
    Optional<Duration> expiresIn =
        body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
            ? Optional.of(Duration.ofSeconds(body.path("expires_in").asLong()))
            : Optional.empty();
    return new Grant(token, expiresIn);
  }

  /** The exception for an unsuccessful {@code response}. */
  public static TokenRefreshException failure(
      String platform, String account, ApiResponse response) {
    Optional<GraphError> error = GraphOutcomes.error(response);
    boolean retryable =
        error
            .map(
                e ->
                    e.kind() != GraphError.Kind.AUTH
                        && e.kind() != GraphError.Kind.PERMISSION
                        && e.kind() != GraphError.Kind.PERMANENT)
            .orElse(response.status() >= 500 || response.status() == 429);
    return new TokenRefreshException(
        platform, account, GraphOutcomes.reason(platform, response, error), retryable);
  }
}
