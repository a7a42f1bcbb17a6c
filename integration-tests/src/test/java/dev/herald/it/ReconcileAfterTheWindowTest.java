package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Mastodon status whose response was lost is looked up once Mastodon's one-hour dedupe window no
 * longer makes a replay safe: through the real adapter and {@link FakeMastodon}, the publishing
 * layer asks the instance ({@code reconcile}: the account's recent statuses) and records the status
 * it finds, without sending it again.
 */
class ReconcileAfterTheWindowTest {
  private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

  private final ManualClock clock = ManualClock.at(T0);
  private final FakeMastodon mastodon =
      FakeMastodon.builder().account("alice", "tok-alice").clock(clock).start();
  private final Target alice =
      Target.of("mastodon", mastodon.baseUri().getRawAuthority(), "alice");
  private TestScheduler scheduler;

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
    mastodon.close();
  }

  @Test
  void aLostResponseBeyondTheDedupeWindowIsFoundOnTheInstanceAndNotSentAgain() {
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(alice, Credentials.of("tok-alice"));
    Publishing publishing = Publishing.builder()
        .publisher(MastodonPublisher.builder().tokens(tokens).clock(clock).sleeper(clock::advance)
            .instanceUris(name -> URI.create("http://" + name)).build())
        .unknownRetryDelay(Duration.ofMinutes(58)) // the next run is past the safe part of the hour
        .clock(clock)
        .build();
    scheduler = TestScheduler.create(publishing.install(
        Scheduler.builder().clock(clock).store(JobStore.inMemory(clock))));
    Publications posts = publishing.client(scheduler.client());
    mastodon.inject(FakeMastodon.STATUSES, Fault.dropAfterAccept().times(1));

    posts.schedule(PostRequest.builder("lost", Post.text("Said once, heard once")).target(alice)
        .at(T0).build());
    scheduler.runDue();
    assertThat(posts.status("lost").target(alice).state()).isEqualTo(TargetState.PUBLISHING);
    assertThat(mastodon.ledger().entries()).hasSize(1);

    scheduler.runUntil(T0.plus(Duration.ofHours(2)));

    TargetStatus found = posts.status("lost").target(alice);
    assertThat(found.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(found.remoteId()).contains(mastodon.ledger().entries().get(0).remoteId());
    assertThat(mastodon.ledger().entries()).as("not sent again").hasSize(1);
    assertThat(mastodon.requests(FakeMastodon.STATUSES)).as("one status call in all").hasSize(1);
  }
}
