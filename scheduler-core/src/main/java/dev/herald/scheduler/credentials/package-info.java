/**
 * Credentials of the accounts Herald publishes as: the {@link
 * dev.herald.scheduler.credentials.TokenStore} SPI that publishers read access tokens from and
 * refreshers write rotated tokens to, and the {@link dev.herald.scheduler.credentials.Credentials}
 * value, whose {@code toString()} never shows a token. {@code TokenStore.inMemory()} lives here; the
 * durable, encrypted {@code JdbcTokenStore} is in {@code scheduler-jdbc}.
 */
package dev.herald.scheduler.credentials;
