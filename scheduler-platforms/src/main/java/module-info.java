/**
 * Herald's platform adapters: publishers for Mastodon (and, built on the same plumbing, Pixelfed,
 * Instagram, Facebook Pages and TikTok) and token refreshers.
 *
 * <p>The HTTP plumbing ({@code dev.herald.platforms.internal.*}) is not exported. The loopback fake
 * servers that tests publish to are in a separate artifact, {@code scheduler-platforms-testing}
 * (module {@code dev.herald.platforms.testing}): this one holds no fake and no fixture.
 */
module dev.herald.platforms {
  requires transitive dev.herald.scheduler;
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.herald.platforms;
  exports dev.herald.platforms.token;
  exports dev.herald.platforms.mastodon;
  exports dev.herald.platforms.pixelfed;
  exports dev.herald.platforms.tiktok;
  exports dev.herald.platforms.instagram;
  exports dev.herald.platforms.facebook;
}
