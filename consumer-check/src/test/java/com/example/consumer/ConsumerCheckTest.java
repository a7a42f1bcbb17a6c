package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald as another project sees it: the installed jars on the class path, public API only. A job
 * runs on an H2 file store, and a post goes out through the publishing layer to a fake Mastodon
 * from the test-scoped scheduler-platforms-testing artifact.
 */
class ConsumerCheckTest {
  private static final Target ALICE = Target.of("mastodon", "alice");

  @TempDir Path dir;

  @Test
  void runsAScheduledJobOnAnH2FileStore() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    JobsFinished finished = new JobsFinished("greet");

    try (Scheduler scheduler = Scheduler.builder()
        .store(JdbcJobStore.h2File(dir.resolve("jobs")))
        .register("greet", ctx -> {
          assertThat(ctx.payload(String.class)).isEqualTo("hello");
          ran.countDown();
        })
        .listener(finished)
        .build()
        .start()) {
      scheduler.client().schedule(JobRequest.builder("greet").id("greet-1").payload("hello")
          .runAt(Instant.now()).build());

      assertThat(ran.await(30, TimeUnit.SECONDS)).as("the job ran").isTrue();
      assertThat(finished.await()).as("its outcome was stored").isTrue();
      assertThat(scheduler.client().get("greet-1").orElseThrow().status())
          .isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void publishesAPostToAFakeMastodonThroughThePublishingLayer() throws InterruptedException {
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of("mastodon", "alice"), Credentials.of("tok-alice"));
    JobsFinished published = new JobsFinished(Publishing.PUBLISH_TYPE);

    try (FakeMastodon mastodon = FakeMastodon.builder().account("alice", "tok-alice").start()) {
      Publishing publishing = Publishing.builder()
          .publisher(MastodonPublisher.builder(mastodon.baseUri()).tokens(tokens).build())
          .build();
      try (Scheduler scheduler = publishing.install(Scheduler.builder()
              .store(JdbcJobStore.h2File(dir.resolve("posts")))
              .listener(published))
          .build()
          .start()) {
        Publications posts = publishing.client(scheduler.client());
        posts.schedule(PostRequest.builder("post-1", Post.text("Hello from a consumer"))
            .target(ALICE).build());

        assertThat(published.await()).as("the publish job finished").isTrue();
        assertThat(posts.status("post-1").target(ALICE).state())
            .isEqualTo(TargetState.PUBLISHED);
        assertThat(mastodon.ledger().entries())
            .singleElement()
            .satisfies(entry -> {
              assertThat(entry.account()).isEqualTo("alice");
              assertThat(entry.text()).isEqualTo("Hello from a consumer");
            });
      }
    }
  }

  @Test
  void theFakesComeFromTheTestingArtifactAndThePublishersJarHoldsNone() throws Exception {
    Path publishers = jarOf(MastodonPublisher.class);
    Path fakes = jarOf(FakeMastodon.class);

    assertThat(publishers.getFileName().toString()).startsWith("scheduler-platforms-0");
    assertThat(fakes.getFileName().toString()).startsWith("scheduler-platforms-testing-");
    try (JarFile jar = new JarFile(publishers.toFile())) {
      assertThat(jar.stream().map(JarEntry::getName))
          .as("entries of %s", publishers)
          .isNotEmpty()
          .noneMatch(name -> name.startsWith("dev/herald/platforms/testing/"))
          .noneMatch(name -> name.contains("Fake"))
          .noneMatch(name -> name.contains("fixtures/"));
    }
  }

  private static Path jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Counts down when a job of one type has finished and its outcome is stored. */
  private static final class JobsFinished implements SchedulerListener {
    private final String type;
    private final CountDownLatch latch = new CountDownLatch(1);

    JobsFinished(String type) {
      this.type = type;
    }

    @Override
    public void onJobFinished(JobAttempt attempt, JobStatus newStatus) {
      if (attempt.type().equals(type)) {
        latch.countDown();
      }
    }

    boolean await() throws InterruptedException {
      return latch.await(30, TimeUnit.SECONDS);
    }
  }
}
