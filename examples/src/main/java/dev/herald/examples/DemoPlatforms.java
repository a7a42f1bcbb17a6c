package dev.herald.examples;

import dev.herald.platforms.facebook.FacebookPublisher;
import dev.herald.platforms.instagram.InstagramFlavour;
import dev.herald.platforms.instagram.InstagramPublisher;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.platforms.pixelfed.PixelfedTokenRefresher;
import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.FakeServer;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.RefreshingPublisher;
import dev.herald.platforms.token.TokenRefresher;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's social networks: fake Mastodon, Pixelfed, Facebook and Instagram servers started in
 * this process on loopback (or, for Mastodon, a real instance), the publishers pointed at them, and
 * each account's credentials in a {@link TokenStore}. A host application builds the same publishers
 * against the real platforms, with the tokens its users granted.
 *
 * <p>The fakes answer after a short delay, like a network, so the table shows targets while they
 * publish; the fake Mastodon answers the first status with HTTP 429, to show a rate limit handled.
 * Pixelfed's token expires within a day, so the token-refresh job has something to do.
 *
 * <p>Closing it stops the fakes. Not threadsafe: build and close it on one thread; the publishers
 * and the token store it hands out are threadsafe.
 */
final class DemoPlatforms implements AutoCloseable {
  /** The fakes' pretend network latency. */
  private static final Duration LATENCY = Duration.ofMillis(300);

  /** How long the fake Mastodon asks Herald to wait after its 429. */
  static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(2);

  private static final String PIXELFED_CLIENT_ID = "herald-demo";
  private static final String PIXELFED_CLIENT_SECRET = "demo-client-secret";

  private final List<FakeServer> fakes = new ArrayList<>();
  private final List<String> description = new ArrayList<>();
  private final List<PlatformPublisher> publishers = new ArrayList<>();
  private final TokenStore tokens;
  private final List<Target> mastodon = new ArrayList<>();
  private final Target pixelfed = Target.of(PixelfedPublisher.PLATFORM, "carol");
  private final Target facebook = Target.of(FacebookPublisher.PLATFORM, "herald-cafe");
  private final Target instagram = Target.of(InstagramPublisher.PLATFORM, "herald.cafe");
  private TokenRefresher pixelfedRefresher;

  private DemoPlatforms(TokenStore tokens) {
    this.tokens = tokens;
  }

  /**
   * Starts the fakes and builds the publishers.
   *
   * @param realMastodon a real Mastodon instance and token to publish the Mastodon posts to instead
   *     of the fake
   * @param tokens where the accounts' credentials are stored
   */
  static DemoPlatforms start(Optional<RealMastodon> realMastodon, TokenStore tokens) {
    DemoPlatforms platforms = new DemoPlatforms(tokens);
    try {
      if (realMastodon.isPresent()) {
        platforms.realMastodon(realMastodon.get());
      } else {
        platforms.fakeMastodon();
      }
      platforms.fakePixelfed();
      platforms.fakeFacebook();
      platforms.fakeInstagram();
      platforms.description.add("Tokens     " + tokens);
      return platforms;
    } catch (RuntimeException e) {
      platforms.close();
      throw e;
    }
  }

  /** The publishers, one per platform. */
  List<PlatformPublisher> publishers() {
    return List.copyOf(publishers);
  }

  /** Every account's credentials, read by the publishers and updated by the refresher. */
  TokenStore tokens() {
    return tokens;
  }

  /** Refreshes Pixelfed tokens that expire within a week (the refresh_token grant). */
  TokenRefresher pixelfedRefresher() {
    return pixelfedRefresher;
  }

  /** The Mastodon accounts: alice and bob on two fake instances, or the real account. */
  List<Target> mastodon() {
    return List.copyOf(mastodon);
  }

  Target pixelfed() {
    return pixelfed;
  }

  Target facebook() {
    return facebook;
  }

  Target instagram() {
    return instagram;
  }

  /** One line per platform: where it is and which accounts it has. */
  List<String> description() {
    return List.copyOf(description);
  }

  @Override
  public void close() {
    fakes.forEach(FakeServer::close);
  }

