/**
 * The Facebook Pages adapter: {@link dev.herald.platforms.facebook.FacebookPublisher} (text and
 * link posts, photos, multi-photo posts and videos), and {@link
 * dev.herald.platforms.facebook.FacebookTokenRefresher}, which derives Page tokens from a
 * long-lived user token.
 */
package dev.herald.platforms.facebook;
