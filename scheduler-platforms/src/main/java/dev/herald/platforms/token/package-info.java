/**
 * Token storage: the {@link dev.herald.platforms.token.TokenStore} SPI that adapters read access
 * tokens from and refreshers write rotated tokens to, its in-memory implementation, and the {@link
 * dev.herald.platforms.token.Credentials} value, whose {@code toString()} never shows a token.
 */
package dev.herald.platforms.token;
