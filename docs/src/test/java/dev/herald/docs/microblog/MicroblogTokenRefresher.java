package dev.herald.docs.microblog;

// tag::refresher[]
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefresher;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Target;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Refreshes Microblog access tokens with the OAuth refresh_token grant; Microblog rotates the
 * refresh token on each refresh. Threadsafe; never puts a token in a message.
 */
public final class MicroblogTokenRefresher implements TokenRefresher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI tokenEndpoint;
  private final InstantSource clock;
  private final HttpClient http = HttpClient.newHttpClient();

  public MicroblogTokenRefresher(URI tokenEndpoint, InstantSource clock) {
    this.tokenEndpoint = tokenEndpoint;
    this.clock = clock;
  }

  @Override
  public String platform() {
    return "microblog";
  }

  @Override
  public boolean needsRefresh(Credentials current, Instant now) {
    return current.refreshToken().isPresent() && current.expiresWithin(Duration.ofMinutes(30), now);
  }

  @Override
  public Credentials refresh(Target target, Credentials current) {
    String account = target.account();
    String form = "grant_type=refresh_token&refresh_token="
        + URLEncoder.encode(current.refreshToken().orElseThrow(), StandardCharsets.UTF_8);
    HttpRequest call = HttpRequest.newBuilder(tokenEndpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(call, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TokenRefreshException("microblog", account, "no answer: " + e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenRefreshException("microblog", account, "interrupted", true);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {        // may pass: the job's retry policy tries again
      throw new TokenRefreshException("microblog", account, "HTTP " + status, true);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      if (status != 200) {                       // invalid_grant: only the user can fix it
        throw new TokenRefreshException("microblog", account,
            "HTTP " + status + " " + body.path("error").asText(), false);
      }
      String access = body.path("access_token").asText("");
      if (access.isEmpty()) {
        throw new TokenRefreshException("microblog", account, "no access_token in the answer",
            true);
      }
      return Credentials.of(access)                // keep the old refresh token if none came
          .withRefreshToken(body.path("refresh_token").asText(current.refreshToken().get()), null)
          .issuedAt(clock.instant(), Duration.ofSeconds(body.path("expires_in").asLong()));
    } catch (IOException e) {
      throw new TokenRefreshException("microblog", account, "unreadable answer, HTTP " + status,
          true);
    }
  }
}
// end::refresher[]
