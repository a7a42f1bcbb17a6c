/**
 * Token refresh: the {@link dev.herald.platforms.token.TokenRefresher} interface each platform's
 * refresher implements, {@link dev.herald.platforms.token.TokenRefreshJob} that refreshes every
 * account due, and {@link dev.herald.platforms.token.RefreshingPublisher} that refreshes after a
 * publish found a token expired. The credentials themselves live in a {@link
 * dev.herald.scheduler.credentials.TokenStore} (scheduler-core).
 */
package dev.herald.platforms.token;
