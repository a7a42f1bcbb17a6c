package dev.herald.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.examples.PublishPostTask.PostData;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.PublishResult.AuthExpired;
import dev.herald.scheduler.publish.PublishResult.Unknown;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The branches of the db-scheduler task that {@link DbSchedulerMain}'s run does not take. */
class PublishPostTaskTest {
  private static final String ACCOUNT = "alice";

  private record Report(String post, PublishResult result, String action, boolean settled) {}

  private final List<Report> reports = new CopyOnWriteArrayList<>();
  private FakeMastodon fake;
  private HikariDataSource dataSource;
  private Scheduler scheduler;

  @BeforeEach
  void start() {
    fake = FakeMastodon.builder().account(ACCOUNT, "alice-token").start();
    dataSource = DbSchedulerMain.h2InMemory("publish-post-task-" + UUID.randomUUID());
    DbSchedulerMain.createScheduledTasksTable(dataSource);
  }

  @AfterEach
  void stop() {
    if (scheduler != null && !scheduler.getSchedulerState().isShuttingDown()) {
      scheduler.stop();
    }
    dataSource.close();
    fake.close();
  }

  @Test
  void anUnknownOutcomeAfterThePlatformForgotTheKeyIsStoppedForReviewNotSentAgain()
      throws Exception {
    fake.inject(FakeMastodon.STATUSES, Fault.dropAfterAccept().times(1));
    // first sent two hours ago: Mastodon deduplicates a key for one hour only
    Instant firstSent = Instant.now().minus(Duration.ofHours(2));

    run("late", PostData.of(ACCOUNT, "Sent long ago, outcome lost").sentAt(firstSent));

    assertThat(reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.result()).isInstanceOf(Unknown.class);
              assertThat(r.action()).isEqualTo("failed: needs review, not sent again");
              assertThat(r.settled()).isTrue();
            });
    assertThat(fake.requests(FakeMastodon.STATUSES)).as("not sent again").hasSize(1);
    assertThat(fake.ledger().size()).as("the one send did publish").isEqualTo(1);
    assertThat(scheduler.getScheduledExecutions()).as("stopped, not retried").isEmpty();
  }

  @Test
  void anAccountWithoutCredentialsIsStoppedWithoutARequest() throws Exception {
    run("orphan", PostData.of("bob", "bob has no token here"));

    assertThat(reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.result()).isInstanceOf(AuthExpired.class);
              assertThat(r.action())
                  .startsWith("failed: stopped until the account is authorised again");
            });
    assertThat(fake.requests(FakeMastodon.STATUSES)).isEmpty();
    assertThat(scheduler.getScheduledExecutions()).isEmpty();
  }

  /** Runs one execution of {@code post} to its settled report, then stops the scheduler. */
  private void run(String post, PostData data) throws InterruptedException {
    TokenStore tokens = TokenStore.inMemory();
    tokens.put(Target.of(MastodonPublisher.PLATFORM, ACCOUNT), Credentials.of("alice-token"));
    MastodonPublisher publisher = MastodonPublisher.builder(fake.baseUri()).tokens(tokens).build();
    CountDownLatch settled = new CountDownLatch(1);
    CustomTask<PostData> task =
        PublishPostTask.create(
            publisher,
            (id, result, action, last) -> {
              reports.add(new Report(id, result, action, last));
              if (last) {
                settled.countDown();
              }
            });
    scheduler =
        Scheduler.create(dataSource, task)
            .threads(1)
            .pollingInterval(Duration.ofMillis(100))
            .alwaysPersistTimestampInUTC()
            .failureLogging(LogLevel.DEBUG, false)
            .build();
    scheduler.scheduleIfNotExists(task.instance(post, data), Instant.now());
    scheduler.start();

    assertThat(settled.await(20, TimeUnit.SECONDS)).as("settled within 20 s").isTrue();
    scheduler.stop(); // waits for the failure handler of the running execution
  }
}
