/**
 * The Mastodon adapter: {@link dev.herald.platforms.mastodon.MastodonPublisher}, built for one
 * instance with {@link dev.herald.platforms.mastodon.MastodonPublisher#builder(java.net.URI)}, and
 * the instance's {@link dev.herald.platforms.mastodon.MastodonLimits}.
 */
package dev.herald.platforms.mastodon;
