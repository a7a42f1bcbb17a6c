package dev.herald.docs;

// tag::publishing[]
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.platforms.pixelfed.PixelfedTokenRefresher;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.platforms.token.RefreshingPublisher;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import java.time.ZoneId;
import java.time.ZonedDateTime;

// end::publishing[]
import dev.herald.scheduler.spi.JobStore;
import java.net.URI;
import java.nio.file.Path;

/**
 * The main sample of docs/publishing.md. What a host application has before it (its job store, the
 * instances its users are on, their tokens from its OAuth flow, a photo) are fields set by {@link
 * PublishingGuideTest}; what the sample builds is kept for the test's assertions.
 */
final class PublishingSample {
  JobStore store;
  URI mastodonInstance;
  URI pixelfedInstance;
  String aliceToken;
  String bobToken;
  String bobRefreshToken;
  String clientId;
  String clientSecret;
  Path photo;

  Scheduler scheduler;
  Publications posts;
  PostStatus status;

  void run() {
    // tag::publishing[]
    TokenStore tokens = TokenStore.inMemory();       // or your own, backed by your database
    tokens.put(Target.of("mastodon", "alice"), Credentials.of(aliceToken));
    tokens.put(Target.of("pixelfed", "bob"), Credentials.of(bobToken).withRefreshToken(bobRefreshToken, null));

    Publishing publishing = Publishing.builder()
        .publisher(MastodonPublisher.builder(mastodonInstance).tokens(tokens).build())
        .publisher(RefreshingPublisher.wrap(                 // refreshes bob's token on a 401
            PixelfedPublisher.builder(pixelfedInstance).tokens(tokens).build(),
            tokens,
            PixelfedTokenRefresher.builder(pixelfedInstance)
                .clientId(clientId).clientSecret(clientSecret).build()))
        .build();

    Scheduler scheduler = publishing.install(Scheduler.builder().store(store)).build().start();
    Publications posts = publishing.client(scheduler.client());

    Post post = Post.text("Hello from Herald");
    Post withPhoto = post.toBuilder()                        // Pixelfed needs an image
        .addMedia(Media.image(photo.toUri()).withAltText("The Herald logo"))
        .build();
    posts.schedule(PostRequest.builder("post-42", post)
        .target("mastodon", "alice")
        .target(Target.of("pixelfed", "bob"), withPhoto)    // a target may get its own version
        .at(ZonedDateTime.of(2027, 3, 1, 9, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant())
        .build());

    PostStatus status = posts.status("post-42");   // per target: state, id, URL, attempts, history
    // end::publishing[]
    this.scheduler = scheduler;
    this.posts = posts;
    this.status = status;
  }
}
