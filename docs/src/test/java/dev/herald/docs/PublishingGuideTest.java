package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.herald.platforms.instagram.InstagramTokenRefresher;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.tiktok.TikTokTokenRefresher;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.jdbc.TokenKeys;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostQuery;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of docs/publishing.md, run against the fake Mastodon and Pixelfed servers. */
class PublishingGuideTest {
  private static final byte[] ONE_PIXEL_PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhh"
          + "dAAAAAElFTkSuQmCC");

  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
  private final FakeMastodon mastodon =
      FakeMastodon.builder().account("alice", "tok-alice").start();
  private final FakePixelfed pixelfed = FakePixelfed.builder()
      .account("bob", "tok-bob", "refresh-bob").client("herald", "client-secret").start();

  private TestScheduler testScheduler;

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    if (testScheduler != null) {
      testScheduler.close();
    }
    mastodon.close();
    pixelfed.close();
  }

  private Path photo() throws IOException {
    return Files.write(dir.resolve("logo.png"), ONE_PIXEL_PNG);
  }

  @Test
  void theMainSampleSchedulesEveryTargetAndEachIsPublishedOnceOnItsInstance() throws IOException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:publishing-guide;DB_CLOSE_DELAY=-1");
    try (FakeMastodon fosstodon = FakeMastodon.builder().account("carol", "tok-carol").start()) {
      PublishingSample sample = new PublishingSample();
      sample.dataSource = h2;
      sample.tokenKey = new byte[TokenKeys.KEY_BYTES];
      new SecureRandom().nextBytes(sample.tokenKey);
      sample.mastodonSocial = mastodon.baseUri().getRawAuthority();
      sample.fosstodon = fosstodon.baseUri().getRawAuthority();
      sample.pixelfedSocial = pixelfed.baseUri().getRawAuthority();
      sample.instanceUris = name -> URI.create("http://" + name);   // the fakes speak plain HTTP
      sample.aliceToken = "tok-alice";
      sample.carolToken = "tok-carol";
      sample.bobToken = "tok-bob";
      sample.photo = photo();

      sample.run();

      try (Scheduler scheduler = sample.scheduler) {
        assertThat(sample.status.targets()).extracting(TargetStatus::target).containsExactly(
            Target.of("mastodon", sample.mastodonSocial, "alice"),
            Target.of("mastodon", sample.fosstodon, "carol"),
            Target.of("pixelfed", sample.pixelfedSocial, "bob"));
        for (TargetStatus target : sample.status.targets()) {
          if (target.state() == TargetState.SCHEDULED
              && target.nextAttemptAt().orElseThrow().isAfter(Instant.now())) {
            scheduler.client().runNow(target.jobId());   // don't wait for the date in the sample
          }
        }
        await().atMost(Duration.ofSeconds(20)).until(
            () -> sample.posts.status("post-42").all(TargetState.PUBLISHED));
        for (FakeMastodon instance : List.of(mastodon, fosstodon)) {
          assertThat(instance.ledger().entries()).singleElement()
              .satisfies(e -> assertThat(e.text()).isEqualTo("Hello from Herald"));
        }
        assertThat(fosstodon.ledger().entries().get(0).account()).isEqualTo("carol");
        assertThat(pixelfed.ledger().entries()).singleElement()
            .satisfies(e -> assertThat(e.mediaIds()).hasSize(1));
        assertThat(sample.tokenStore.get(Target.of("mastodon", sample.fosstodon, "carol")))
            .contains(Credentials.of("tok-carol"));
      }
    }
  }

  /**
   * Publishes post-42 to alice on Mastodon and bob on Pixelfed on a test scheduler; Pixelfed's
   * response is lost and its account cannot be read, so bob's target ends NEEDS_REVIEW (Pixelfed
   * does not deduplicate by key, and Herald cannot look the status up).
   */
  private Publications publishWithPixelfedResponseLost() throws IOException {
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of("mastodon", "alice"), Credentials.of("tok-alice"));
    tokens.put(Target.of("pixelfed", "bob"), Credentials.of("tok-bob"));
    Publishing publishing = Publishing.builder()
        .publisher(MastodonPublisher.builder(mastodon.baseUri()).tokens(tokens).build())
        .publisher(PixelfedPublisher.builder(pixelfed.baseUri()).tokens(tokens).build())
        .clock(clock)
        .build();
    testScheduler = TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)));
    Publications posts = publishing.client(testScheduler.client());
    pixelfed.inject("POST /api/v1/statuses", Fault.dropAfterAccept().times(1));
    // and the account cannot be read (403), so Herald cannot look the status up: a human decides
    pixelfed.inject(FakePixelfed.VERIFY_CREDENTIALS, Fault.status(403));
    posts.schedule(PostRequest.builder("post-42", Post.text("Hello from Herald"))
        .target("mastodon", "alice")
        .target(Target.of("pixelfed", "bob"), Post.builder().text("Hello from Herald")
            .addMedia(Media.image(photo().toUri())).build())
        .build());
    testScheduler.runDue();
    return posts;
  }

  @Test
  void readingAPostsStatusPerTarget() throws IOException {
    Publications posts = publishWithPixelfedResponseLost();
    // tag::post-status[]
    PostStatus status = posts.status("post-42");
    StringBuilder report = new StringBuilder();
    for (TargetStatus target : status.targets()) {
      report.append(target.target()).append(' ').append(target.state()); // mastodon:alice PUBLISHED
      target.remoteId().ifPresent(id -> report.append(" id=").append(id)); // the platform's id
      target.url().ifPresent(url -> report.append(' ').append(url));       // its public URL, if any
      report.append(" attempts=").append(target.attempts());
      target.lastError().ifPresent(e -> report.append(" error=").append(e)); // why it failed/waits
      report.append('\n');
    }

    TargetStatus alice = status.target(Target.of("mastodon", "alice"));
    List<JobAttempt> attempts = alice.history();                             // newest first
    boolean everywhere = status.all(TargetState.PUBLISHED);
    // end::post-status[]

    String mastodonId = mastodon.ledger().entries().get(0).remoteId();
    assertThat(report.toString().lines()).satisfiesExactly(
        line -> assertThat(line).startsWith("mastodon:alice PUBLISHED id=" + mastodonId + " ")
            .contains(mastodon.baseUri().toString()),
        line -> assertThat(line).startsWith("pixelfed:bob NEEDS_REVIEW attempts=1 error="));
    assertThat(attempts).extracting(JobAttempt::outcome)
        .containsExactly(JobAttempt.Outcome.SUCCEEDED);
    assertThat(everywhere).isFalse();

    assertThat(status.target(Target.of("pixelfed", "bob")).jobId())
        .isEqualTo("post/post-42/pixelfed/bob");
  }

  @Test
  void listingPostsByTargetStateAndDueTime() throws IOException {
    Publications posts = publishWithPixelfedResponseLost();
    Instant tomorrow = Instant.parse("2026-11-24T00:00:00Z");
    posts.schedule(PostRequest.builder("post-43", Post.text("Tomorrow's news"))
        .target("mastodon", "alice").at(tomorrow.plus(Duration.ofHours(9))).build());
    posts.schedule(PostRequest.builder("post-44", Post.text("Next week's news"))
        .target("mastodon", "alice").at(tomorrow.plus(Duration.ofDays(7))).build());

    // tag::list-posts[]
    PostQuery needsReview = PostQuery.builder()
        .state(TargetState.NEEDS_REVIEW)              // posts with a target waiting for a human
        .build();
    List<String> waiting = posts.stream(needsReview)  // every match, ordered by post id
        .flatMap(post -> post.targets().stream()
            .filter(needsReview::matches)             // those targets, not the post's others
            .map(target -> post.postId() + " to " + target.target()))
        .toList();                                    // [post-42 to pixelfed:bob]

    PostQuery tomorrowOnMastodon = PostQuery.builder()
        .platform("mastodon")
        .dueBetween(tomorrow, tomorrow.plus(Duration.ofDays(1)))  // [from, before)
        .build();
    Page<PostStatus> page = posts.list(tomorrowOnMastodon);       // one page: 100 posts at most
    List<String> agenda = page.stream().map(PostStatus::postId).toList();  // [post-43]
    boolean more = page.hasMore();          // if so: posts.list(tomorrowOnMastodon.next(page))
    // end::list-posts[]

    assertThat(waiting).containsExactly("post-42 to pixelfed:bob");
    assertThat(agenda).containsExactly("post-43");
    assertThat(more).isFalse();
    assertThat(posts.list(PostQuery.all()).items()).extracting(PostStatus::postId)
        .containsExactly("post-42", "post-43", "post-44");
  }

  @Test
  void tokenRefreshJobsAreRecurringJobs() {
    TokenStore tokens = TokenStore.inMemory();
    InstagramTokenRefresher instagramRefresher = InstagramTokenRefresher.builder().build();
    TikTokTokenRefresher tikTokRefresher =
        TikTokTokenRefresher.builder("client-key", "client-secret").tokens(tokens).build();
    SchedulerBuilder builder = Scheduler.builder().clock(clock);

    // tag::refresh-jobs[]
    builder.recurring("instagram-token-refresh", Triggers.parse("6h"),
        TokenRefreshJob.of(tokens, instagramRefresher));
    builder.recurring("tiktok-token-refresh", Triggers.parse("15m"),  // those expiring soon
        TokenRefreshJob.of(tokens, tikTokRefresher));
    // end::refresh-jobs[]

    try (TestScheduler scheduler = TestScheduler.create(builder)) {
      List<JobAttempt> runs = scheduler.advance(Duration.ofMinutes(15));

      assertThat(runs).extracting(JobAttempt::jobId, JobAttempt::outcome)
          .containsExactly(tuple("tiktok-token-refresh", JobAttempt.Outcome.SUCCEEDED));
      assertThat(scheduler.client().get("instagram-token-refresh").orElseThrow().triggerSpec())
          .isEqualTo("6h");
    }
  }

  @Test
  void anOnPublishedHookSchedulesAFollowUpWithThePublication() {
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of("mastodon", "alice"), Credentials.of("tok-alice"));
    MastodonPublisher mastodonPublisher =
        MastodonPublisher.builder(mastodon.baseUri()).tokens(tokens).build();

    // tag::hooks[]
    Publishing publishing = Publishing.builder()
        .publisher(mastodonPublisher)
        .onPublished(p -> List.of(JobRequest.builder("fetch-engagement")
            .id("engagement/" + p.target() + "/" + p.remoteId())
            .payload(p.remoteId())
            .runAt(p.publishedAt().plus(Duration.ofHours(24)))
            .build()))
        .build();
    // end::hooks[]

    SchedulerBuilder builder = publishing.install(Scheduler.builder().clock(clock))
        .register("fetch-engagement", ctx -> {});
    try (TestScheduler scheduler = TestScheduler.create(builder)) {
      Publications posts = publishing.client(scheduler.client());
      posts.schedule(PostRequest.builder("p1", Post.text("Hello")).target("mastodon", "alice")
          .build());
      Instant before = Instant.now();
      scheduler.runDue();
      Instant after = Instant.now();

      String remoteId = mastodon.ledger().entries().get(0).remoteId();
      JobSnapshot followUp =
          scheduler.client().get("engagement/mastodon:alice/" + remoteId).orElseThrow();
      assertThat(followUp.nextRunAt().orElseThrow())
          .isBetween(before.plus(Duration.ofHours(24)), after.plus(Duration.ofHours(24)));
      assertThat(scheduler.client().payload(followUp.id(), String.class)).isEqualTo(remoteId);
    }
  }
}
