package dev.herald.platforms.instagram;

import dev.herald.platforms.testing.FakeInstagram;
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
 * A FakeInstagram, a token store holding the account's token, and publishers pointed at the fake
 * (Graph and upload hosts alike), all on one manual clock that the publishers' sleeper advances.
 */
final class InstagramHarness implements AutoCloseable {

  static final String ACCOUNT = "17841405822304914";
  static final String TOKEN = "IGQWRsecret-ig-token-4f1e9a77";
  static final String OTHER_ACCOUNT = "17841400000000001";
  static final String OTHER_TOKEN = "IGQWRsecret-other-token-0b2c";
  static final Duration POLL = Duration.ofSeconds(5);

  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  final TokenStore tokens = TokenStore.inMemory();
  final FakeInstagram fake;
  final Path dir;

  InstagramHarness(Path dir, UnaryOperator<FakeInstagram.Builder> fakeConfig) {
    this.dir = dir;
    this.fake =
        fakeConfig
            .apply(
                FakeInstagram.builder()
                    .clock(clock)
                    .account(ACCOUNT, TOKEN)
                    .account(OTHER_ACCOUNT, OTHER_TOKEN))
            .start();
    tokens.put(Target.of(InstagramPublisher.PLATFORM, ACCOUNT), Credentials.of(TOKEN));
  }

  InstagramHarness(Path dir) {
    this(dir, b -> b);
  }

  /** A Facebook Login publisher on the manual clock, customised by {@code config}. */
  InstagramPublisher publisher(UnaryOperator<InstagramPublisher.Builder> config) {
    return config
        .apply(
            InstagramPublisher.builder(InstagramFlavour.FACEBOOK_LOGIN)
                .graphBaseUri(fake.baseUri())
                .ruploadBaseUri(fake.baseUri())
                .tokens(tokens)
                .clock(clock)
                .sleeper(clock::advance)
                .requestTimeout(Duration.ofSeconds(5))
                .containerPolling(POLL, 10)
                .builderRetryDelay(Duration.ofSeconds(30)))
        .build();
  }

  InstagramPublisher publisher() {
    return publisher(b -> b);
  }

  PublishResult publish(InstagramPublisher publisher, Post post, String key) {
    return publisher.publish(new PublishRequest(post, Target.of("instagram", ACCOUNT), key));
  }

  static Media image(String name) {
    return Media.image(URI.create("https://cdn.example/img/" + name)).withAltText("alt " + name);
  }

  static Media video(String name) {
    return Media.video(URI.create("https://cdn.example/video/" + name));
  }

  static Post imagePost(String caption) {
    return Post.builder().text(caption).addMedia(image("photo.jpg")).build();
  }

  Media localVideo(String name) {
    try {
      Path file = dir.resolve(name);
      if (!Files.exists(file)) {
        Files.write(file, new byte[4096]);
      }
      return Media.video(file.toUri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    fake.close();
  }
}
