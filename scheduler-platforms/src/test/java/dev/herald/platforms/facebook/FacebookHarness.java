package dev.herald.platforms.facebook;

import dev.herald.platforms.testing.FakeFacebook;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A FakeFacebook with one Page managed by one user, a token store holding the Page's credentials
 * (Page token, and the long-lived user token it derives from as refresh token), and publishers
 * pointed at the fake, all on one manual clock that the publishers' sleeper advances.
 */
final class FacebookHarness implements AutoCloseable {

  static final String PAGE = "104567890123456";
  static final String PAGE_TOKEN = "EAAGsecret-page-token-91bd";
  static final String USER = "10223344";
  static final String USER_TOKEN = "EAAGsecret-user-token-5d21";
  static final String APP_ID = "1234567890";
  static final String APP_SECRET = "app-secret-c0ffee";

  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  final TokenStore tokens = TokenStore.inMemory();
  final FakeFacebook fake;
  final Path dir;

  FacebookHarness(Path dir, UnaryOperator<FakeFacebook.Builder> fakeConfig) {
    this.dir = dir;
    this.fake =
        fakeConfig
            .apply(
                FakeFacebook.builder()
                    .clock(clock)
                    .page(PAGE, "Example Bakery", PAGE_TOKEN)
                    .user(USER, USER_TOKEN, Duration.ofDays(60), PAGE)
                    .app(APP_ID, APP_SECRET))
            .start();
    tokens.put(Target.of(FacebookPublisher.PLATFORM, PAGE), Credentials.of(PAGE_TOKEN)
            .withRefreshToken(USER_TOKEN, clock.now().plus(Duration.ofDays(60))));
  }

  FacebookHarness(Path dir) {
    this(dir, b -> b);
  }

  FacebookPublisher publisher(UnaryOperator<FacebookPublisher.Builder> config) {
    return config
        .apply(
            FacebookPublisher.builder()
                .graphBaseUri(fake.baseUri())
                .ruploadBaseUri(fake.baseUri())
                .appId(APP_ID)
                .tokens(tokens)
                .clock(clock)
                .sleeper(clock::advance)
                .requestTimeout(Duration.ofSeconds(5))
                .videoPolling(Duration.ofSeconds(5), 10))
        .build();
  }

  FacebookPublisher publisher() {
    return publisher(b -> b);
  }

  PublishResult publish(FacebookPublisher publisher, Post post, String key) {
    return publisher.publish(new PublishRequest(post, Target.of("facebook", PAGE), key));
  }

  static Media image(String name) {
    return Media.image(URI.create("https://cdn.example/img/" + name));
  }

  Media localFile(String name, int size, boolean video) {
    try {
      Path file = dir.resolve(name);
      if (!Files.exists(file)) {
        Files.write(file, new byte[size]);
      }
      return video ? Media.video(file.toUri()) : Media.image(file.toUri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    fake.close();
  }
}
