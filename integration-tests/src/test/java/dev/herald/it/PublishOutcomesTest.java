package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.platforms.pixelfed.PixelfedTokenRefresher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.token.RefreshingPublisher;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the scheduler does with each kind of platform answer, through the real adapters and their
 * fake servers: a rate limit, a permanent rejection, an expired token.
 */
class PublishOutcomesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Target ALICE = Target.of("mastodon", "alice");
  private static final Target BOB = Target.of("pixelfed", "bob");

  private final ManualClock clock = ManualClock.at(T0);
  private final TokenStore tokens = TokenStore.inMemory();
  private FakeMastodon mastodon;
  private FakePixelfed pixelfed;
  private TestScheduler scheduler;
  private Publications posts;

  @TempDir
  Path dir;

  @BeforeEach
  void setUp() {
    mastodon = FakeMastodon.builder().account("alice", "tok-alice").clock(clock).start();
    pixelfed = FakePixelfed.builder().account("bob", "tok-bob", "refresh-bob")
        .client("herald", "client-secret").clock(clock).start();
    tokens.put(Target.of("mastodon", "alice"), Credentials.of("tok-alice"));
    tokens.put(Target.of("pixelfed", "bob"), Credentials.of("expired-token")
        .withRefreshToken("refresh-bob", T0.plus(Duration.ofDays(300))));
    Publishing publishing = Publishing.builder()
        .publisher(MastodonPublisher.builder(mastodon.baseUri()).tokens(tokens).clock(clock)
            .build())
        .publisher(RefreshingPublisher.wrap(
            PixelfedPublisher.builder(pixelfed.baseUri()).tokens(tokens).clock(clock).build(),
            tokens,
            PixelfedTokenRefresher.builder(pixelfed.baseUri()).clientId("herald")
                .clientSecret("client-secret").clock(clock).build()))
        .clock(clock)
        .build();
    scheduler = TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)));
    posts = publishing.client(scheduler.client());
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
    mastodon.close();
    pixelfed.close();
  }

  @Test
  void a429WithRetryAfterReschedulesToThatTimeWithTheAttemptCountUnchanged() {
    mastodon.inject("POST /api/v1/statuses", Fault.rateLimited(Duration.ofSeconds(120)).times(1));
    TargetStatus scheduled = posts.schedule(PostRequest.builder("p1", Post.text("Hello"))
        .target(ALICE).build()).target(ALICE);

    scheduler.runDue();

    JobSnapshot job = scheduler.client().get(scheduled.jobId()).orElseThrow();
    assertThat(job.nextRunAt()).hasValue(T0.plusSeconds(120));
    assertThat(job.attempt()).as("a rate limit does not spend an attempt").isZero();
    assertThat(posts.status("p1").target(ALICE).state()).isEqualTo(TargetState.SCHEDULED);

    scheduler.runUntil(T0.plusSeconds(120));
    assertThat(posts.status("p1").target(ALICE).state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(mastodon.ledger().entries()).hasSize(1);
  }

  @Test
  void aPermanentRejectionEndsFailedWithThePlatformsCodeAndMessage() {
    mastodon.inject("POST /api/v1/statuses", Fault.fixture("mastodon-error-422.json"));
    posts.schedule(PostRequest.builder("p1", Post.text("Hello")).target(ALICE).build());

    scheduler.runUntil(T0.plus(Duration.ofHours(1)));

    TargetStatus failed = posts.status("p1").target(ALICE);
    assertThat(failed.state()).isEqualTo(TargetState.FAILED);
    assertThat(failed.lastError().orElseThrow()).contains("422").contains("Validation failed");
    assertThat(failed.history()).as("not retried").hasSize(1);
    assertThat(mastodon.ledger().entries()).isEmpty();
  }

  @Test
  void anExpiredTokenTriggersOneRefreshAndARetry() throws Exception {
    Path image = Files.write(dir.resolve("cat.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    posts.schedule(PostRequest.builder("p1", Post.builder().text("A cat")
        .addMedia(Media.image(image.toUri())).build()).target(BOB).build());

    scheduler.runDue();

    TargetStatus published = posts.status("p1").target(BOB);
    assertThat(published.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(published.history()).as("one attempt: refreshed and retried within it").hasSize(1);
    assertThat(pixelfed.requests("POST /oauth/token")).hasSize(1);
    assertThat(pixelfed.ledger().entries()).hasSize(1);
    assertThat(tokens.get(Target.of("pixelfed", "bob")).orElseThrow().accessToken())
        .isNotEqualTo("expired-token");
  }
}
