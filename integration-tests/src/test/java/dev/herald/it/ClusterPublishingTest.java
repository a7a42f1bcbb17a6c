package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.platforms.facebook.FacebookPublisher;
import dev.herald.platforms.instagram.InstagramFlavour;
import dev.herald.platforms.instagram.InstagramPublisher;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.FakeServer;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.platforms.tiktok.TikTokPublisher;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.jdbc.TestDatabase;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishBudget;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 posts to 5 platforms, all due at the same instant, published by two scheduler instances with
 * their own connection pools sharing PostgreSQL: every publication ends PUBLISHED, each exactly
 * once in its platform's ledger, and both instances did work.
 */
@Timeout(600)
class ClusterPublishingTest {
  private static final int POSTS = 100;
  private static final Target MASTODON = Target.of("mastodon", "alice");
  private static final Target PIXELFED = Target.of("pixelfed", "bob");
  private static final Target FACEBOOK = Target.of("facebook", "page-9");
  private static final Target INSTAGRAM = Target.of("instagram", "17841400000000001");
  private static final Target TIKTOK = Target.of("tiktok", "open-tiktok-1");
  private static final String CDN = "https://cdn.example/images/";

  @TempDir
  Path dir;

  @Test
  void hundredPostsToFivePlatformsArePublishedExactlyOnceByTwoNodes() throws Exception {
    TestDatabase db = TestDatabase.POSTGRESQL;
    db.dataSource(); // skips, or fails under CI, if unreachable
    String prefix = TestDatabase.uniquePrefix("cluster");
    Path image = Files.write(dir.resolve("photo.png"), Pngs.onePixel());
    try (FakeMastodon mastodon = FakeMastodon.builder().account("alice", "tok-m").start();
        FakePixelfed pixelfed = FakePixelfed.builder().account("bob", "tok-p").start();
        FakeFacebook facebook = FakeFacebook.builder().page("page-9", "Herald", "tok-f").start();
        FakeInstagram instagram = FakeInstagram.builder().account(INSTAGRAM.account(), "tok-i")
            .quotaTotal(1000).imagePolls(1).start();
        FakeTikTok tiktok = FakeTikTok.builder().account(TIKTOK.account(), "herald", "tok-t")
            .verifiedUrlPrefixes(CDN).dailyPostCap(1000).processingPolls(1).start();
        HikariDataSource poolA = db.newPool(6);
        HikariDataSource poolB = db.newPool(6)) {
      Fakes fakes = new Fakes(mastodon, pixelfed, facebook, instagram, tiktok);
      JdbcJobStore storeA = JdbcJobStore.builder(poolA).tablePrefix(prefix).build();
      JdbcJobStore storeB = JdbcJobStore.builder(poolB).tablePrefix(prefix).build();
      Publishing publishingA = fakes.publishing();
      Publishing publishingB = fakes.publishing();
      Scheduler nodeA = node(storeA, publishingA, "node-a");
      Scheduler nodeB = node(storeB, publishingB, "node-b");
      Publications posts = publishingA.client(nodeA.client());

      Instant at = Instant.now().plusSeconds(3);
      for (int i = 0; i < POSTS; i++) {
        posts.schedule(request(i, image, at));
      }
      try (nodeA; nodeB) {
        nodeA.start();
        nodeB.start();
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
            .until(() -> storeA.stats(0).count(JobStatus.COMPLETED) == POSTS * 5L);
      }

      for (FakeServer fake : List.of(mastodon, pixelfed, facebook, instagram, tiktok)) {
        List<LedgerEntry> ledger = fake.ledger().entries();
        assertThat(ledger).as(fake.platform() + " ledger").hasSize(POSTS);
        assertThat(ledger.stream().map(LedgerEntry::text).collect(Collectors.toSet()))
            .as("each post once on " + fake.platform()).hasSize(POSTS);
      }
      Set<String> nodes = new HashSet<>();
      for (int i = 0; i < POSTS; i++) {
        PostStatus status = posts.status("post-" + i);
        assertThat(status.all(TargetState.PUBLISHED)).as(status.toString()).isTrue();
        for (TargetStatus t : status.targets()) {
          assertThat(t.remoteId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
          t.history().stream().map(JobAttempt::node).forEach(nodes::add);
        }
      }
      assertThat(nodes).as("both instances did work").containsExactlyInAnyOrder("node-a", "node-b");
      assertThat(storeA.list(JobQuery.builder().status(JobStatus.RUNNING).build()).items())
          .as("no row left RUNNING").isEmpty();
    } finally {
      db.dropTables(db.dataSource(), prefix);
    }
  }

  private static PostRequest request(int i, Path image, Instant at) {
    String text = "Post " + i + " from Herald";
    URI cdnImage = URI.create(CDN + i + ".jpg");
    Post withLocalImage = Post.builder().text(text).addMedia(Media.image(image.toUri())).build();
    return PostRequest.builder("post-" + i, withLocalImage)
        .target(MASTODON)
        .target(PIXELFED)
        .target(FACEBOOK)
        .target(INSTAGRAM, Post.builder().text(text).addMedia(Media.image(cdnImage)).build())
        .target(TIKTOK, Post.builder().text(text).title("Post " + i)
            .addMedia(Media.image(cdnImage)).option("privacy_level", "PUBLIC_TO_EVERYONE")
            .build())
        .at(at)
        .build();
  }

  private static Scheduler node(JdbcJobStore store, Publishing publishing, String id) {
    return publishing.install(Scheduler.builder().store(store).nodeId(id).threads(4)
        .pollInterval(Duration.ofMillis(100)).lease(Duration.ofSeconds(10), Duration.ofSeconds(2))
        .sweepInterval(Duration.ofSeconds(1))).build();
  }

  /** The five fakes, and publishers pointed at them (a node's own set). */
  private record Fakes(FakeMastodon mastodon, FakePixelfed pixelfed, FakeFacebook facebook,
      FakeInstagram instagram, FakeTikTok tiktok) {
    Publishing publishing() {
      TokenStore tokens = TokenStore.inMemory();
      tokens.put(Target.of("mastodon", "alice"), Credentials.of("tok-m"));
      tokens.put(Target.of("pixelfed", "bob"), Credentials.of("tok-p"));
      tokens.put(Target.of("facebook", "page-9"), Credentials.of("tok-f"));
      tokens.put(Target.of("instagram", INSTAGRAM.account()), Credentials.of("tok-i"));
      tokens.put(Target.of("tiktok", TIKTOK.account()), Credentials.of("tok-t"));
      List<dev.herald.scheduler.publish.PlatformPublisher> publishers = new ArrayList<>();
      publishers.add(MastodonPublisher.builder(mastodon.baseUri()).tokens(tokens).build());
      publishers.add(PixelfedPublisher.builder(pixelfed.baseUri()).tokens(tokens).build());
      publishers.add(FacebookPublisher.builder().graphBaseUri(facebook.baseUri()).tokens(tokens)
          .build());
      publishers.add(InstagramPublisher.builder(InstagramFlavour.FACEBOOK_LOGIN)
          .graphBaseUri(instagram.baseUri()).ruploadBaseUri(instagram.baseUri()).tokens(tokens)
          .containerPolling(Duration.ofMillis(20), 50).build());
      publishers.add(TikTokPublisher.builder().apiBase(tiktok.baseUri()).tokens(tokens)
          .statusPolling(Duration.ofMillis(20), Duration.ofMillis(100), 50).build());
      // the fakes' quotas are raised to 1,000 a day; so are the accounts' publish budgets
      Publishing.Builder b = Publishing.builder()
          .budget("instagram", PublishBudget.of(1000, Duration.ofHours(24)))
          .budget("tiktok", PublishBudget.of(1000, Duration.ofHours(24)));
      publishers.forEach(b::publisher);
      return b.build();
    }
  }
}
