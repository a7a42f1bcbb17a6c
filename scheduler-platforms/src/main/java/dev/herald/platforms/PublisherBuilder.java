package dev.herald.platforms;

import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import dev.herald.platforms.facebook.FacebookPublisher;
import dev.herald.platforms.instagram.InstagramPublisher;
import dev.herald.platforms.internal.http.PublisherSettings;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.platforms.tiktok.TikTokPublisher;
import dev.herald.scheduler.credentials.TokenStore;
import java.time.Duration;

/**
 * The settings that every publisher shares, on top of those of {@link PlatformClientBuilder}: the
 * token store, the response timeout of uploads, how waits happen, and the delay of {@code
 * RetryLater} results. Each publisher's {@code Builder} extends this class and adds the platform's
 * own settings; all of them chain in any order:
 *
 * <pre>{@code
 * MastodonPublisher mastodon =
 *     MastodonPublisher.builder(URI.create("https://mastodon.example"))
 *         .tokens(tokens)                        // shared settings...
 *         .requestTimeout(Duration.ofSeconds(10))
 *         .limits(MastodonLimits.DEFAULTS)       // ...and Mastodon's own
 *         .build();
 * }</pre>
 *
 * <p>The upload timeout and the retry delay have per-platform defaults, which each builder's
 * documentation states; the other defaults are the same everywhere. Arguments are checked as {@link
 * PlatformClientBuilder} describes. The class is sealed: only the publishers of this module extend
 * it.
 *
 * <p>Builders are not threadsafe: configure one on a single thread, then build.
 *
 * @param <B> the concrete builder, which every setter returns
 */
public abstract sealed class PublisherBuilder<B extends PublisherBuilder<B>>
    extends PlatformClientBuilder<B>
    permits MastodonPublisher.Builder,
        PixelfedPublisher.Builder,
        InstagramPublisher.Builder,
        FacebookPublisher.Builder,
        TikTokPublisher.Builder {

  private TokenStore tokens;
  private Duration uploadTimeout;
  private Sleeper sleeper = Sleeper.system();
  private Duration retryDelay;

  /**
   * For the builders of this module, with their platform's defaults.
   *
   * @param uploadTimeout the default response timeout of uploads
   * @param retryDelay the default delay of {@code RetryLater} results
   */
  protected PublisherBuilder(Duration uploadTimeout, Duration retryDelay) {
    this.uploadTimeout = positive(uploadTimeout, "uploadTimeout");
    this.retryDelay = positive(retryDelay, "retryDelay");
  }

  /**
   * Where the publisher reads the credentials of the account it publishes for, under its platform
   * id ({@code PLATFORM}). Required: {@code build()} throws {@link NullPointerException} without
   * it.
   *
   * @param tokens the token store
   * @return this builder
   */
  public final B tokens(TokenStore tokens) {
    this.tokens = notNull(tokens, "tokens");
    return self();
  }

  /**
   * The response timeout of uploads: media, resumable video or chunk uploads, as the platform has
   * them (default per platform, 5 or 10 min).
   *
   * @param timeout the upload timeout, positive
   * @return this builder
   */
  public final B uploadTimeout(Duration timeout) {
    this.uploadTimeout = positive(timeout, "uploadTimeout");
    return self();
  }

  /**
   * How the publisher waits between polls and before retrying within a run (default {@link
   * Sleeper#system()}); tests pass one that advances a manual clock.
   *
   * @param sleeper the sleeper
   * @return this builder
   */
  // Protected because not every platform waits; the builders of those that do make it public.
  protected B sleeper(Sleeper sleeper) {
    this.sleeper = notNull(sleeper, "sleeper");
    return self();
  }

  /**
   * The delay of {@code RetryLater} results for transient failures (default per platform, 30 s or 1
   * min).
   *
   * @param delay the retry delay, positive
   * @return this builder
   */
  public final B retryDelay(Duration delay) {
    this.retryDelay = positive(delay, "retryDelay");
    return self();
  }

  /**
   * The settings above and those of {@link PlatformClientBuilder} as they stand, for the concrete
   * builder's {@code build()}.
   *
   * @return the publisher settings
   * @throws NullPointerException if no token store was set
   * @hidden
   */
  // The type is internal; the class is sealed, so only this module's builders can call this.
  @SuppressWarnings("exports")
  protected final PublisherSettings publisherSettings() {
    return new PublisherSettings(clientSettings(), tokens, uploadTimeout, sleeper, retryDelay);
  }
}
