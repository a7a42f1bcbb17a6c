package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.ACCOUNT;
import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishBudget;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.testing.TestScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald's publish budget in front of the real {@link InstagramPublisher} and the fake's 25-post
 * quota: the publisher does not read {@code content_publishing_limit} here, so only the budget
 * keeps {@code media_publish} from being refused.
 */
class InstagramBudgetTest {
  private static final Duration DAY = Duration.ofHours(24);
  private static final Target TARGET = Target.of(InstagramPublisher.PLATFORM, ACCOUNT);

  @TempDir Path dir;
  InstagramHarness h;

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void thirtyPostsWithABudgetOf25Per24hPublish25DeferFiveAndPublishThemAsTheWindowMoves() {
    h = new InstagramHarness(dir, fake -> fake.quotaTotal(25));
    Publishing publishing = Publishing.builder()
        .publisher(h.publisher(b -> b.checkPublishingLimit(false)))
        .budget(InstagramPublisher.PLATFORM, PublishBudget.of(25, DAY))
        .clock(h.clock)
        .build();
    try (TestScheduler scheduler =
        TestScheduler.create(publishing.install(Scheduler.builder().clock(h.clock)))) {
      Publications posts = publishing.client(scheduler.client());
      Instant start = h.clock.now();
      List<String> ids = IntStream.rangeClosed(1, 30).mapToObj(i -> "post-" + i).toList();
      for (String id : ids) {
        posts.schedule(PostRequest.builder(id, imagePost("caption of " + id)).target(TARGET)
            .at(start).build());
      }

      scheduler.runUntil(start.plus(Duration.ofHours(23)));

      List<TargetStatus> statuses = ids.stream().map(id -> posts.status(id).target(TARGET))
          .toList();
      assertThat(h.fake.ledger().entries()).hasSize(25);
      assertThat(h.fake.requests(FakeInstagram.PUBLISH)).as("no publish refused for the quota")
          .hasSize(25);
      assertThat(statuses).extracting(TargetStatus::state).doesNotContain(TargetState.FAILED);
      assertThat(statuses).filteredOn(t -> t.state() == TargetState.PUBLISHED).hasSize(25);
      Instant firstPublished = h.fake.ledger().entries().get(0).publishedAt();
      assertThat(statuses).filteredOn(t -> t.state() == TargetState.SCHEDULED).hasSize(5)
          .allSatisfy(t -> {
            assertThat(t.attempts()).isZero();
            assertThat(t.nextAttemptAt().orElseThrow()).isAfterOrEqualTo(firstPublished.plus(DAY));
            assertThat(t.lastError().orElseThrow()).startsWith(
                "instagram:" + ACCOUNT + " used its budget of 25 posts per PT24H; deferred until ");
          });

      scheduler.runUntil(start.plus(Duration.ofHours(48)));

      assertThat(ids).allSatisfy(id ->
          assertThat(posts.status(id).target(TARGET).state()).isEqualTo(TargetState.PUBLISHED));
      List<LedgerEntry> published = h.fake.ledger().entries();
      assertThat(published).hasSize(30);
      assertThat(h.fake.requests(FakeInstagram.PUBLISH)).hasSize(30);
      assertThat(published.subList(25, 30)).extracting(LedgerEntry::publishedAt)
          .allSatisfy(at -> assertThat(at).isAfterOrEqualTo(firstPublished.plus(DAY)));
    }
  }
}
