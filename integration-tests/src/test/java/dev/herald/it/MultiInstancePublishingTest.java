package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.FakeServer;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostQuery;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostValidationException;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One registered Mastodon publisher and one Pixelfed publisher serve accounts on two instances
 * each: every instance is its own fake server, with its own accounts, tokens, limits and ledger.
 * Targets name the instance as {@code host:port}; the publishers reach loopback instances over
 * plain HTTP through {@code instanceUris}.
 */
class MultiInstancePublishingTest {
  private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

  private final ManualClock clock = ManualClock.at(T0);
  @TempDir
  Path dir;

  private FakeMastodon social;
  private FakeMastodon art;
  private FakePixelfed pixSocial;
  private FakePixelfed pixArt;
  private MastodonPublisher mastodon;
  private TestScheduler scheduler;
  private Publications posts;

  @BeforeEach
  void start() {
    // the same user name on both instances, with different tokens and limits
    social = FakeMastodon.builder().account("alice", "tok-social").maxCharacters(500).clock(clock)
        .start();
    art = FakeMastodon.builder().account("alice", "tok-art").maxCharacters(5000).clock(clock)
        .start();
    pixSocial = FakePixelfed.builder().account("bob", "pix-social").maxCharacters(500).clock(clock)
        .start();
    pixArt = FakePixelfed.builder().account("bob", "pix-art").maxCharacters(2000).clock(clock)
        .start();

    TokenStore tokens = TokenStore.inMemory();
    tokens.put(on(social, "mastodon", "alice"), Credentials.of("tok-social"));
    tokens.put(on(art, "mastodon", "alice"), Credentials.of("tok-art"));
    tokens.put(on(pixSocial, "pixelfed", "bob"), Credentials.of("pix-social"));
    tokens.put(on(pixArt, "pixelfed", "bob"), Credentials.of("pix-art"));

    mastodon = MastodonPublisher.builder().tokens(tokens).clock(clock)
        .instanceUris(instance -> URI.create("http://" + instance)).build();
    Publishing publishing = Publishing.builder()
        .publisher(mastodon)
        .publisher(PixelfedPublisher.builder().tokens(tokens).clock(clock)
            .instanceUris(instance -> URI.create("http://" + instance)).build())
        .clock(clock)
        .build();
    scheduler = TestScheduler.create(publishing.install(
        Scheduler.builder().clock(clock).store(JobStore.inMemory(clock))));
    posts = publishing.client(scheduler.client());
  }

  @AfterEach
  void stop() {
    scheduler.close();
    List.of(social, art, pixSocial, pixArt).forEach(FakeServer::close);
  }

  private static Target on(FakeServer fake, String platform, String account) {
    return Target.of(platform, fake.baseUri().getRawAuthority(), account);
  }

  @Test
  void onePublisherPerPlatformPublishesToEachInstanceWithItsOwnTokenAndLedger() throws Exception {
    Path photo = Files.write(dir.resolve("photo.png"), Pngs.onePixel());
    Post mastodonPost = Post.text("Hello from Herald");
    Post pixelfedPost = Post.builder().text("A photo").addMedia(Media.image(photo.toUri())).build();
    posts.schedule(PostRequest.builder("m1", mastodonPost)
        .target(on(social, "mastodon", "alice")).target(on(art, "mastodon", "alice")).at(T0)
        .build());
    posts.schedule(PostRequest.builder("p1", pixelfedPost)
        .target(on(pixSocial, "pixelfed", "bob")).target(on(pixArt, "pixelfed", "bob")).at(T0)
        .build());

    scheduler.runDue();

    for (FakeServer fake : List.of(social, art, pixSocial, pixArt)) {
      assertThat(fake.ledger().entries()).as(fake.baseUri() + " ledger").hasSize(1);
    }
    assertThat(social.ledger().entries().get(0).text()).isEqualTo("Hello from Herald");
    assertThat(art.ledger().entries().get(0).text()).isEqualTo("Hello from Herald");
    assertThat(pixArt.ledger().entries().get(0).text()).isEqualTo("A photo");
    assertThat(posts.status("m1").targets()).allSatisfy(t -> {
      assertThat(t.state()).isEqualTo(TargetState.PUBLISHED);
      assertThat(t.target().instance()).isPresent();
    });
    LedgerEntry onArt = art.ledger().entries().get(0);
    assertThat(posts.status("m1").target(on(art, "mastodon", "alice")).remoteId())
        .contains(onArt.remoteId());
  }

  @Test
  void eachInstanceValidatesAgainstItsOwnLimits() {
    Target onArt = on(art, "mastodon", "alice");
    Target onSocial = on(social, "mastodon", "alice");
    // read when an account is connected; publish also reads them once their cache is stale
    assertThat(mastodon.refreshLimits(onArt).maxCharacters()).isEqualTo(5000);
    assertThat(mastodon.refreshLimits(onSocial).maxCharacters()).isEqualTo(500);
    Post longPost = Post.text("x".repeat(1200));

    assertThatThrownBy(() -> posts.schedule(PostRequest.builder("too-long", longPost)
        .target(onSocial).at(T0).build()))
        .isInstanceOf(PostValidationException.class)
        .hasMessageContaining(onSocial + ": text is 1200 characters");
    posts.schedule(PostRequest.builder("long", longPost).target(onArt).at(T0).build());
    scheduler.runDue();

    assertThat(art.ledger().entries()).extracting(LedgerEntry::text)
        .containsExactly("x".repeat(1200));
    assertThat(social.ledger().entries()).isEmpty();
    assertThat(posts.list(PostQuery.builder().target(onArt).build()).items())
        .extracting(p -> p.postId()).containsExactly("long");
    assertThat(posts.list(PostQuery.builder().target(onSocial).build()).items()).isEmpty();
    assertThat(posts.list(PostQuery.builder().instance(onArt.instance().orElseThrow()).build())
        .items()).hasSize(1);
  }

  @Test
  void aTargetWithoutAnInstanceIsRefusedWhenScheduledByAPublisherWithoutADefault() {
    assertThatThrownBy(() -> posts.schedule(PostRequest.builder("nowhere", Post.text("hi"))
        .target(Target.of("mastodon", "alice")).at(T0).build()))
        .isInstanceOf(PostValidationException.class)
        .hasMessageContaining("names no mastodon instance");
  }
}
