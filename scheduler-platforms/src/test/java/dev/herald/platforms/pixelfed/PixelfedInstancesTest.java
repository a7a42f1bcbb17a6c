package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.pixelfed.PixelfedTokenRefresher.OAuthClient;
import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One {@link PixelfedTokenRefresher} refreshes the accounts of every instance the app has an OAuth
 * client on, each with that instance's client, and never sends a refresh token to an instance it
 * has no client for.
 */
class PixelfedInstancesTest {
  private final ManualClock clock = ManualClock.at("2026-12-05T09:00:00Z");
  private final FakePixelfed social = FakePixelfed.builder().clock(clock)
      .client("app-on-social", "secret-social").account("bob", "tok-s", "rft-s").start();
  private final FakePixelfed art = FakePixelfed.builder().clock(clock)
      .client("app-on-art", "secret-art").account("bob", "tok-a", "rft-a").start();
  private final FakePixelfed unknown = FakePixelfed.builder().clock(clock)
      .client("other-app", "other-secret").account("bob", "tok-u", "rft-u").start();
  private final Target onSocial = on(social);
  private final Target onArt = on(art);
  private final Target onUnknown = on(unknown);
  private final TokenStore tokens = TokenStore.inMemory();
  private final Map<String, OAuthClient> registrations = Map.of(
      authority(social), new OAuthClient("app-on-social", "secret-social"),
      authority(art), new OAuthClient("app-on-art", "secret-art"));
  private final PixelfedTokenRefresher refresher = PixelfedTokenRefresher.builder()
      .clients(instance -> Optional.ofNullable(registrations.get(instance)))
      .instanceUris(name -> URI.create("http://" + name))
      .clock(clock)
      .build();

  @AfterEach
  void stop() {
    social.close();
    art.close();
    unknown.close();
  }

  private static String authority(FakePixelfed fake) {
    return fake.baseUri().getRawAuthority();
  }

  private static Target on(FakePixelfed fake) {
    return Target.of("pixelfed", authority(fake), "bob");
  }

  private Credentials expiring(String token, String refresh) {
    return Credentials.of(token).withRefreshToken(refresh, null)
        .issuedAt(clock.now().minus(Duration.ofDays(364)), Duration.ofDays(365));
  }

  @Test
  void theJobRefreshesEachInstanceWithItsOwnClientAndSkipsInstancesWithoutOne() {
    tokens.put(onSocial, expiring("tok-s", "rft-s"));
    tokens.put(onArt, expiring("tok-a", "rft-a"));
    tokens.put(onUnknown, expiring("tok-u", "rft-u"));

    assertThat(TokenRefreshJob.of(tokens, refresher, clock).refreshAll())
        .containsExactlyInAnyOrder(onSocial, onArt);

    assertThat(social.requests(FakePixelfed.OAUTH_TOKEN)).singleElement()
        .satisfies(r -> assertThat(r.param("client_id")).contains("app-on-social"));
    assertThat(art.requests(FakePixelfed.OAUTH_TOKEN)).singleElement()
        .satisfies(r -> assertThat(r.param("client_id")).contains("app-on-art"));
    assertThat(unknown.requests()).isEmpty();
    assertThat(social.acceptsToken(tokens.get(onSocial).orElseThrow().accessToken())).isTrue();
    assertThat(art.acceptsToken(tokens.get(onArt).orElseThrow().accessToken())).isTrue();
    assertThat(tokens.get(onUnknown)).contains(expiring("tok-u", "rft-u"));
  }

  @Test
  void aRefreshForAnInstanceWithoutAClientIsRefusedWithoutAnyCall() {
    assertThat(refresher.serves(onUnknown)).isFalse();
    assertThat(refresher.serves(Target.of("pixelfed", "bob"))).isFalse();

    assertThatThrownBy(() -> refresher.refresh(onUnknown, expiring("tok-u", "rft-u")))
        .isInstanceOfSatisfying(TokenRefreshException.class,
            e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("no OAuth client for instance " + authority(unknown))
        .hasMessageNotContaining("rft-u");
    assertThat(unknown.requests()).isEmpty();
    assertThat(new OAuthClient("id", "s3cret").toString()).doesNotContain("s3cret");
    assertThatThrownBy(() -> PixelfedTokenRefresher.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("clients(");
  }
}
