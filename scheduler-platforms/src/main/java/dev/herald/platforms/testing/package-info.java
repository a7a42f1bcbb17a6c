/**
 * Loopback fake platforms for tests, shipped in the main jar so host applications can use them:
 * {@link dev.herald.platforms.testing.FakeServer} (routing, request recording, a {@link
 * dev.herald.platforms.testing.Ledger} of accepted publishes, {@link
 * dev.herald.platforms.testing.Fault} injection), the platform fakes built on it ({@link
 * dev.herald.platforms.testing.FakeMastodon}, {@link dev.herald.platforms.testing.FakePixelfed},
 * {@link dev.herald.platforms.testing.FakeInstagram}, {@link
 * dev.herald.platforms.testing.FakeFacebook}, {@link dev.herald.platforms.testing.FakeTikTok}),
 * and the response {@link
 * dev.herald.platforms.testing.Fixtures} they serve, which are resources of this module ({@code
 * dev/herald/platforms/testing/fixtures/}, with {@code index.json} and its README).
 */
package dev.herald.platforms.testing;
