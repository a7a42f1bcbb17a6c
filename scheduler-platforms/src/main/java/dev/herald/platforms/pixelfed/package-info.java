/**
 * The Pixelfed adapter: {@link dev.herald.platforms.pixelfed.PixelfedPublisher}, built for one
 * instance with {@link dev.herald.platforms.pixelfed.PixelfedPublisher#builder(java.net.URI)}, the
 * instance's {@link dev.herald.platforms.pixelfed.PixelfedLimits}, and {@link
 * dev.herald.platforms.pixelfed.PixelfedTokenRefresher} for the {@code refresh_token} grant.
 */
package dev.herald.platforms.pixelfed;
