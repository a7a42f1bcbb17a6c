package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.OPEN_ID;
import static dev.herald.platforms.tiktok.TikTokHarness.PRIVATE_ID;
import static dev.herald.platforms.tiktok.TikTokHarness.photo;
import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static dev.herald.platforms.tiktok.TikTokHarness.remoteVideo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.platforms.token.TokenRefreshException;
import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every TikTok fixture listed in index.json is served by the fake in a real exchange: the success
 * bodies by the publish flows and the refresher, most error bodies by the fake's own state (unknown
 * token, read-only scope, unaudited app, unverified URL, daily cap, pending shares, rate limits,
 * unknown publish id, revoked refresh token), and the rest by the error table.
 */
class TikTokFixtureCoverageTest {

  @TempDir Path dir;

  @Test
  void everyTikTokFixtureIsServed() {
    Set<String> served = new HashSet<>();
    served.addAll(servedByFlows());
    served.addAll(servedByState());
    for (TikTokErrorMappingTest.Case row : TikTokErrorMappingTest.cases()) {
      try (TikTokHarness h = new TikTokHarness(dir)) {
        TikTokErrorMappingTest.arrange(h, row);
        TikTokErrorMappingTest.outcome(h, row);
        served.addAll(h.fake.servedFixtures());
      }
    }

    List<String> all = Fixtures.forPlatform("tiktok").stream().map(Fixture::file).toList();
    assertThat(all).hasSize(28);
    assertThat(served).containsAll(all);
  }

  @Test
  void theFakeServesTheErrorFixturesFromItsOwnStateWithoutInjectedFaults() {
    assertThat(servedByState())
        .contains(
            "tiktok-error-invalid-publish-id.json",
            "tiktok-error-scope-not-authorized.json",
            "tiktok-error-access-token-invalid.json",
            "tiktok-oauth-token-error.json",
            "tiktok-error-unaudited.json",
            "tiktok-error-url-ownership.json",
            "tiktok-error-spam-too-many-posts.json",
            "tiktok-error-pending-share.json",
            "tiktok-error-rate-limit.json");
  }

  private Set<String> servedByFlows() {
    try (TikTokHarness h = new TikTokHarness(dir)) {
      TikTokPublisher publisher = h.publisher();
      h.publish(publisher, post(remoteVideo("v.mp4")).build());
      h.publish(publisher, post(h.videoFile("f.mp4", 11_000_000)).build());
      h.publish(publisher, post(photo("a.jpg"), photo("b.jpg")).build());
      h.publish(publisher, privacy(remoteVideo("s.mp4"), "SELF_ONLY"));
      h.publish(publisher, privacy(remoteVideo("f.mp4"), "FOLLOWER_OF_CREATOR"), PRIVATE_ID);
      h.publish(publisher, inbox());
      h.fake.failNext("file_format_check_failed");
      h.publish(publisher, post(h.videoFile("g.mp4", 1_000_000)).build());
      h.fake.failNext("video_pull_failed");
      h.publish(publisher, post(remoteVideo("w.mp4")).build());
      h.clock.advance(Duration.ofMinutes(100));
      TokenRefreshJob.of(h.tokens, h.refresher(), h.clock).refreshAll();
      Set<String> served = new HashSet<>(h.fake.servedFixtures());
      try (TikTokHarness stalled = new TikTokHarness(dir, b -> b.processingPolls(100))) {
        stalled.publish(stalled.publisher(), post(remoteVideo("v.mp4")).build());
        served.addAll(stalled.fake.servedFixtures());
      }
      return served;
    }
  }

  private Set<String> servedByState() {
    Set<String> served = new HashSet<>();
    try (TikTokHarness h = new TikTokHarness(dir)) {
      TikTokPublisher publisher = h.publisher();
      publisher.checkStatus(OPEN_ID, "v_pub_url~v2.404");
      h.publish(publisher, post(remoteVideo("v.mp4")).build(), TikTokHarness.READ_ONLY_ID);
      h.tokens.put(Target.of(TikTokPublisher.PLATFORM, "revoked"), Credentials.of("act.revoked"));
      h.publish(publisher, post(remoteVideo("v.mp4")).build(), "revoked");
      try {
        TikTokTokenRefresher.builder(TikTokHarness.CLIENT_KEY, TikTokHarness.CLIENT_SECRET)
            .apiBase(h.fake.baseUri())
            .build()
            .refresh(Target.of("tiktok", OPEN_ID), Credentials.of("act.x").withRefreshToken("rft.revoked", null));
      } catch (TokenRefreshException expected) {
        // invalid_grant
      }
      served.addAll(h.fake.servedFixtures());
    }
    try (TikTokHarness h =
        new TikTokHarness(
            dir,
            b ->
                b.unauditedClient(true)
                    .verifiedUrlPrefixes("https://media.example/verified/")
                    .dailyPostCap(1))) {
      TikTokPublisher publisher = h.publisher();
      h.publish(publisher, post(verified("v.mp4")).build());
      h.publish(publisher, privacy(remoteVideo("v.mp4"), "FOLLOWER_OF_CREATOR"), PRIVATE_ID);
      h.publish(publisher, privacy(verified("v.mp4"), "FOLLOWER_OF_CREATOR"), PRIVATE_ID);
      h.publish(publisher, privacy(verified("w.mp4"), "FOLLOWER_OF_CREATOR"), PRIVATE_ID);
      for (int i = 0; i < 6; i++) {
        h.publish(publisher, inbox());
      }
      served.addAll(h.fake.servedFixtures());
    }
    try (TikTokHarness h = new TikTokHarness(dir, b -> b.enforceRateLimits(true))) {
      for (int i = 0; i < 7; i++) {
        h.publish(h.publisher(), inbox());
      }
      served.addAll(h.fake.servedFixtures());
    }
    return served;
  }

  private static Media verified(String name) {
    return Media.video(URI.create("https://media.example/verified/" + name));
  }

  private static Post privacy(Media media, String level) {
    return Post.builder().addMedia(media).option("privacy_level", level).build();
  }

  private static Post inbox() {
    return Post.builder()
        .addMedia(verified("draft.mp4"))
        .option("post_mode", "MEDIA_UPLOAD")
        .build();
  }
}
