/**
 * The publishing contract: {@link dev.herald.scheduler.publish.PlatformPublisher} and the
 * platform-neutral {@link dev.herald.scheduler.publish.Post} it publishes. Adapters for Mastodon,
 * Pixelfed, Instagram, Facebook Pages and TikTok live in {@code scheduler-platforms}.
 */
package dev.herald.scheduler.publish;
