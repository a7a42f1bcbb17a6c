package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.facebook.FacebookPage;
import dev.herald.platforms.facebook.FacebookPublisher;
import dev.herald.platforms.facebook.FacebookTokenRefresher;
import dev.herald.platforms.instagram.InstagramFlavour;
import dev.herald.platforms.instagram.InstagramPublisher;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.tiktok.TikTokPublisher;
import dev.herald.platforms.tiktok.TikTokTokenRefresher;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples of the platform guides (docs/platforms/*.md). They run against the platforms' fake
 * servers where the sample lets the API's address be chosen; otherwise they build the publisher and
 * check posts offline, which needs no network.
 */
class PlatformGuidesTest {

  @Test
  void mastodon() {
    try (FakeMastodon fake = FakeMastodon.builder().account("alice", "tok-alice").start()) {
      String instance = fake.baseUri().getRawAuthority(); // stands for mastodon.social
      String accessToken = "tok-alice";
      // tag::mastodon[]
      TokenStore tokens = TokenStore.inMemory();                 // JdbcTokenStore in production
      Target alice = Target.of("mastodon", instance, "alice");   // alice@mastodon.social
      tokens.put(alice, Credentials.of(accessToken));            // Mastodon tokens do not expire
      MastodonPublisher mastodon = MastodonPublisher.builder()   // one publisher, every instance
          .tokens(tokens)
          .instanceUris(name -> URI.create("http://" + name))    // default https://<name>
          .build();
      // end::mastodon[]

      PublishResult result =
          mastodon.publish(new PublishRequest(Post.text("Hello"), alice, "key-1"));

      assertThat(result).isInstanceOf(PublishResult.Published.class);
      assertThat(fake.ledger().entries()).singleElement()
          .satisfies(e -> assertThat(e.idempotencyKey()).contains("key-1"));
    }
  }

  @Test
  void instagram() {
    TokenStore tokens = TokenStore.inMemory();
    // tag::instagram[]
    InstagramPublisher ig = InstagramPublisher.builder(InstagramFlavour.INSTAGRAM_LOGIN) // or
        .graphVersion("v25.0")      // FACEBOOK_LOGIN; pinned; graphBaseUri(..) for other hosts
        .tokens(tokens)
        .containerPolling(Duration.ofSeconds(10), 30)
        .build();
    // end::instagram[]

    assertThat(ig.validate(Post.text("Text only"))).extracting(PostViolation::field)
        .containsExactly("media");
    assertThat(ig.validate(Post.builder().text("A photo")
        .addMedia(Media.image(URI.create("https://cdn.example/photo.jpg"))).build())).isEmpty();
  }

  @Test
  void facebookPagesFromAUserToken() {
    String appId = "1234567890";
    String appSecret = "app-secret-c0ffee";
    String shortLivedUserToken = "user-token-short";
    try (FakeFacebook fake = FakeFacebook.builder()
        .page("1001", "Example Bakery", "page-token-1001")
        .user("u1", shortLivedUserToken, Duration.ofHours(1), "1001")
        .app(appId, appSecret)
        .start()) {
      FacebookTokenRefresher fb = FacebookTokenRefresher.builder(appId, appSecret)
          .graphBaseUri(fake.baseUri())
          .build();
      TokenStore tokens = TokenStore.inMemory();
      // tag::facebook[]
      Credentials user = fb.exchangeUserToken(shortLivedUserToken);        // ~60 days
      for (FacebookPage page : fb.pages(user)) {                           // GET /me/accounts
        tokens.put(Target.of("facebook", page.id()), page.credentials()); // Page token: no expiry
      }
      FacebookPublisher pages = FacebookPublisher.builder().tokens(tokens).appId(appId).build();
      // end::facebook[]

      assertThat(tokens.targets("facebook")).containsExactly(Target.of("facebook", "1001"));
      assertThat(pages.platform()).isEqualTo("facebook");
    }
  }

  @Test
  void tiktok(@TempDir Path dir) throws IOException {
    TokenStore tokens = TokenStore.inMemory();
    String clientKey = "awherald0client0key";
    String clientSecret = "client-secret";
    Path clip = Files.write(dir.resolve("clip.mp4"), new byte[1024]);
    // tag::tiktok[]
    TikTokPublisher tiktok = TikTokPublisher.builder()
        .tokens(tokens)                                  // .apiBase(fake.baseUri()) in tests
        .build();
    TikTokTokenRefresher refresher = TikTokTokenRefresher.builder(clientKey, clientSecret)
        .tokens(tokens)                                  // re-read before refreshing: see below
        .build();
    Publishing publishing = Publishing.builder().publisher(tiktok).build();
    SchedulerBuilder builder = publishing.install(Scheduler.builder())
        .recurring("tiktok-token-refresh", Triggers.parse("15m"),
            TokenRefreshJob.of(tokens, refresher));

    Post post = Post.builder()
        .text("Launch day #herald")
        .addMedia(Media.video(clip.toUri()))             // a local file is uploaded in chunks
        .option("privacy_level", "PUBLIC_TO_EVERYONE")   // required, no default (UX guidelines)
        .build();
    List<PostViolation> problems = tiktok.validate(post); // offline; also checked when scheduled
    // end::tiktok[]

    assertThat(problems).isEmpty();
    assertThat(tiktok.validate(Post.text("no video"))).isNotEmpty();
    try (TestScheduler scheduler =
        TestScheduler.create(builder.clock(ManualClock.at("2026-11-23T08:00:00Z")))) {
      assertThat(scheduler.client().get("tiktok-token-refresh")).isPresent();
    }
  }
}
