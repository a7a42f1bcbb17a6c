package dev.herald.scheduler.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link PublishProgress#inMemory()}: the entries and the checks every progress applies. */
class PublishProgressTest {

  @Test
  void aValueRecordedIsReadBackAndARecordAgainReplacesIt() {
    PublishProgress progress = PublishProgress.inMemory();
    assertThat(progress.get("tiktok.publish_id")).isEmpty();

    progress.record("tiktok.publish_id", "v_pub_url~v2.1");
    progress.record("tiktok.publish_id", "v_pub_url~v2.2");

    assertThat(progress.get("tiktok.publish_id")).hasValue("v_pub_url~v2.2");
  }

  @Test
  void malformedNamesAndValuesAndTooManyNamesAreRefusedNamingTheProblem() {
    PublishProgress progress = PublishProgress.inMemory();
    assertThatThrownBy(() -> progress.record("Publish Id", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z0-9._-]");
    assertThatThrownBy(() -> progress.record("a.b", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-blank");
    assertThatThrownBy(() -> progress.record("a.b", "x".repeat(1001)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1001 characters");
    assertThatThrownBy(() -> progress.record("a.b", null))
        .isInstanceOf(NullPointerException.class);
    for (int i = 0; i < PublishProgress.MAX_ENTRIES; i++) {
      progress.record("n" + i, "v");
    }
    progress.record("n0", "replaced, not added");
    assertThatThrownBy(() -> progress.record("one.more", "v"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most 16");
  }

  @Test
  void aRequestBuiltWithoutProgressGetsItsOwnInMemoryOne() {
    Post post = Post.text("Hello");
    Target target = Target.of("tiktok", "open-id");
    PublishRequest a = new PublishRequest(post, target, "key-1");
    PublishRequest b = new PublishRequest(post, target, "key-1");

    a.progress().record("tiktok.publish_id", "p-1");

    assertThat(b.progress().get("tiktok.publish_id")).isEmpty();
    PublishProgress shared = PublishProgress.inMemory();
    assertThat(new PublishRequest(post, target, "key-1", shared))
        .isEqualTo(new PublishRequest(post, target, "key-1", shared));
  }
}
