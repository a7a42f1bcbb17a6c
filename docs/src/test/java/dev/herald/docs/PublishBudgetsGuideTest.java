package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.instagram.InstagramFlavour;
import dev.herald.platforms.instagram.InstagramPublisher;
import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishBudget;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The samples of the "Publish budgets" section of docs/publishing.md, against FakeInstagram. */
class PublishBudgetsGuideTest {
  @Test
  void theTwentySixthPostOfTheDayWaitsForTheOldestToLeaveTheWindow() {
    String igUserId = "17841405822304914";
    ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of("instagram", igUserId), Credentials.of("ig-token"));
    try (FakeInstagram fake = FakeInstagram.builder().clock(clock).account(igUserId, "ig-token")
        .quotaTotal(25).start()) {
      InstagramPublisher instagramPublisher =
          InstagramPublisher.builder(InstagramFlavour.FACEBOOK_LOGIN)
              .graphBaseUri(fake.baseUri()).tokens(tokens).clock(clock).sleeper(clock::advance)
              .build();

      // tag::budget[]
      Publishing publishing = Publishing.builder()
          .publisher(instagramPublisher)   // declares Meta's 50 posts per 24 h
          .budget("instagram", PublishBudget.of(25, Duration.ofHours(24)))  // these accounts: 25
          .build();
      // end::budget[]
      Publishing onClock = Publishing.builder().publisher(instagramPublisher).clock(clock)
          .budget("instagram", publishing.budget("instagram").orElseThrow()).build();

      try (TestScheduler scheduler =
          TestScheduler.create(onClock.install(Scheduler.builder().clock(clock)))) {
        Publications posts = onClock.client(scheduler.client());
        Instant start = clock.now();
        for (int i = 1; i <= 26; i++) {
          posts.schedule(PostRequest.builder(String.format("post-%02d", i),
                  Post.builder().text("Photo " + i)
                  .addMedia(Media.image(URI.create("https://cdn.example/" + i + ".jpg"))).build())
              .target("instagram", igUserId).at(start).build());
        }
        scheduler.runDue();

        // tag::budget-status[]
        TargetStatus waiting = posts.status("post-26").target(Target.of("instagram", igUserId));
        waiting.state();          // SCHEDULED: not sent, no attempt spent
        waiting.nextAttemptAt();  // when the oldest of the 25 leaves the 24 hours
        waiting.lastError();      // "instagram:17841405822304914 used its budget of 25 posts
                                  //  per PT24H; deferred until 2026-11-24T08:00:10Z"
        // end::budget-status[]

        Instant firstPublished = fake.ledger().entries().get(0).publishedAt();
        assertThat(fake.ledger().entries()).hasSize(25);
        assertThat(waiting.state()).isEqualTo(TargetState.SCHEDULED);
        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.nextAttemptAt()).hasValue(firstPublished.plus(Duration.ofHours(24)));
        assertThat(waiting.lastError()).hasValue("instagram:" + igUserId + " used its budget of 25"
            + " posts per PT24H; deferred until " + firstPublished.plus(Duration.ofHours(24)));

        scheduler.runUntil(start.plus(Duration.ofHours(25)));
        assertThat(posts.status("post-26").target(Target.of("instagram", igUserId)).state())
            .isEqualTo(TargetState.PUBLISHED);
      }
    }
  }
}
