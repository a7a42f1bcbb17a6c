/**
 * Loopback fake platforms for tests, in the {@code scheduler-platforms-testing} artifact (test
 * scope; the {@code scheduler-platforms} jar holds no fake):
 * {@link dev.herald.platforms.testing.FakeServer} (routing, request recording, a {@link
 * dev.herald.platforms.testing.Ledger} of accepted publishes, {@link
 * dev.herald.platforms.testing.Fault} injection), the platform fakes built on it ({@link
 * dev.herald.platforms.testing.FakeMastodon}, {@link dev.herald.platforms.testing.FakePixelfed},
 * {@link dev.herald.platforms.testing.FakeInstagram}, {@link
 * dev.herald.platforms.testing.FakeFacebook}, {@link dev.herald.platforms.testing.FakeTikTok}),
 * and the response {@link
 * dev.herald.platforms.testing.Fixtures} they serve, which are resources of this module ({@code
 * dev/herald/platforms/testing/fixtures/}, with {@code index.json} and its README). The fakes take
 * each rule from the platform's own source or documentation and share no code with the adapters.
 */
package dev.herald.platforms.testing;
