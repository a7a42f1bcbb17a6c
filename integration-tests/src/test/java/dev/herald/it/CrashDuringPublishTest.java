package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.platforms.testing.FakeFacebook;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.jdbc.TestDatabase;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node is killed after the platform accepted a post and before Herald recorded it (reliability
 * plan row 3). Another node recovers the work: on a platform that deduplicates by key it replays
 * with the same key and records the remote id, and the platform holds exactly one post; on one
 * that does not (Facebook), it asks the platform ({@code reconcile}: the Page's feed) and records
 * the post it finds there, never sending it again; and when the feed shows the killed node's call
 * created nothing, it sends the post once more.
 */
@Timeout(180)
class CrashDuringPublishTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Target ALICE = Target.of("mastodon", Node.MASTODON_ACCOUNT);
  private static final Target PAGE = Target.of("facebook", Node.FACEBOOK_PAGE);

  @TempDir
  Path dir;

  @Test
  void onH2MastodonsLedgerHoldsOnePostAndHeraldRecordsItsId() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("herald") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    mastodonPostSurvivesACrash(url, "sa", "");
  }

  @Test
  void onPostgresqlMastodonsLedgerHoldsOnePostAndHeraldRecordsItsId() throws Exception {
    TestDatabase.POSTGRESQL.dataSource(); // skips, or fails under CI, if unreachable
    mastodonPostSurvivesACrash("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
  }

  @Test
  void onH2FacebookTheSurvivorFindsThePostInTheFeedAndNeverResendsIt() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("herald-fb") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    facebookPostIsFoundAfterACrash(url, "sa", "");
  }

  @Test
  void onPostgresqlFacebookTheSurvivorFindsThePostInTheFeedAndNeverResendsIt() throws Exception {
    TestDatabase.POSTGRESQL.dataSource();
    facebookPostIsFoundAfterACrash("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
  }

  @Test
  void onH2AFacebookPostTheFeedShowsWasNotCreatedIsSentOnceMore() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("herald-fb2") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    facebookPostNotCreatedIsSentOnceMore(url, "sa", "");
  }

  @Test
  void onPostgresqlAFacebookPostTheFeedShowsWasNotCreatedIsSentOnceMore() throws Exception {
    TestDatabase.POSTGRESQL.dataSource();
    facebookPostNotCreatedIsSentOnceMore("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
  }

  private void facebookPostIsFoundAfterACrash(String url, String user, String password)
      throws Exception {
    try (FakeFacebook facebook = FakeFacebook.builder()
        .page(Node.FACEBOOK_PAGE, "Herald Page", Node.FACEBOOK_TOKEN).start()) {
      TargetStatus published = crashThenRecover(url, user, password, facebook,
          "Never twice on Facebook", false);

      assertThat(facebook.ledger().entries()).as("nothing re-sent").singleElement()
          .satisfies(e -> assertThat(published.remoteId()).as("the platform's id, from the feed")
              .contains(e.remoteId()));
      assertThat(publishingCalls(facebook)).as("one publishing call in all").isEqualTo(1);
    }
  }

  private void facebookPostNotCreatedIsSentOnceMore(String url, String user, String password)
      throws Exception {
    try (FakeFacebook facebook = FakeFacebook.builder()
        .page(Node.FACEBOOK_PAGE, "Herald Page", Node.FACEBOOK_TOKEN).start()) {
      // the killed node's call reaches Facebook, which fails before creating anything
      facebook.inject(FakeFacebook.FEED, Fault.status(500).times(1));
      TargetStatus published = crashThenRecover(url, user, password, facebook,
          "Sent again, once", true);

      assertThat(facebook.ledger().entries()).singleElement().satisfies(e -> {
        assertThat(e.text()).isEqualTo("Sent again, once");
        assertThat(published.remoteId()).contains(e.remoteId());
      });
      assertThat(publishingCalls(facebook)).as("the killed node's call and one more")
          .isEqualTo(2);
    }
  }

  /**
   * Schedules {@code text} to the Facebook Page, lets a child node publish it and halt (after the
   * platform accepted it, or after any answer), then starts a survivor on the same database and
   * returns the target once it is PUBLISHED.
   */
  private TargetStatus crashThenRecover(String url, String user, String password,
      FakeFacebook facebook, String text, boolean haltAfterSending) throws Exception {
    Node node = new Node(url, user, password, TestDatabase.uniquePrefix("crashfb"), null,
        facebook.baseUri());
    try (HikariDataSource pool = node.pool(4)) {
      JdbcJobStore store = node.store(pool);
      Publishing publishing = node.publishing(UnaryOperator.identity());
      Publications posts = publishing.client(Scheduler.builder().store(store)
          .register("unused", ctx -> { }).build().client());
      posts.schedule(PostRequest.builder("crash-fb", Post.text(text)).target(PAGE).build());

      List<String> props = new ArrayList<>(node.asProperties());
      props.add("-D" + CrashingNodeMain.HALT_AFTER_SENDING + "=" + haltAfterSending);
      ChildJvm child = ChildJvm.start(CrashingNodeMain.class, props);
      assertThat(child.awaitExit(PATIENCE)).as(child.output())
          .isEqualTo(CrashingNodeMain.HALTED);
      assertThat(publishingCalls(facebook)).as("the killed node's call").isEqualTo(1);
      assertThat(facebook.ledger().entries()).hasSize(haltAfterSending ? 0 : 1);

      try (Scheduler survivor = node.scheduler(store, publishing, "survivor").start()) {
        await().atMost(PATIENCE).until(() ->
            posts.status("crash-fb").target(PAGE).state() == TargetState.PUBLISHED);
      }
      return posts.status("crash-fb").target(PAGE);
    }
  }

  private static long publishingCalls(FakeFacebook facebook) {
    return facebook.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith("/feed")).count();
  }

  private void mastodonPostSurvivesACrash(String url, String user, String password)
      throws Exception {
    try (FakeMastodon mastodon = FakeMastodon.builder()
        .account(Node.MASTODON_ACCOUNT, Node.MASTODON_TOKEN).start()) {
      Node node = new Node(url, user, password, TestDatabase.uniquePrefix("crash"),
          mastodon.baseUri(), null);
      try (HikariDataSource pool = node.pool(4)) {
        JdbcJobStore store = node.store(pool);
        Publishing publishing = node.publishing(UnaryOperator.identity());
        Publications posts = publishing.client(Scheduler.builder().store(store)
            .register("unused", ctx -> { }).build().client());
        posts.schedule(PostRequest.builder("crash-1", Post.text("Published exactly once"))
            .target(ALICE).build());

        ChildJvm child = ChildJvm.start(CrashingNodeMain.class, node.asProperties());
        assertThat(child.awaitExit(PATIENCE)).as(child.output())
            .isEqualTo(CrashingNodeMain.HALTED);
        assertThat(mastodon.ledger().entries()).hasSize(1);
        TargetStatus afterCrash = posts.status("crash-1").target(ALICE);
        assertThat(afterCrash.state()).isEqualTo(TargetState.PUBLISHING);
        assertThat(store.find(afterCrash.jobId()).orElseThrow().leaseOwner())
            .hasValue("doomed-node");

        try (Scheduler survivor = node.scheduler(store, publishing, "survivor").start()) {
          await().atMost(PATIENCE).until(() ->
              posts.status("crash-1").target(ALICE).state() == TargetState.PUBLISHED);
        }

        List<LedgerEntry> ledger = mastodon.ledger().entries();
        assertThat(ledger).as("one status on Mastodon").hasSize(1);
        TargetStatus published = posts.status("crash-1").target(ALICE);
        assertThat(published.remoteId()).hasValue(ledger.get(0).remoteId());
        assertThat(published.history()).extracting(JobAttempt::outcome)
            .containsExactly(JobAttempt.Outcome.SUCCEEDED, JobAttempt.Outcome.LEASE_EXPIRED);
        assertThat(published.history().get(1).node()).isEqualTo("doomed-node");
        JobSnapshot job = store.find(published.jobId()).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.attempt()).isEqualTo(2);
      }
    }
  }
}
