package dev.herald.platforms.pixelfed;

import dev.herald.platforms.testing.FakePixelfed;
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
 * A FakePixelfed, a token store holding the account's credentials (access token expiring in a year,
 * refresh token), and publishers and refreshers pointed at the fake, all on one manual clock.
 * Pixelfed's flow has no waits, so no test sleeps.
 */
final class PixelfedHarness implements AutoCloseable {

  static final String ACCOUNT = "photobot";
  static final String TOKEN = "pxf-secret-token-3b9d1c7e";
  static final String REFRESH_TOKEN = "pxf-secret-refresh-5e2a90";
  static final String CLIENT_ID = "herald-client";
  static final String CLIENT_SECRET = "pxf-client-secret-91c0f4";

  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  final TokenStore tokens = TokenStore.inMemory();
  final FakePixelfed fake;
  final Path dir;

  PixelfedHarness(Path dir, UnaryOperator<FakePixelfed.Builder> fakeConfig) {
    this.dir = dir;
    this.fake =
        fakeConfig
            .apply(
                FakePixelfed.builder()
                    .clock(clock)
                    .client(CLIENT_ID, CLIENT_SECRET)
                    .account(ACCOUNT, TOKEN, REFRESH_TOKEN))
            .start();
    tokens.put(Target.of(PixelfedPublisher.PLATFORM, ACCOUNT), Credentials.of(TOKEN)
            .withRefreshToken(REFRESH_TOKEN, null)
            .issuedAt(clock.now(), Duration.ofDays(365)));
  }

  PixelfedHarness(Path dir) {
    this(dir, b -> b);
  }

  /** A publisher on the manual clock, customised by {@code config}. */
  PixelfedPublisher publisher(UnaryOperator<PixelfedPublisher.Builder> config) {
    return config
        .apply(
            PixelfedPublisher.builder(fake.baseUri())
                .tokens(tokens)
                .clock(clock)
                .requestTimeout(Duration.ofSeconds(5)))
        .build();
  }

  PixelfedPublisher publisher() {
    return publisher(b -> b);
  }

  /** A refresher for the fake's OAuth client on the manual clock. */
  PixelfedTokenRefresher refresher(UnaryOperator<PixelfedTokenRefresher.Builder> config) {
    return config
        .apply(
            PixelfedTokenRefresher.builder(fake.baseUri())
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .clock(clock)
                .requestTimeout(Duration.ofSeconds(5)))
        .build();
  }

  PublishResult publish(PixelfedPublisher publisher, Post post, String key) {
    return publisher.publish(new PublishRequest(post, Target.of("pixelfed", ACCOUNT), key));
  }

  /** A post with {@code text} and one JPEG. */
  Post photo(String text) {
    return Post.builder().text(text).addMedia(image("photo.jpg")).build();
  }

  Media image(String name) {
    return Media.image(file(name, 2048).toUri()).withAltText("alt text of " + name);
  }

  Media video(String name) {
    return Media.video(file(name, 8192).toUri());
  }

  Path file(String name, int size) {
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