  private void realMastodon(RealMastodon real) {
    Target account = Target.of(MastodonPublisher.PLATFORM, real.instance().getRawAuthority(),
        real.account());
    tokens.put(account, Credentials.of(real.token()));
    publishers.add(MastodonPublisher.builder(real.instance()).tokens(tokens).build());
    mastodon.add(account);
    description.add(
        "Mastodon   "
            + real.instance()
            + " (a real instance: your account, shown as "
            + account.account()
            + "; posts are unlisted)");
  }

  /**
   * Two fake Mastodon instances, alice on one and bob on the other, served by one publisher: each
   * target names its instance, whose base URI the publisher derives from the name (plain HTTP
   * here, since the fakes listen on loopback; {@code https://<instance>} by default).
   */
  private void fakeMastodon() {
    FakeMastodon social = register(FakeMastodon.builder().account("alice", "alice-token").start());
    FakeMastodon art = register(FakeMastodon.builder().account("bob", "bob-token")
        .maxCharacters(5000).start());
    social.inject(FakeMastodon.STATUSES, Fault.rateLimited(RATE_LIMIT_WAIT).times(1));
    for (FakeMastodon instance : List.of(social, art)) {
      String user = instance == social ? "alice" : "bob";
      Target target = Target.of(MastodonPublisher.PLATFORM, instance.baseUri().getRawAuthority(),
          user);
      tokens.put(target, Credentials.of(user + "-token"));
      mastodon.add(target);
    }
    publishers.add(MastodonPublisher.builder().tokens(tokens)
        .instanceUris(name -> URI.create("http://" + name)).build());
    description.add("Mastodon   two fake instances, one publisher: alice@"
        + social.baseUri().getRawAuthority() + " (answers the first status with HTTP 429, retry"
        + " after " + RATE_LIMIT_WAIT.toSeconds() + " s), bob@" + art.baseUri().getRawAuthority()
        + " (5,000 characters)");
  }

  private void fakePixelfed() {
    FakePixelfed fake =
        register(
            FakePixelfed.builder()
                .account(pixelfed.account(), "carol-token", "carol-refresh-token")
                .client(PIXELFED_CLIENT_ID, PIXELFED_CLIENT_SECRET)
                .start());
    Instant now = Instant.now();
    tokens.put(pixelfed, Credentials.of("carol-token")
            .withRefreshToken("carol-refresh-token", now.plus(Duration.ofDays(300)))
            .issuedAt(now.minus(Duration.ofDays(364)), Duration.ofDays(365))); // expires tomorrow
    pixelfedRefresher =
        PixelfedTokenRefresher.builder(fake.baseUri())
            .clientId(PIXELFED_CLIENT_ID)
            .clientSecret(PIXELFED_CLIENT_SECRET)
            .build();
    // a publish that meets an expired token refreshes it once and tries again
    publishers.add(
        RefreshingPublisher.wrap(
            PixelfedPublisher.builder(fake.baseUri()).tokens(tokens).build(),
            tokens,
            pixelfedRefresher));
    description.add(
        "Pixelfed   fake at " + fake.baseUri() + " (carol; her token expires tomorrow)");
  }

  private void fakeFacebook() {
    FakeFacebook fake =
        register(
            FakeFacebook.builder()
                .page(facebook.account(), "Herald Café", "cafe-page-token")
                .start());
    tokens.put(facebook, Credentials.of("cafe-page-token"));
    publishers.add(FacebookPublisher.builder().graphBaseUri(fake.baseUri()).tokens(tokens).build());
    description.add(
        "Facebook   fake at " + fake.baseUri() + " (the Page " + facebook.account() + ")");
  }

  private void fakeInstagram() {
    FakeInstagram fake =
        register(FakeInstagram.builder().account(instagram.account(), "cafe-ig-token").start());
    tokens.put(instagram, Credentials.of("cafe-ig-token"));
    publishers.add(
        InstagramPublisher.builder(InstagramFlavour.INSTAGRAM_LOGIN)
            .graphBaseUri(fake.baseUri())
            .containerPolling(Duration.ofMillis(250), 20) // real containers take seconds or more
            .tokens(tokens)
            .build());
    description.add("Instagram  fake at " + fake.baseUri() + " (" + instagram.account() + ")");
  }

  /** Closes {@code fake} with the others, and slows its answers down like a network. */
  private <F extends FakeServer> F register(F fake) {
    fakes.add(fake);
    fake.inject(Fault.delay(LATENCY));
    return fake;
  }
}
