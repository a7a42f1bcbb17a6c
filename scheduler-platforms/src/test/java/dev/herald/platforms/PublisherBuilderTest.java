package dev.herald.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.facebook.FacebookPublisher;
import dev.herald.platforms.facebook.FacebookTokenRefresher;
import dev.herald.platforms.instagram.InstagramFlavour;
import dev.herald.platforms.instagram.InstagramPublisher;
import dev.herald.platforms.instagram.InstagramTokenRefresher;
import dev.herald.platforms.internal.http.ClientSettings;
import dev.herald.platforms.internal.http.PublisherSettings;
import dev.herald.platforms.mastodon.MastodonLimits;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.platforms.pixelfed.PixelfedTokenRefresher;
import dev.herald.platforms.tiktok.TikTokPublisher;
import dev.herald.platforms.tiktok.TikTokTokenRefresher;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.testing.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings that every publisher and token refresher builder shares: each platform keeps its own
 * defaults, every builder checks arguments the same way with the same messages, and calls chain as
 * the concrete builder.
 */
class PublisherBuilderTest {

  static final URI HOST = URI.create("https://social.example");

  /** A publisher's builder and the upload timeout and retry delay it defaults to. */
  record Publisher(
      String name, Supplier<PublisherBuilder<?>> builder, Duration upload, Duration retry) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Any builder of a platform client: publisher or token refresher. */
  record Client(String name, Supplier<PlatformClientBuilder<?>> builder) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Publisher> publishers() {
    return Stream.of(
        new Publisher(
            "mastodon",
            () -> MastodonPublisher.builder(HOST),
            Duration.ofMinutes(5),
            Duration.ofSeconds(30)),
        new Publisher(
            "pixelfed",
            () -> PixelfedPublisher.builder(HOST),
            Duration.ofMinutes(5),
            Duration.ofSeconds(30)),
        new Publisher(
            "instagram",
            () -> InstagramPublisher.builder(InstagramFlavour.INSTAGRAM_LOGIN),
            Duration.ofMinutes(10),
            Duration.ofMinutes(1)),
        new Publisher(
            "facebook", FacebookPublisher::builder, Duration.ofMinutes(10), Duration.ofMinutes(1)),
        new Publisher(
            "tiktok", TikTokPublisher::builder, Duration.ofMinutes(5), Duration.ofSeconds(30)));
  }

