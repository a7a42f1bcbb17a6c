/**
 * Publishers for social platforms, implementing {@link
 * dev.herald.scheduler.publish.PlatformPublisher}: one package per platform ({@link
 * dev.herald.platforms.mastodon}) and token refreshers in {@link dev.herald.platforms.token}. The
 * loopback fake servers for tests are in the {@code scheduler-platforms-testing} artifact.
 *
 * <p>Every adapter follows the same rules. It talks to its platform through the JDK {@code
 * HttpClient} with a response timeout per request; it classifies every outcome into a {@link
 * dev.herald.scheduler.publish.PublishResult} by HTTP status and error code (never by message text,
 * except where the platform's documentation makes the text the signal); it reports a failure after
 * the publishing request may have been sent as {@code Unknown}, never as a retryable error; and no
 * token appears in its log lines, exception messages or {@code toString()}.
 */
package dev.herald.platforms;
