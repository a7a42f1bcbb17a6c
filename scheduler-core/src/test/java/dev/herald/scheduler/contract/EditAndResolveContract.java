package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.ClaimedJob;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract: editing a scheduled job's payload, retrying while redoing chosen steps, resolving a job
 * by hand, and listing related jobs by id prefix (what the publishing layer builds on).
 */
public abstract class EditAndResolveContract extends AdminCommandContract {

  @ParameterizedTest
  @EnumSource(value = JobStatus.class, names = {"SCHEDULED", "PAUSED"})
  void updatePayloadReplacesThePayloadOfAJobNotYetRun(JobStatus status) {
    JobSnapshot before = jobIn(status, "job-1");
    clock.advance(Duration.ofSeconds(1));

    JobSnapshot job = applied("job-1", new AdminCommand.UpdatePayload("{\"text\":\"v2\"}"));

    assertThat(job.payload()).hasValue("{\"text\":\"v2\"}");
    assertThat(job.status()).isEqualTo(status);
    assertThat(job.nextRunAt()).isEqualTo(before.nextRunAt());
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
  }

  @Test
  void retryCanRedoChosenStepsAndKeepTheOthers() {
    ClaimedJob claim = insertAndClaim("job-1");
    store.saveStep(claim.lease(), "upload", "media-7");
    store.saveStep(claim.lease(), "intent", "sending");
    complete(completing(claim).status(JobStatus.NEEDS_REVIEW).build());

    JobSnapshot job = applied("job-1", new AdminCommand.Retry(now(), Set.of("intent")));

    assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(store.steps("job-1")).isEqualTo(Map.of("upload", "media-7"));
    assertThat(claim("job-1").steps()).isEqualTo(Map.of("upload", "media-7"));
  }

  @ParameterizedTest
  @EnumSource(value = JobStatus.class, names = {"NEEDS_REVIEW", "FAILED"})
  void resolveCompletesAJobByHandStoringItsSteps(JobStatus status) {
    ClaimedJob claim = insertAndClaim("job-1");
    store.saveStep(claim.lease(), "intent", "sending");
    complete(completing(claim).status(status).error("outcome unknown").build());
    clock.advance(Duration.ofMinutes(5));

    JobSnapshot job = applied("job-1",
        new AdminCommand.Resolve(Map.of("result", "remote-1", "intent", "sent"), "seen on the site"));

    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.nextRunAt()).isEmpty();
    assertThat(job.lastError()).hasValue("seen on the site");
    assertThat(job.updatedAt()).isEqualTo(now());
    assertThat(find("job-1")).isEqualTo(job);
    assertThat(store.steps("job-1")).isEqualTo(Map.of("result", "remote-1", "intent", "sent"));
  }

  @Test
  void listFiltersByIdPrefixTakingWildcardCharactersLiterally() {
    insert(newJob("post:42:mastodon:alice"));
    insert(newJob("post:42:facebook:page_1"));
    insert(newJob("post:420:mastodon:alice"));
    insert(newJob("post_42%x"));
    insert(newJob("postX42"));

    assertThat(listIds(JobQuery.builder().idPrefix("post:42:").build()))
        .containsExactlyInAnyOrder("post:42:mastodon:alice", "post:42:facebook:page_1");
    assertThat(listIds(JobQuery.builder().idPrefix("post_42%").build()))
        .containsExactly("post_42%x");
    assertThat(listIds(JobQuery.builder().idPrefix("post").build())).hasSize(5);
  }
}
