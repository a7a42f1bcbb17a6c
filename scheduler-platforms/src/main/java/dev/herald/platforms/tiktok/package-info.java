/**
 * The TikTok adapter: {@link dev.herald.platforms.tiktok.TikTokPublisher} (Content Posting API,
 * Direct Post of videos and photos, inbox uploads), built with {@link
 * dev.herald.platforms.tiktok.TikTokPublisher#builder()}; {@link
 * dev.herald.platforms.tiktok.TikTokTokenRefresher}, the refresh-token rotation to run under a
 * {@link dev.herald.platforms.token.TokenRefreshJob}; {@link
 * dev.herald.platforms.tiktok.TikTokCreatorInfo}; and {@link
 * dev.herald.platforms.tiktok.TikTokLimits}.
 */
package dev.herald.platforms.tiktok;
