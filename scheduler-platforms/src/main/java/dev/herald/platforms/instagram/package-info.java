/**
 * The Instagram adapter: {@link dev.herald.platforms.instagram.InstagramPublisher} for both {@link
 * dev.herald.platforms.instagram.InstagramFlavour flavours} of the Graph API content publishing
 * flow, and {@link dev.herald.platforms.instagram.InstagramTokenRefresher} for Instagram Login's
 * long-lived tokens.
 */
package dev.herald.platforms.instagram;
