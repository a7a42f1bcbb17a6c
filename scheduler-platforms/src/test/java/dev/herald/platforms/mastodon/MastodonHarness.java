package dev.herald.platforms.mastodon;

import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A FakeMastodon, a token store holding the account's token, and publishers pointed at the fake,
 * all on one manual clock; the publishers' sleeper advances that clock, so no test waits.
 */
final class MastodonHarness implements AutoCloseable {

  static final String ACCOUNT = "newsbot";
  static final String TOKEN = "mstdn-secret-token-7f3c2a9e";
  static final String READ_ONLY_TOKEN = "mstdn-read-only-token-11aa";

  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  final TokenStore tokens = TokenStore.inMemory();
  final FakeMastodon fake;
  final Path dir;

  MastodonHarness(Path dir, UnaryOperator<FakeMastodon.Builder> fakeConfig) {
    this.dir = dir;
    this.fake =
        fakeConfig
            .apply(
                FakeMastodon.builder()
                    .clock(clock)
                    .account(ACCOUNT, TOKEN)
                    .readOnlyAccount("reader", READ_ONLY_TOKEN))
            .start();
    tokens.put(Target.of(MastodonPublisher.PLATFORM, ACCOUNT), Credentials.of(TOKEN));
    tokens.put(Target.of(MastodonPublisher.PLATFORM, "reader"), Credentials.of(READ_ONLY_TOKEN));
  }

  MastodonHarness(Path dir) {
    this(dir, b -> b);
  }

  /** A publisher with fast polling on the manual clock, customised by {@code config}. */
  MastodonPublisher publisher(UnaryOperator<MastodonPublisher.Builder> config) {
    return config
        .apply(
            MastodonPublisher.builder(fake.baseUri())
                .tokens(tokens)
                .clock(clock)
                .sleeper(clock::advance)
                .requestTimeout(Duration.ofSeconds(5))
                .mediaPolling(Duration.ofSeconds(1), Duration.ofSeconds(5), 10))
        .build();
  }

  MastodonPublisher publisher() {
    return publisher(b -> b);
  }

  PublishResult publish(MastodonPublisher publisher, Post post, String key) {
    return publisher.publish(new PublishRequest(post, Target.of("mastodon", ACCOUNT), key));
  }

  Media image(String name) {
    return Media.image(file(name, 2048).toUri()).withAltText("alt text of " + name);
  }

  Media video(String name) {
    return Media.video(file(name, 8192).toUri());
  }

  private Path file(String name, int size) {
    try {
      Path file = dir.resolve(name);
      if (!Files.exists(file)) {
        Files.write(file, new byte[size]);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    fake.close();
  }
}
