package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The samples of docs/steps-and-pipelines.md, run on a {@link TestScheduler}. */
class StepsGuideTest {

  /** The host's payload. */
  record Video(String file, String caption) {}

  /** Stands for a video platform's client; its first publish call fails. */
  static final class VideoPlatform {
    final AtomicInteger uploads = new AtomicInteger();
    final AtomicInteger publishCalls = new AtomicInteger();

    String upload(String file) {
      return "media-" + uploads.incrementAndGet();
    }

    String publish(Video video, String mediaId) throws IOException {
      if (publishCalls.incrementAndGet() == 1) {
        throw new IOException("connection reset");
      }
      return "post-for-" + mediaId;
    }
  }

  /** Stands for the host's mailer. */
  static final class Mail {
    final List<String> sent = new CopyOnWriteArrayList<>();

    void sendPublished(String postId) {
      sent.add(postId);
    }
  }

  /** Stands for an HTTP client. */
  static final class Http {
    String get(String url) {
      return "<html>" + url + "</html>";
    }
  }

  private final ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
  private final VideoPlatform platform = new VideoPlatform();
  private final Mail mail = new Mail();
  private final Http http = new Http();

  @Test
  void aRetryReusesTheStoredResultOfACompletedStep() {
    // tag::steps[]
    SchedulerBuilder builder = Scheduler.builder().register("publish-video", ctx -> {
      Video video = ctx.payload(Video.class);
      String mediaId = ctx.step("upload", () -> platform.upload(video.file()));  // once
      String postId  = ctx.step("publish", () -> platform.publish(video, mediaId));
      ctx.step("notify", () -> { mail.sendPublished(postId); return "sent"; });
    });
    // end::steps[]

    try (TestScheduler scheduler = TestScheduler.create(builder.clock(clock))) {
      scheduler.client().schedule(JobRequest.builder("publish-video").id("v1")
          .payload(new Video("launch.mp4", "Launch day")).build());

      List<JobAttempt> first = scheduler.runDue();
      List<JobAttempt> retry = scheduler.advance(Duration.ofMinutes(1));

      assertThat(first).extracting(JobAttempt::outcome).containsExactly(JobAttempt.Outcome.FAILED);
      assertThat(retry).extracting(JobAttempt::outcome)
          .containsExactly(JobAttempt.Outcome.SUCCEEDED);
      assertThat(platform.uploads).as("the upload ran once").hasValue(1);
      assertThat(mail.sent).containsExactly("post-for-media-1");
      assertThat(scheduler.client().get("v1").orElseThrow().status())
          .isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void aFollowUpJobIsStoredWithItsParentsSuccess() {
    List<String> processed = new CopyOnWriteArrayList<>();
    // tag::pipeline[]
    SchedulerBuilder builder = Scheduler.builder().register("fetch", ctx -> {
      String page = http.get(ctx.payload(String.class));
      ctx.enqueue(JobRequest.builder("process").payload(page).build());
    });
    // end::pipeline[]
    builder.register("process", ctx -> processed.add(ctx.payload(String.class)));

    try (TestScheduler scheduler = TestScheduler.create(builder.clock(clock))) {
      scheduler.client().schedule(JobRequest.builder("fetch")
          .payload("https://example.com/feed").build());

      scheduler.runDue();

      assertThat(processed).containsExactly("<html>https://example.com/feed</html>");
    }
  }
}
