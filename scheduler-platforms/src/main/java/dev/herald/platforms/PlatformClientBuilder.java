package dev.herald.platforms;

import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.facebook.FacebookTokenRefresher;
import dev.herald.platforms.instagram.InstagramTokenRefresher;
import dev.herald.platforms.internal.http.ClientSettings;
import dev.herald.platforms.pixelfed.PixelfedTokenRefresher;
import dev.herald.platforms.tiktok.TikTokTokenRefresher;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The settings that every client of a platform API shares: the HTTP client (or the connect timeout
 * of the default one), the response timeout of API calls, and the clock. The builders of the token
 * refreshers extend this class, and those of the publishers extend it through {@link
 * PublisherBuilder}, so each of these settings is named, checked and documented once:
 *
 * <pre>{@code
 * PixelfedTokenRefresher refresher =
 *     PixelfedTokenRefresher.builder(instance)
 *         .requestTimeout(Duration.ofSeconds(10)) // a shared setting
 *         .clientId(clientId)                     // the concrete builder's own
 *         .build();
 * }</pre>
 *
 * <p>Every setter returns the builder it was called on as the concrete builder type {@code B}, so
 * shared and platform settings chain in any order. A null argument throws {@link
 * NullPointerException} ("<i>name</i> cannot be null") and a duration that is zero or negative
 * throws {@link IllegalArgumentException} naming the value; either way the builder is unchanged.
 * The class is sealed: only the builders of this module extend it.
 *
 * <p>Builders are not threadsafe: configure one on a single thread, then build.
 *
 * @param <B> the concrete builder, which every setter returns
 */
public abstract sealed class PlatformClientBuilder<B extends PlatformClientBuilder<B>>
    permits PublisherBuilder,
        PixelfedTokenRefresher.Builder,
        InstagramTokenRefresher.Builder,
        FacebookTokenRefresher.Builder,
        TikTokTokenRefresher.Builder {

  private HttpClient httpClient;
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration requestTimeout = Duration.ofSeconds(30);
  private InstantSource clock = InstantSource.system();

  /** For the builders of this module. */
  protected PlatformClientBuilder() {}

  /**
   * The client to use; by default one with {@link #connectTimeout} and no redirects (a redirect of
   * a POST must not be followed silently). A host-supplied client is used as it is, redirect policy
   * included.
   *
   * @param client the HTTP client
   * @return this builder
   */
  public final B httpClient(HttpClient client) {
    this.httpClient = notNull(client, "client");
    return self();
  }

  /**
   * The connect timeout of the default client (default 10 s); unused with {@link #httpClient}.
   *
   * @param timeout the connect timeout, positive
   * @return this builder
   */
  public final B connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return self();
  }

  /**
   * The response timeout of API and token calls (default 30 s).
   *
   * @param timeout the response timeout, positive
   * @return this builder
   */
  public final B requestTimeout(Duration timeout) {
    this.requestTimeout = positive(timeout, "requestTimeout");
    return self();
  }

  /**
   * The clock for every time the client reads or stamps: token expiry and issue times, rate-limit
   * deadlines, and the age of what it caches or remembers (default {@link InstantSource#system()}).
   * Tests pass a manual clock.
   *
   * @param clock the clock
   * @return this builder
   */
  public final B clock(InstantSource clock) {
    this.clock = notNull(clock, "clock");
    return self();
  }

  /**
   * The settings above as they stand, for the concrete builder's {@code build()}.
   *
   * @return the client settings
   * @hidden
   */
  // The type is internal; the class is sealed, so only this module's builders can call this.
  @SuppressWarnings("exports")
  protected final ClientSettings clientSettings() {
    return new ClientSettings(httpClient, connectTimeout, requestTimeout, clock);
  }

  /** This builder as {@code B}; safe because every permitted subclass is its own {@code B}. */
  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }
}
