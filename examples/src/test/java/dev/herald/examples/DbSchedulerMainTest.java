package dev.herald.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.examples.DbSchedulerMain.Attempt;
import dev.herald.examples.DbSchedulerMain.Result;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.PublishResult.Published;
import dev.herald.scheduler.publish.PublishResult.RateLimited;
import dev.herald.scheduler.publish.PublishResult.Rejected;
import dev.herald.scheduler.publish.PublishResult.Unknown;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DbSchedulerMainTest {

  @Test
  void theDbSchedulerTaskPublishesOnceEachAndHandlesEveryKindOfResult() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Result result;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = DbSchedulerMain.run(out);
    }

    assertThat(result.outcomes())
        .containsOnlyKeys("busy", "rate-limited", "lost", "plain", "too-long");
    assertThat(result.outcomes().get("too-long"))
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.code()).isEqualTo("invalid_post"));
    List<Published> published =
        List.of("busy", "rate-limited", "lost", "plain").stream()
            .map(post -> (Published) result.outcomes().get(post))
            .toList();
    assertThat(result.ledger())
        .as("one status per published post, the lost response's resend included")
        .extracting(LedgerEntry::remoteId)
        .containsExactlyInAnyOrderElementsOf(published.stream().map(Published::remoteId).toList());
    assertThat(result.ledger().stream().filter(e -> e.text().contains("response to the first try")))
        .singleElement()
        .extracting(LedgerEntry::remoteId)
        .isEqualTo(((Published) result.outcomes().get("lost")).remoteId());
    assertThat(published).allSatisfy(p -> assertThat(p.url()).isPresent());

    // a 5xx on the status call may follow a created status: Unknown, resent with the same key
    assertThat(results(result, "busy")).containsExactly(Unknown.class, Published.class);
    assertThat(results(result, "rate-limited")).containsExactly(RateLimited.class, Published.class);
    assertThat(results(result, "lost")).containsExactly(Unknown.class, Published.class);
    assertThat(results(result, "plain")).containsExactly(Published.class);
    assertThat(results(result, "too-long")).containsExactly(Rejected.class);
    assertThat(result.attempts())
        .filteredOn(a -> a.post().equals("lost") && a.attempt() == 1)
        .extracting(Attempt::action)
        .singleElement()
        .asString()
        .startsWith("to be sent again with the same key at ");
    assertThat(result.executionsLeft())
        .as("done and rejected executions are removed; none is left to retry")
        .isZero();

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("Scheduled 5 executions of db-scheduler task 'publish-post'")
        .containsPattern("busy +#1 +Unknown \\(may be live\\) +-> to be sent again with the same key")
        .containsPattern("too-long +#1 +Rejected invalid_post +-> failed: stopped, not retried")
        .containsPattern("plain +published +id \\d+ +http://127\\.0\\.0\\.1:\\d+/@herald-demo/\\d+")
        .contains("The fake Mastodon's ledger (4 statuses):")
        .contains("Executions left in scheduled_tasks: 0");
  }

  private static List<Class<? extends PublishResult>> results(Result result, String post) {
    return result.attempts().stream()
        .filter(a -> a.post().equals(post))
        .<Class<? extends PublishResult>>map(a -> a.result().getClass())
        .toList();
  }
}
