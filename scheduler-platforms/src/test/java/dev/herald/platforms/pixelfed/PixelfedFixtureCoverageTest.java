package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.Fixture;
import dev.herald.platforms.testing.Fixtures;
import dev.herald.scheduler.publish.Target;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Pixelfed fixture listed in index.json is served by the fake in a real exchange. */
class PixelfedFixtureCoverageTest {

  @TempDir Path dir;

  @Test
  void everyPixelfedFixtureIsServed() {
    Set<String> served = new HashSet<>();
    try (PixelfedHarness h = new PixelfedHarness(dir)) {
      h.publish(h.publisher(), h.photo("v2 upload"), "k1");
      h.publish(
          h.publisher(b -> b.mediaUpload(PixelfedPublisher.MediaUpload.V1)), h.photo("v1"), "k2");
      h.refresher(b -> b)
          .refresh(Target.of("pixelfed", PixelfedHarness.ACCOUNT),
              h.tokens.get(Target.of(PixelfedPublisher.PLATFORM, PixelfedHarness.ACCOUNT)).orElseThrow());
      served.addAll(h.fake.servedFixtures());
    }
    try (PixelfedHarness h = new PixelfedHarness(dir, b -> b.withoutInstanceV2())) {
      h.publisher().refreshLimits();
      served.addAll(h.fake.servedFixtures());
    }
    for (PixelfedErrorMappingTest.Case row : PixelfedErrorMappingTest.cases()) {
      try (PixelfedHarness h = new PixelfedHarness(dir)) {
        h.fake.inject(row.route(), Fault.fixture(row.fixture()));
        h.publish(h.publisher(), h.photo("error"), "k");
        served.addAll(h.fake.servedFixtures());
      }
    }

    List<String> all = Fixtures.forPlatform("pixelfed").stream().map(Fixture::file).toList();
    assertThat(all).hasSize(14);
    assertThat(served).containsAll(all);
  }
}