  static Stream<Client> clients() {
    return Stream.concat(
        publishers().map(p -> new Client(p.name() + " publisher", p.builder()::get)),
        Stream.of(
            new Client("pixelfed refresher", () -> PixelfedTokenRefresher.builder(HOST)),
            new Client("instagram refresher", InstagramTokenRefresher::builder),
            new Client("facebook refresher", () -> FacebookTokenRefresher.builder("1", "secret")),
            new Client("tiktok refresher", () -> TikTokTokenRefresher.builder("key", "secret"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void clientDefaultsAreTheSameEverywhere(Client client) {
    ClientSettings settings = client.builder().get().clientSettings();

    assertThat(settings.httpClient()).isNull();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.clock()).isEqualTo(InstantSource.system());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishers")
  void publisherDefaultsAreThePlatformsOwn(Publisher publisher) {
    TokenStore tokens = TokenStore.inMemory();

    PublisherSettings settings = publisher.builder().get().tokens(tokens).publisherSettings();

    assertThat(settings.tokens()).isSameAs(tokens);
    assertThat(settings.uploadTimeout()).isEqualTo(publisher.upload());
    assertThat(settings.retryDelay()).isEqualTo(publisher.retry());
    assertThat(settings.sleeper()).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishers")
  void everySharedSettingReachesThePublisher(Publisher publisher) {
    TokenStore tokens = TokenStore.inMemory();
    HttpClient client = HttpClient.newHttpClient();
    ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    Sleeper sleeper = clock::advance;

    PublisherSettings settings =
        publisher
            .builder()
            .get()
            .tokens(tokens)
            .httpClient(client)
            .connectTimeout(Duration.ofSeconds(1))
            .requestTimeout(Duration.ofSeconds(2))
            .uploadTimeout(Duration.ofSeconds(3))
            .clock(clock)
            .sleeper(sleeper)
            .retryDelay(Duration.ofSeconds(4))
            .publisherSettings();

    assertThat(settings.client())
        .isEqualTo(new ClientSettings(client, Duration.ofSeconds(1), Duration.ofSeconds(2), clock));
    assertThat(settings.tokens()).isSameAs(tokens);
    assertThat(settings.uploadTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.sleeper()).isSameAs(sleeper);
    assertThat(settings.retryDelay()).isEqualTo(Duration.ofSeconds(4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void clientArgumentsAreCheckedByName(Client client) {
    PlatformClientBuilder<?> b = client.builder().get();

    assertThatNullPointerException()
        .isThrownBy(() -> b.httpClient(null))
        .withMessage("client cannot be null");
    assertThatNullPointerException()
        .isThrownBy(() -> b.connectTimeout(null))
        .withMessage("connectTimeout cannot be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.connectTimeout(Duration.ZERO))
        .withMessage("connectTimeout must be positive, was PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.requestTimeout(Duration.ofSeconds(-1)))
        .withMessage("requestTimeout must be positive, was PT-1S");
    assertThatNullPointerException()
        .isThrownBy(() -> b.clock(null))
        .withMessage("clock cannot be null");
    assertThat(b.clientSettings()).isEqualTo(client.builder().get().clientSettings());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishers")
  void publisherArgumentsAreCheckedByName(Publisher publisher) {
    PublisherBuilder<?> b = publisher.builder().get().tokens(TokenStore.inMemory());

    assertThatNullPointerException()
        .isThrownBy(() -> b.tokens(null))
        .withMessage("tokens cannot be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.uploadTimeout(Duration.ZERO))
        .withMessage("uploadTimeout must be positive, was PT0S");
    assertThatNullPointerException()
        .isThrownBy(() -> b.sleeper(null))
        .withMessage("sleeper cannot be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.retryDelay(Duration.ofMinutes(-1)))
        .withMessage("retryDelay must be positive, was PT-1M");
    assertThat(b.publisherSettings().uploadTimeout()).isEqualTo(publisher.upload());
    assertThat(b.publisherSettings().retryDelay()).isEqualTo(publisher.retry());
  }

  @Test
  void buildingWithoutATokenStoreFails() {
    Stream.<ThrowingCallable>of(
            () -> MastodonPublisher.builder(HOST).build(),
            () -> PixelfedPublisher.builder(HOST).build(),
            () -> InstagramPublisher.builder(InstagramFlavour.FACEBOOK_LOGIN).build(),
            () -> FacebookPublisher.builder().build(),
            () -> TikTokPublisher.builder().build())
        .forEach(
            build ->
                assertThatNullPointerException()
                    .isThrownBy(build)
                    .withMessage("tokens (TokenStore) cannot be null"));
  }

  @Test
  void theSleeperIsPublicWhereThePublisherWaits() throws NoSuchMethodException {
    for (Class<?> builder :
        new Class<?>[] {
          MastodonPublisher.Builder.class,
          InstagramPublisher.Builder.class,
          FacebookPublisher.Builder.class,
          TikTokPublisher.Builder.class
        }) {
      assertThat(builder.getMethod("sleeper", Sleeper.class).getReturnType()).isEqualTo(builder);
    }
    assertThatThrownBy(() -> PixelfedPublisher.Builder.class.getMethod("sleeper", Sleeper.class))
        .isInstanceOf(NoSuchMethodException.class);
  }

  @Test
  void sharedAndPlatformSettingsChainInAnyOrder() {
    MastodonPublisher mastodon =
        MastodonPublisher.builder(HOST)
            .tokens(TokenStore.inMemory())
            .requestTimeout(Duration.ofSeconds(5))
            .limits(MastodonLimits.DEFAULTS)
            .retryDelay(Duration.ofSeconds(10))
            .maxStatusAttempts(2)
            .build();
    PixelfedTokenRefresher refresher =
        PixelfedTokenRefresher.builder(HOST)
            .clock(InstantSource.system())
            .clientId("herald")
            .requestTimeout(Duration.ofSeconds(5))
            .build();

    assertThat(mastodon.limits()).isEqualTo(MastodonLimits.DEFAULTS);
    assertThat(refresher.platform()).isEqualTo(PixelfedPublisher.PLATFORM);
  }
}
