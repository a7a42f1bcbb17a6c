/**
 * Herald's platform adapters: publishers for Mastodon (and, built on the same plumbing, Pixelfed,
 * Instagram, Facebook Pages and TikTok), token storage, and loopback fake servers for tests.
 *
 * <p>The HTTP plumbing ({@code dev.herald.platforms.internal.*}) is not exported. The fake servers
 * in {@code dev.herald.platforms.testing} ship in the main jar, together with the response fixtures
 * they serve, so host applications can test their own publishing code against them.
 */
module dev.herald.platforms {
  requires transitive dev.herald.scheduler;
  requires transitive java.net.http;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.herald.platforms;
  exports dev.herald.platforms.token;
  exports dev.herald.platforms.mastodon;
  exports dev.herald.platforms.pixelfed;
  exports dev.herald.platforms.tiktok;
  exports dev.herald.platforms.instagram;
  exports dev.herald.platforms.facebook;
  exports dev.herald.platforms.testing;
}
