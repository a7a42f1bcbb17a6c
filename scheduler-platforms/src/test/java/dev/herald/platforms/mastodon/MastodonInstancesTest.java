package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One {@link MastodonPublisher} and two instances with an account of the same name: credentials,
 * limits and rate-limit deadlines are kept per instance and account.
 */
class MastodonInstancesTest {
  private final ManualClock clock = ManualClock.at("2026-12-05T09:00:00Z");
  private final FakeMastodon one =
      FakeMastodon.builder().account("alice", "tok-one").maxCharacters(500).clock(clock).start();
  private final FakeMastodon two =
      FakeMastodon.builder().account("alice", "tok-two").maxCharacters(1000).clock(clock).start();
  private final Target onOne = Target.of("mastodon", one.baseUri().getRawAuthority(), "alice");
  private final Target onTwo = Target.of("mastodon", two.baseUri().getRawAuthority(), "alice");
  private final TokenStore tokens = TokenStore.inMemory();
  private final MastodonPublisher publisher = MastodonPublisher.builder().tokens(tokens)
      .clock(clock).sleeper(clock::advance)
      .instanceUris(name -> URI.create("http://" + name)).build();

  @AfterEach
  void stop() {
    one.close();
    two.close();
  }

  @Test
  void eachTargetUsesTheTokenAndLimitsOfItsOwnInstance() {
    tokens.put(onOne, Credentials.of("tok-one"));
    tokens.put(onTwo, Credentials.of("tok-two"));

    assertThat(publisher.publish(new PublishRequest(Post.text("hi"), onOne, "k1")))
        .isInstanceOf(PublishResult.Published.class);
    assertThat(publisher.publish(new PublishRequest(Post.text("hi"), onTwo, "k2")))
        .isInstanceOf(PublishResult.Published.class);

    assertThat(one.ledger().entries()).hasSize(1);
    assertThat(two.ledger().entries()).hasSize(1);
    assertThat(publisher.limits(onOne).maxCharacters()).isEqualTo(500);
    assertThat(publisher.limits(onTwo).maxCharacters()).isEqualTo(1000);
    assertThat(publisher.validate(Post.text("x".repeat(700)), onOne)).hasSize(1);
    assertThat(publisher.validate(Post.text("x".repeat(700)), onTwo)).isEmpty();
  }

  @Test
  void tokensOfOneInstanceAreNeverSentToAnother() {
    tokens.put(onOne, Credentials.of("tok-one"));

    PublishResult result = publisher.publish(new PublishRequest(Post.text("hi"), onTwo, "k1"));

    assertThat(result).isInstanceOf(PublishResult.AuthExpired.class);
    assertThat(two.requests()).noneMatch(r -> r.bearerToken().isPresent());
    assertThat(two.ledger().entries()).isEmpty();
  }

  @Test
  void aRateLimitedAccountWaitsWithoutCallingWhileTheSameNameElsewhereDoesNot() {
    tokens.put(onOne, Credentials.of("tok-one"));
    tokens.put(onTwo, Credentials.of("tok-two"));
    one.inject(FakeMastodon.STATUSES, Fault.rateLimited(Duration.ofMinutes(5)).times(1));

    PublishResult limited = publisher.publish(new PublishRequest(Post.text("hi"), onOne, "k1"));

    assertThat(limited).isInstanceOf(PublishResult.RateLimited.class);
    assertThat(publisher.quotaExhaustedUntil(onOne))
        .contains(((PublishResult.RateLimited) limited).until());
    assertThat(publisher.quotaExhaustedUntil(onTwo)).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    assertThat(publisher.quotaExhaustedUntil(onOne)).isEmpty();
    assertThat(publisher.publish(new PublishRequest(Post.text("hi"), onOne, "k1")))
        .isInstanceOf(PublishResult.Published.class);
  }

  @Test
  void aTargetOfAnotherPlatformOrWithoutAnInstanceIsRefused() {
    assertThatThrownBy(() -> publisher.limits(Target.of("pixelfed", "x.example", "bob")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not on mastodon");
    assertThat(publisher.validate(Post.text("hi"), Target.of("mastodon", "alice")))
        .singleElement().satisfies(v -> assertThat(v.message()).contains("names no mastodon"));
    assertThat(publisher.publish(new PublishRequest(Post.text("hi"), Target.of("mastodon",
        "alice"), "k"))).isInstanceOf(PublishResult.Rejected.class);
    assertThatThrownBy(() -> Target.of("mastodon", "https://mastodon.social", "alice"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("instance 'https://mastodon.social'");
  }
}
