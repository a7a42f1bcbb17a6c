package dev.herald.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.PublishResult.Published;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonIdempotencyTest {

  @TempDir Path dir;
  MastodonHarness h;
  MastodonPublisher publisher;
  final Post post = Post.text("Effectively once");

  @BeforeEach
  void start() {
    h = new MastodonHarness(dir);
    publisher = h.publisher();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aRetryWithTheSameKeyInsideTheWindowReturnsTheFirstStatus() {
    Published first = (Published) h.publish(publisher, post, "job-42");
    h.clock.advance(Duration.ofMinutes(59));
    Published second = (Published) h.publish(publisher, post, "job-42");

    assertThat(second).isEqualTo(first);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(h.fake.requests(FakeMastodon.STATUSES))
        .extracting(r -> r.header("Idempotency-Key").orElseThrow())
        .containsExactly("job-42", "job-42");
  }

  @Test
  void aLostResponseIsRecoveredByRetryingWithTheSameKey() {
    h.fake.inject(FakeMastodon.STATUSES, Fault.dropAfterAccept().times(1));

    PublishResult lost = h.publish(publisher, post, "job-43");
    PublishResult retried = h.publish(publisher, post, "job-43");

    assertThat(lost).isInstanceOf(PublishResult.Unknown.class);
    assertThat(retried).isInstanceOf(Published.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
    assertThat(((Published) retried).remoteId())
        .isEqualTo(h.fake.ledger().entries().get(0).remoteId());
  }

  @Test
  void theWindowIsOneHourOnTheFakesClock() {
    Published first = (Published) h.publish(publisher, post, "job-44");
    h.clock.advance(Duration.ofMinutes(61));
    Published second = (Published) h.publish(publisher, post, "job-44");

    assertThat(second.remoteId()).isNotEqualTo(first.remoteId());
    assertThat(h.fake.ledger().size()).isEqualTo(2);
  }

  @Test
  void aFailedRequestDoesNotConsumeTheKey() {
    h.fake.inject(FakeMastodon.STATUSES, Fault.status(503).times(1));

    PublishResult failed = h.publish(publisher, post, "job-45");
    PublishResult retried = h.publish(publisher, post, "job-45");

    assertThat(failed).isInstanceOf(PublishResult.Unknown.class);
    assertThat(retried).isInstanceOf(Published.class);
    assertThat(h.fake.ledger().size()).isEqualTo(1);
  }

  @Test
  void keysAreScopedPerAccountAndDistinctKeysPostTwice() {
    h.publish(publisher, post, "job-46");
    h.publish(publisher, post, "job-47");

    assertThat(h.fake.ledger().size()).isEqualTo(2);
  }
}
