package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TextLength;
import dev.herald.scheduler.spi.JobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Herald logs under the documented categories (docs/logging.md), never under internal class names.
 * slf4j-simple writes each line to the {@code System.err} of the moment, with the logger's name.
 */
class LogCategoriesTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Pattern CATEGORY = Pattern.compile("\\b(dev\\.herald\\.[\\w.]+) - ");

  /** Answers every publish with success, the way a platform adapter would. */
  private static final class AcceptingPublisher implements PlatformPublisher {
    @Override
    public String platform() {
      return "demo";
    }

    @Override
    public PlatformCapabilities capabilities() {
      return PlatformCapabilities.builder("demo")
          .maxTextLength(500, TextLength.codePoints())
          .media(0, 4, MediaKind.IMAGE)
          .build();
    }

    @Override
    public PublishResult publish(PublishRequest request) {
      return PublishResult.published("42", URI.create("https://demo.example/42"));
    }
  }

  @Test
  void lifecycleRunsStoreTroubleAndPublishingUseThePublicCategories() {
    FlakyStore store = new FlakyStore(JobStore.inMemory());
    Publishing publishing = Publishing.builder().publisher(new AcceptingPublisher()).build();
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (Scheduler scheduler =
        publishing
            .install(Scheduler.builder().store(store).pollInterval(Duration.ofMillis(20)))
            .register(
                "flaky",
                ctx -> {
                  throw new IllegalStateException("boom");
                })
            .build()
            .start()) {
      Publications posts = publishing.client(scheduler.client());
      posts.schedule(PostRequest.builder("p1", Post.text("hello")).target("demo", "me").build());
      String failing = scheduler.client().schedule(JobRequest.now("flaky")).id();
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  posts.status("p1").all(TargetState.PUBLISHED)
                      && scheduler.client().get(failing).orElseThrow().attempt() >= 1);
      store.down = true;
      await()
          .atMost(PATIENCE)
          .until(() -> captured.toString(StandardCharsets.UTF_8).contains("Job store failed"));
      store.down = false;
      await()
          .atMost(PATIENCE)
          .until(() -> captured.toString(StandardCharsets.UTF_8).contains("answers again"));
    } finally {
      System.setErr(original);
    }

    String logs = captured.toString(StandardCharsets.UTF_8);
    Set<String> categories = new TreeSet<>();
    Matcher m = CATEGORY.matcher(logs);
    while (m.find()) {
      categories.add(m.group(1));
    }
    assertThat(categories)
        .as(logs)
        .containsExactlyInAnyOrder(
            "dev.herald.scheduler", "dev.herald.scheduler.store", "dev.herald.publish");
    assertThat(logs)
        .contains("dev.herald.scheduler - Herald scheduler configured")
        .contains("dev.herald.publish - Published post p1 to demo:me as 42")
        .doesNotContainPattern("(TRACE|DEBUG|INFO|WARN|ERROR) dev\\.herald\\.\\S*internal");
  }
}
