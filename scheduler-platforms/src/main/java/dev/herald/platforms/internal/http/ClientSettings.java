package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;

/**
 * How an adapter reaches its platform and tells the time, as its builder ({@code
 * PlatformClientBuilder}) left them. Immutable; threadsafe as far as the client and clock are.
 *
 * @param httpClient the host's client, or null to use a {@link HttpTransport#defaultClient}
 * @param connectTimeout the connect timeout of the default client
 * @param requestTimeout the response timeout of calls that set none
 * @param clock the adapter's clock
 */
public record ClientSettings(
    HttpClient httpClient, Duration connectTimeout, Duration requestTimeout, InstantSource clock) {

  /** Checks every component but the optional client. */
  public ClientSettings {
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    notNull(clock, "clock");
  }

  /**
   * A transport for {@code platform} over the host's client, else over a new default client with
   * the connect timeout.
   */
  public HttpTransport transport(String platform) {
    HttpClient client =
        httpClient != null ? httpClient : HttpTransport.defaultClient(connectTimeout);
    return new HttpTransport(platform, client, requestTimeout);
  }
}
