package dev.herald.platforms.instagram;

import static dev.herald.platforms.instagram.InstagramHarness.imagePost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakeInstagram;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Instagram fixture listed in index.json is served by the fake in a real exchange. */
class InstagramFixtureCoverageTest {

  @TempDir Path dir;

  @Test
  void everyInstagramFixtureIsServed() {
    Set<String> served = new HashSet<>();
    try (InstagramHarness h = new InstagramHarness(dir)) {
      InstagramPublisher publisher = h.publisher();
      h.publish(publisher, imagePost("image"), "k1");
      h.publish(publisher, Post.builder().addMedia(h.localVideo("v.mp4")).build(), "k2");
      h.fake.expireNextContainers(1);
      h.publish(publisher, imagePost("expired"), "k3");
      h.fake.failNextContainers(1, 2207026);
      h.publish(publisher, imagePost("error"), "k4");
      h.fake.inject(FakeInstagram.PUBLISH, Fault.dropAfterAccept().times(1));
      h.publish(publisher, imagePost("reconciled"), "k5");
      served.addAll(h.fake.servedFixtures());
    }
    try (InstagramHarness h =
        new InstagramHarness(
            dir,
            b ->
                b.token("1", "IGQWRold", Instant.parse("2026-11-01T00:00:00Z"), Duration.ofDays(60))
                    .appSecret("s"))) {
      InstagramTokenRefresher refresher =
          InstagramTokenRefresher.builder()
              .baseUri(h.fake.baseUri())
              .clock(h.clock)
              .appSecret("s")
              .build();
      refresher.refresh(Target.of("instagram", "1"), Credentials.of("IGQWRold"));
      refresher.exchange("1", "IGQWRold");
      served.addAll(h.fake.servedFixtures());
    }
    for (InstagramErrorMappingTest.Case row : InstagramErrorMappingTest.cases()) {
      try (InstagramHarness h = new InstagramHarness(dir)) {
        h.fake.inject(row.route(), Fault.fixture(row.fixture()));
        h.publish(
            h.publisher(),
            row.fixture().contains("carousel")
                ? InstagramErrorMappingTest.CAROUSEL
                : imagePost("x"),
            "k");
        served.addAll(h.fake.servedFixtures());
      }
    }

    List<String> all = Fixtures.forPlatform("instagram").stream().map(Fixture::file).toList();
    assertThat(all).hasSize(27);
    assertThat(served).containsAll(all);
  }
}
