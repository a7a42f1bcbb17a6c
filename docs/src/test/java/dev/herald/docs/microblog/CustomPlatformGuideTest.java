package dev.herald.docs.microblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostValidationException;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guide to adding a platform (docs/platforms/custom-platform.md): its sample publisher,
 * registered with {@link Publishing} and run against {@link FakeMicroblog}, and how it classifies
 * each kind of answer.
 */
class CustomPlatformGuideTest {
  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
  private final FakeMicroblog fake =
      new FakeMicroblog(clock).account("alice", "tok-alice", "refresh-alice");
  private final TokenStore tokens = TokenStore.inMemory();
  private final MicroblogPublisher microblog =
      new MicroblogPublisher(fake.baseUri(), tokens, clock);

  CustomPlatformGuideTest() {
    tokens.put(Target.of("microblog", "alice"), Credentials.of("tok-alice"));
  }

  @AfterEach
  void closeFake() {
    fake.close();
  }

  private PublishResult publish(String text, String key) {
    return microblog.publish(new PublishRequest(Post.text(text), Target.of("microblog", "alice"), key));
  }

  @Test
  void registeredWithPublishingItPublishesAScheduledPostOnce() {
    URI api = fake.baseUri();   // e.g. https://microblog.example
    // tag::register[]
    Publishing publishing = Publishing.builder()
        .publisher(new MicroblogPublisher(api, tokens, InstantSource.system()))
        .build();
    // end::register[]
    try (TestScheduler scheduler =
        TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)))) {
      Publications posts = publishing.client(scheduler.client());
      posts.schedule(PostRequest.builder("p1", Post.text("Hello, Microblog"))
          .target("microblog", "alice")
          .at(clock.now().plus(Duration.ofMinutes(5)))
          .build());

      scheduler.runUntil(clock.now().plus(Duration.ofMinutes(5)));

      TargetStatus target = posts.status("p1").target(Target.of("microblog", "alice"));
      LedgerEntry entry = fake.ledger().entries().get(0);
      assertThat(fake.ledger().entries()).hasSize(1);
      assertThat(target.state()).isEqualTo(TargetState.PUBLISHED);
      assertThat(target.remoteId()).contains(entry.remoteId());
      assertThat(target.url()).isEqualTo(entry.url());
      assertThat(entry.text()).isEqualTo("Hello, Microblog");
      assertThat(entry.idempotencyKey()).get().asString().hasSizeGreaterThanOrEqualTo(22);
    }
  }

  @Test
  void classifiesEachKindOfAnswer() {
    assertThat(publish("Hello", "k1")).isInstanceOf(PublishResult.Published.class);

    fake.inject("POST /api/posts", Fault.status(503).times(1));
    assertThat(publish("Hello", "k2")).isInstanceOf(PublishResult.RetryLater.class);

    fake.inject("POST /api/posts", Fault.rateLimited(Duration.ofSeconds(120)).times(1));
    assertThat(publish("Hello", "k3"))
        .isEqualTo(PublishResult.rateLimited(clock.now().plusSeconds(120), "HTTP 429"));

    assertThat(publish("x".repeat(501), "k4"))
        .isEqualTo(PublishResult.rejected("text_too_long", "Text is longer than 500 characters"));

    tokens.put(Target.of("microblog", "alice"), Credentials.of("revoked"));
    assertThat(publish("Hello", "k5")).isInstanceOf(PublishResult.AuthExpired.class);
    tokens.remove(Target.of("microblog", "alice"));
    assertThat(publish("Hello", "k6")).isInstanceOf(PublishResult.AuthExpired.class);
  }

  @Test
  void aLostAnswerIsUnknownAndARetryWithTheSameKeyIsAReplayNotASecondPost() {
    fake.inject("POST /api/posts", Fault.dropAfterAccept().times(1));

    assertThat(publish("Hello", "key-1")).isInstanceOf(PublishResult.Unknown.class);
    PublishResult replay = publish("Hello", "key-1");

    assertThat(fake.ledger().entries()).hasSize(1);
    assertThat(replay).isEqualTo(PublishResult.published(
        fake.ledger().entries().get(0).remoteId(), fake.ledger().entries().get(0).url().get()));
  }

  @Test
  void nothingSentWhenTheServerCannotBeReached() {
    fake.close();

    assertThat(publish("Hello", "k1")).isInstanceOf(PublishResult.RetryLater.class);
  }

  @Test
  void theCallCarriesTheTokenAndTheKey() {
    publish("Hello", "key-7");

    FakeRequest call = fake.requests("POST /api/posts").get(0);
    assertThat(call.bearerToken()).contains("tok-alice");
    assertThat(call.header("Idempotency-Key")).contains("key-7");
  }

  @Test
  void invalidPostsAreRefusedWhenScheduledNotWhenDue() {
    Post local = Post.builder().text("A cat")
        .addMedia(Media.image(URI.create("file:///tmp/cat.png"))).build();

    assertThat(microblog.validate(local)).extracting(PostViolation::field)
        .containsExactly("media[0]");
    assertThat(microblog.validate(Post.text("x".repeat(501)))).extracting(PostViolation::field)
        .containsExactly("text");
    Publishing publishing = Publishing.builder().publisher(microblog).clock(clock).build();
    try (TestScheduler scheduler =
        TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)))) {
      Publications posts = publishing.client(scheduler.client());
      assertThatThrownBy(() -> posts.schedule(
              PostRequest.builder("p1", local).target("microblog", "alice").build()))
          .isInstanceOf(PostValidationException.class)
          .hasMessageContaining("Microblog fetches images from https: URLs");
      assertThat(scheduler.client().list(JobQuery.all()).items()).isEmpty();
    }
  }
}
