package dev.herald.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.examples.InjectMain.Result;
import dev.herald.examples.InjectMain.Run;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.publish.PublishResult.Published;
import dev.herald.scheduler.publish.PublishResult.Unknown;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InjectMainTest {

  @Test
  void guiceBuildsAJobForEveryRunWithTheServiceAndPublisherItProvides() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Result result;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = InjectMain.run(out);
    }

    assertThat(result.runs()).as("three announcements, one of them retried").hasSize(4);
    assertThat(result.runs())
        .extracting(Run::jobInstance)
        .as("a new job instance for every run, the retry included")
        .doesNotHaveDuplicates();
    assertThat(result.jobInstancesBuilt()).isEqualTo(result.runs().size());
    assertThat(result.runs())
        .filteredOn(r -> r.result() instanceof Unknown)
        .singleElement()
        .satisfies(
            failed ->
                assertThat(result.runs())
                    .filteredOn(r -> r.jobId().equals(failed.jobId()))
                    .extracting(Run::attempt)
                    .containsExactly(1, 2));
    assertThat(result.ledger())
        .as("the injected Copywriter wrote each post; the injected publisher sent it once")
        .extracting(LedgerEntry::text)
        .containsExactlyInAnyOrder(
            "New in the shop: the Lamp. #newarrivals",
            "New in the shop: the Kettle. #newarrivals",
            "New in the shop: the Toaster. #newarrivals");
    assertThat(result.runs())
        .filteredOn(r -> r.result() instanceof Published)
        .extracting(r -> ((Published) r.result()).remoteId())
        .containsExactlyInAnyOrderElementsOf(
            result.ledger().stream().map(LedgerEntry::remoteId).toList());

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("Guice provided: MastodonPublisher[http://127.0.0.1:")
        .contains("What ran (each run by an AnnounceJob that Guice built for it):")
        .containsPattern(
            "announce-\\w+ +2 +AnnounceJob#\\d +published http://127\\.0\\.0\\.1:\\d+/")
        .contains("Guice built 4 AnnounceJobs for 4 runs; the fake Mastodon published 3 statuses.");
  }
}
