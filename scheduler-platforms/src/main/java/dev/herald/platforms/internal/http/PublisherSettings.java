package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.Sleeper;
import dev.herald.scheduler.credentials.TokenStore;
import java.time.Duration;
import java.time.InstantSource;

/**
 * What every publisher takes from its builder ({@code PublisherBuilder}), besides its platform's
 * own settings. Immutable; threadsafe as far as its parts are.
 *
 * @param client how the publisher reaches the platform, and its clock
 * @param tokens where credentials are read
 * @param uploadTimeout the response timeout of uploads
 * @param sleeper how waits happen (unused by publishers that never wait)
 * @param retryDelay the delay of {@code RetryLater} results for transient failures
 */
public record PublisherSettings(
    ClientSettings client,
    TokenStore tokens,
    Duration uploadTimeout,
    Sleeper sleeper,
    Duration retryDelay) {

  /**
   * Checks every component.
   *
   * @throws NullPointerException if {@code tokens} is null: no token store was set
   */
  public PublisherSettings {
    notNull(client, "client");
    notNull(tokens, "tokens (TokenStore)");
    positive(uploadTimeout, "uploadTimeout");
    notNull(sleeper, "sleeper");
    positive(retryDelay, "retryDelay");
  }

  /** {@link ClientSettings#transport}: the publisher's transport for {@code platform}. */
  public HttpTransport transport(String platform) {
    return client.transport(platform);
  }

  /** The publisher's clock. */
  public InstantSource clock() {
    return client.clock();
  }

  /** The response timeout of API calls. */
  public Duration requestTimeout() {
    return client.requestTimeout();
  }
}
