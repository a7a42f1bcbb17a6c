/**
 * Loopback fakes of the platforms Herald publishes to, for tests: {@code FakeMastodon}, {@code
 * FakePixelfed}, {@code FakeInstagram}, {@code FakeFacebook} and {@code FakeTikTok}, with the
 * recorded responses they serve. Each refuses what the real server refuses, on the authority of the
 * server's source or documentation cited next to the rule; none shares code with Herald's adapters.
 * Put this artifact on a test class path only.
 */
module dev.herald.platforms.testing {
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.herald.platforms.testing;
}
