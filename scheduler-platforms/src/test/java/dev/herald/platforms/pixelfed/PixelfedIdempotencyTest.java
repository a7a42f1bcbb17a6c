package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.PublishResult.Published;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pixelfed's Idempotency-Key: a repeat within the hour is 400 "Duplicate idempotency key.", the key
 * is consumed before the post is attempted, and nothing is deduplicated. The adapter turns the 400
 * into {@code Unknown}, never into a second post, a success or a permanent failure.
 */
class PixelfedIdempotencyTest {

  @TempDir Path dir;
  PixelfedHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void capabilitiesPromiseNoDeduplication() {
    h = new PixelfedHarness(dir);

    assertThat(h.publisher().capabilities().idempotencyWindow()).isZero();
    assertThat(h.publisher().capabilities().deduplicatesByKey()).isFalse();
  }

  @Test
  void sendsTheRequestKeyAndAnswersARepeatWithUnknownNotASecondPost() {
    h = new PixelfedHarness(dir);
    PixelfedPublisher publisher = h.publisher();
    Post post = h.photo("Effectively once");

    PublishResult first = h.publish(publisher, post, "job-42");
    h.clock.advance(Duration.ofMinutes(59));
    PublishResult second = h.publish(publisher, post, "job-42");

    assertThat(first).isInstanceOf(Published.class);
    assertThat(second)
        .isInstanceOfSatisfying(
            PublishResult.Unknown.class,
            u ->
                assertThat(u.reason())
                    .contains("HTTP 400 Duplicate idempotency key.", "may have published"));
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.fake.requests(FakePixelfed.STATUSES))
        .extracting(r -> r.header("Idempotency-Key").orElseThrow())
        .containsExactly("job-42", "job-42");
    assertThat(h.fake.servedFixtures())
        .contains("pixelfed-error-400-duplicate-idempotency-key.json");
  }

  @Test
  void aLostResponseIsNeverFollowedByASecondPostWithinTheHour() {
    h = new PixelfedHarness(dir);
    PixelfedPublisher publisher = h.publisher();
    h.fake.inject(FakePixelfed.STATUSES, Fault.dropAfterAccept().times(1));

    PublishResult lost = h.publish(publisher, h.photo("Once"), "job-43");
    PublishResult retried = h.publish(publisher, h.photo("Once"), "job-43");

    assertThat(lost).isInstanceOf(PublishResult.Unknown.class);
    assertThat(retried).isInstanceOf(PublishResult.Unknown.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void aFailureBeforeThePostIsAttemptedStillConsumesTheKey() {
    h = new PixelfedHarness(dir, b -> b.statusesPerDay(1));
    PixelfedPublisher publisher = h.publisher();
    assertThat(h.publish(publisher, h.photo("first of the day"), "job-1"))
        .isInstanceOf(Published.class);

    PublishResult capped = h.publish(publisher, h.photo("second"), "job-2");
    h.clock.advance(Duration.ofMinutes(30));
    PublishResult early = h.publish(publisher, h.photo("second"), "job-2");

    assertThat(capped)
        .isInstanceOfSatisfying(
            PublishResult.RateLimited.class,
            r -> assertThat(r.until()).isEqualTo(h.clock.now().plus(Duration.ofMinutes(30))));
    assertThat(early).isInstanceOf(PublishResult.Unknown.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void theRateLimitOfADailyCapOutlastsTheKeySoTheScheduledRetryIsNotADuplicate() {
    h = new PixelfedHarness(dir, b -> b.statusesPerDay(1));
    PixelfedPublisher publisher = h.publisher();
    h.publish(publisher, h.photo("first of the day"), "job-1");

    PublishResult.RateLimited capped =
        (PublishResult.RateLimited) h.publish(publisher, h.photo("second"), "job-2");
    h.clock.set(capped.until());
    PublishResult atUntil = h.publish(publisher, h.photo("second"), "job-2");
    h.clock.advance(Duration.ofDays(1));
    PublishResult nextDay = h.publish(publisher, h.photo("second"), "job-2");

    assertThat(atUntil).isInstanceOf(PublishResult.RateLimited.class);
    assertThat(nextDay).isInstanceOf(Published.class);
    assertThat(h.fake.ledger().size()).isEqualTo(2);
  }

  @Test
  void aFailureInFrontOfTheInstanceDoesNotConsumeTheKey() {
    h = new PixelfedHarness(dir);
    PixelfedPublisher publisher = h.publisher();
    h.fake.inject(FakePixelfed.STATUSES, Fault.status(503).times(1));

    PublishResult failed = h.publish(publisher, h.photo("proxy hiccup"), "job-45");
    PublishResult retried = h.publish(publisher, h.photo("proxy hiccup"), "job-45");

    assertThat(failed).isInstanceOf(PublishResult.RetryLater.class);
    assertThat(retried).isInstanceOf(Published.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void afterTheHourTheSameKeyPostsAgainBecausePixelfedDoesNotDeduplicate() {
    h = new PixelfedHarness(dir);
    PixelfedPublisher publisher = h.publisher();

    Published first = (Published) h.publish(publisher, h.photo("again"), "job-46");
    h.clock.advance(Duration.ofMinutes(61));
    Published second = (Published) h.publish(publisher, h.photo("again"), "job-46");

    assertThat(second.remoteId()).isNotEqualTo(first.remoteId());
    assertThat(h.fake.ledger().size()).isEqualTo(2);
  }
}
