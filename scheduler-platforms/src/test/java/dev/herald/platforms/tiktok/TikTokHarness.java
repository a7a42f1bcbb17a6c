package dev.herald.platforms.tiktok;

import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.testing.ManualClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A FakeTikTok with a public, a private and a read-only creator, a token store holding their
 * tokens, and publishers and refreshers pointed at the fake, all on one manual clock; the
 * publishers' sleeper advances that clock, so no test waits.
 */
final class TikTokHarness implements AutoCloseable {

  static final String OPEN_ID = "afd97af1-b87b-48b9-ac98-410aghda5344";
  static final String USERNAME = "tiktok";
  static final String TOKEN = "act.harnessSecretAccess0001Example";
  static final String REFRESH = "rft.harnessSecretRefresh0001Example";
  static final String PRIVATE_ID = "open-id-quiet-bakery";
  static final String PRIVATE_TOKEN = "act.harnessSecretPrivate0002Example";
  static final String READ_ONLY_ID = "open-id-read-only";
  static final String READ_ONLY_TOKEN = "act.harnessSecretReadOnly0003Example";
  static final String CLIENT_KEY = "awherald0client0key";
  static final String CLIENT_SECRET = "client-secret-5e3a9b7c1d";
  static final long CHUNK = TikTokLimits.MIN_CHUNK_SIZE;

  final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
  final TokenStore tokens = TokenStore.inMemory();
  final FakeTikTok fake;
  final Path dir;
  private final AtomicInteger keys = new AtomicInteger();

  TikTokHarness(Path dir, UnaryOperator<FakeTikTok.Builder> fakeConfig) {
    this.dir = dir;
    this.fake =
        fakeConfig
            .apply(
                FakeTikTok.builder()
                    .clock(clock)
                    .client(CLIENT_KEY, CLIENT_SECRET)
                    .account(OPEN_ID, USERNAME, TOKEN)
                    .refreshToken(OPEN_ID, REFRESH)
                    .privateAccount(PRIVATE_ID, "quietbakery", PRIVATE_TOKEN)
                    .readOnlyAccount(READ_ONLY_ID, READ_ONLY_TOKEN))
            .start();
    tokens.put(Target.of(TikTokPublisher.PLATFORM, OPEN_ID), Credentials.of(TOKEN)
            .withRefreshToken(REFRESH, clock.now().plus(Duration.ofDays(180)))
            .issuedAt(clock.now(), Duration.ofHours(2)));
    tokens.put(Target.of(TikTokPublisher.PLATFORM, PRIVATE_ID), Credentials.of(PRIVATE_TOKEN));
    tokens.put(Target.of(TikTokPublisher.PLATFORM, READ_ONLY_ID), Credentials.of(READ_ONLY_TOKEN));
  }

  TikTokHarness(Path dir) {
    this(dir, b -> b);
  }

  /** A publisher with fast polling on the manual clock and 5 MiB chunks, then {@code config}. */
  TikTokPublisher publisher(UnaryOperator<TikTokPublisher.Builder> config) {
    return config
        .apply(
            TikTokPublisher.builder()
                .apiBase(fake.baseUri())
                .tokens(tokens)
                .clock(clock)
                .sleeper(clock::advance)
                .requestTimeout(Duration.ofSeconds(5))
                .chunkSize(CHUNK)
                .statusPolling(Duration.ofSeconds(1), Duration.ofSeconds(5), 10))
        .build();
  }

  TikTokPublisher publisher() {
    return publisher(b -> b);
  }

  /** A refresher for the harness's app, checking the store, on the manual clock. */
  TikTokTokenRefresher refresher() {
    return TikTokTokenRefresher.builder(CLIENT_KEY, CLIENT_SECRET)
        .apiBase(fake.baseUri())
        .tokens(tokens)
        .clock(clock)
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  PublishResult publish(TikTokPublisher publisher, Post post) {
    return publish(publisher, post, OPEN_ID);
  }

  PublishResult publish(TikTokPublisher publisher, Post post, String account) {
    return publisher.publish(new PublishRequest(post, Target.of("tiktok", account), "key-" + keys.incrementAndGet()));
  }

  /** A public post builder with {@code media}, privacy {@code PUBLIC_TO_EVERYONE}. */
  static Post.Builder post(Media... media) {
    Post.Builder post = Post.builder().option("privacy_level", "PUBLIC_TO_EVERYONE");
    for (Media m : media) {
      post.addMedia(m);
    }
    return post;
  }

  static Media photo(String name) {
    return Media.image(URI.create("https://media.example/photos/" + name));
  }

  static Media remoteVideo(String name) {
    return Media.video(URI.create("https://media.example/videos/" + name));
  }

  /** A local video of {@code size} bytes (sparse: zeros). */
  Media videoFile(String name, long size) {
    try {
      Path file = dir.resolve(name);
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(size);
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
