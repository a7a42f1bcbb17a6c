package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.testing.FakePixelfed;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 11, Pixelfed half: an instance enforces its admin's overrides ({@code
 * config_cache}) while {@code /api/v1/instance} advertises the {@code .env} album size and {@code
 * /api/v2/instance} may show old values for 30 minutes. The adapter reads v2, falls back to v1, and
 * learns a smaller limit from the instance's validation error.
 */
class PixelfedEnforcedLimitsTest {

  @TempDir Path dir;
  PixelfedHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private Post album(int size) {
    Post.Builder post = Post.builder().text("Album of " + size);
    for (int i = 0; i < size; i++) {
      post.addMedia(h.image("a" + i + ".jpg"));
    }
    return post.build();
  }

  @Test
  void readsTheAdminsOverridesFromTheV2InstanceEndpoint() {
    h = new PixelfedHarness(dir, b -> b.maxMediaAttachments(4));
    h.fake.overrideMaxMediaAttachments(2);
    h.fake.overrideSupportedMimeTypes("image/jpeg", "image/png", "image/webp");
    PixelfedPublisher publisher = h.publisher();

    PixelfedLimits limits = publisher.refreshLimits();

    assertThat(limits.maxMediaAttachments()).isEqualTo(2);
    assertThat(limits.supportedMimeTypes()).contains("image/webp");
    assertThat(publisher.validate(album(3))).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("at most 2"));
    assertThat(h.fake.requests(FakePixelfed.INSTANCE_V2)).hasSize(1);
    assertThat(h.fake.requests(FakePixelfed.INSTANCE)).isEmpty();
  }

  @Test
  void readsV1OnAnInstanceWithoutV2() {
    h = new PixelfedHarness(dir, b -> b.withoutInstanceV2().maxCharacters(900));

    PixelfedLimits limits = h.publisher().refreshLimits();

    assertThat(limits.maxCharacters()).isEqualTo(900);
    assertThat(h.fake.requests(FakePixelfed.INSTANCE)).hasSize(1);
    assertThat(h.fake.servedFixtures()).contains("pixelfed-instance-v1.json");
  }

  @Test
  void anAlbumOverTheEnforcedLimitIsRejectedAsTooManyMediaAndTheLimitIsRemembered() {
    h = new PixelfedHarness(dir, b -> b.withoutInstanceV2().maxMediaAttachments(4));
    h.fake.overrideMaxMediaAttachments(2);
    PixelfedPublisher publisher = h.publisher();

    PublishResult result = h.publish(publisher, album(3), "k-album");

    assertThat(result).isInstanceOfSatisfying(PublishResult.Rejected.class, r -> {
      assertThat(r.code()).isEqualTo("too_many_media");
      assertThat(r.reason()).contains("must not have more than 2 items");
    });
    assertThat(publisher.limits().maxMediaAttachments()).isEqualTo(2);
    int requests = h.fake.requests().size();
    assertThat(publisher.validate(album(3))).hasSize(1);
    assertThat(h.publish(publisher, album(3), "k-again"))
        .isInstanceOfSatisfying(PublishResult.Rejected.class,
            r -> assertThat(r.code()).isEqualTo("invalid_post"));
    assertThat(h.fake.requests()).hasSize(requests);
    assertThat(h.publish(publisher, album(2), "k-two")).isInstanceOf(PublishResult.Published.class);
    assertThat(h.fake.ledger().size()).isOne();
  }

  @Test
  void aCaptionOverAnOverrideTheV2CacheHidesIsRejectedAsTextTooLongAndRemembered() {
    h = new PixelfedHarness(dir);
    PixelfedPublisher publisher = h.publisher();
    assertThat(publisher.refreshLimits().maxCharacters()).isEqualTo(500);
    h.clock.advance(Duration.ofMinutes(5));
    h.fake.overrideMaxCharacters(300);
    assertThat(publisher.refreshLimits().maxCharacters()).isEqualTo(500);

    PublishResult result = h.publish(publisher, h.photo("x".repeat(400)), "k-long");

    assertThat(result).isInstanceOfSatisfying(PublishResult.Rejected.class, r -> {
      assertThat(r.code()).isEqualTo("text_too_long");
      assertThat(r.reason()).contains("must not be greater than 300 characters");
    });
    assertThat(publisher.limits().maxCharacters()).isEqualTo(300);
    assertThat(publisher.validate(h.photo("x".repeat(400)))).hasSize(1);
  }

  @Test
  void aLearnedLimitLastsUntilTheLimitsAreReadAgain() {
    h = new PixelfedHarness(dir, b -> b.withoutInstanceV2());
    h.fake.overrideMaxCharacters(300);
    PixelfedPublisher publisher = h.publisher(b -> b.limitsTtl(Duration.ofHours(1)));
    publisher.refreshLimits();
    h.fake.overrideMaxCharacters(200);
    h.clock.advance(Duration.ofMinutes(1));

    assertThat(h.publish(publisher, h.photo("x".repeat(250)), "k1"))
        .isInstanceOf(PublishResult.Rejected.class);
    assertThat(publisher.limits().maxCharacters()).isEqualTo(200);

    h.fake.overrideMaxCharacters(1000);
    h.clock.advance(Duration.ofHours(1));
    assertThat(h.publish(publisher, h.photo("x".repeat(250)), "k2"))
        .isInstanceOf(PublishResult.Published.class);
    assertThat(publisher.limits().maxCharacters()).isEqualTo(1000);
  }
}
