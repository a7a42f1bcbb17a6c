package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: what an adapter records in its request's {@link
 * dev.herald.scheduler.publish.PublishProgress} while publishing is stored with the intent, so the
 * reconcile of a later run (after the run died) reads it; and each new attempt starts without the
 * progress of the one before. Against any {@link JobStore}, on a manual clock.
 */
public abstract class PublishProgressContract {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Target PAGE = Target.of("facebook", "page-9");
  private static final String UPLOAD_ID = "fake.upload_id";

  private ManualClock clock;
  private FakePlatform facebook;
  private TestScheduler scheduler;
  private Publications posts;

  /** A fresh, empty store whose clock is {@code clock}. */
  protected abstract JobStore createStore(ManualClock clock);

  /** What escapes a publisher when its node stops mid-call: no result, no finally that matters. */
  private static final class NodeDied extends Error {
    private static final long serialVersionUID = 1L;

    NodeDied() {
      super("the node died after the platform answered the upload", null, false, false);
    }
  }

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(T0);
    facebook = new FakePlatform("facebook", Duration.ZERO, 63206, clock);
    Publishing publishing = Publishing.builder().publisher(facebook).clock(clock).build();
    scheduler = TestScheduler.create(publishing.install(Scheduler.builder().clock(clock)
        .store(createStore(clock))));
    posts = publishing.client(scheduler.client());
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
  }

  @Test
  void progressRecordedBeforeTheRunDiedReachesTheReconcileOfALaterRun() {
    List<Optional<String>> reconcilesSaw = new CopyOnWriteArrayList<>();
    facebook.then(r -> {
      r.progress().record(UPLOAD_ID, "upload-7");
      facebook.accept(r); // the platform creates the post...
      throw new NodeDied(); // ...and the run never learns it
    }).reconcilingWith((r, sentAt) -> {
      Optional<String> upload = r.progress().get(UPLOAD_ID);
      reconcilesSaw.add(upload);
      return upload.map(id -> Reconciliation.found("post-of-" + id, null))
          .orElseGet(() -> Reconciliation.undetermined("no upload id to ask about"));
    });
    posts.schedule(PostRequest.builder("p1", Post.text("Hello")).target(PAGE).at(T0).build());

    scheduler.runUntil(T0.plus(Duration.ofHours(1)));

    TargetStatus found = posts.status("p1").target(PAGE);
    assertThat(found.state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(found.remoteId()).hasValue("post-of-upload-7");
    assertThat(reconcilesSaw).as("the later run's reconcile read the stored progress")
        .containsExactly(Optional.of("upload-7"));
    assertThat(facebook.keysSeen()).as("never sent again").hasSize(1);
    assertThat(facebook.ledger()).hasSize(1);
  }

  @Test
  void anAttemptSentAgainStartsWithoutTheProgressOfTheAttemptBefore() {
    List<Optional<String>> reconcilesSaw = new CopyOnWriteArrayList<>();
    List<Optional<String>> replaySaw = new CopyOnWriteArrayList<>();
    facebook.then(r -> {
      r.progress().record(UPLOAD_ID, "upload-1");
      return PublishResult.unknown("the response was lost; the platform had not acted");
    }).then(r -> {
      replaySaw.add(r.progress().get(UPLOAD_ID));
      return facebook.accept(r);
    }).reconcilingWith((r, sentAt) -> {
      reconcilesSaw.add(r.progress().get(UPLOAD_ID));
      return r.progress().get(UPLOAD_ID).isPresent()
          ? Reconciliation.notFound("upload " + r.progress().get(UPLOAD_ID).get() + " failed")
          : Reconciliation.undetermined("no upload id");
    });
    posts.schedule(PostRequest.builder("p1", Post.text("Hello")).target(PAGE).at(T0).build());

    scheduler.runUntil(T0.plus(Duration.ofHours(1)));

    assertThat(posts.status("p1").target(PAGE).state()).isEqualTo(TargetState.PUBLISHED);
    assertThat(reconcilesSaw).as("the run's own check, then the later run's")
        .containsExactly(Optional.of("upload-1"), Optional.of("upload-1"));
    assertThat(replaySaw).as("the replay starts empty").containsExactly(Optional.empty());
    assertThat(facebook.keysSeen()).hasSize(2).containsOnly(facebook.keysSeen().get(0));
    assertThat(facebook.ledger()).hasSize(1);
  }
}
