/**
 * Internals shared by every adapter: argument checks and the one redaction helper. Not exported.
 */
package dev.herald.platforms.internal;
