package dev.herald.docs;

// tag::publishing[]
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.pixelfed.PixelfedPublisher;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.jdbc.JdbcTokenStore;
import dev.herald.scheduler.jdbc.TokenKeys;
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
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The main sample of docs/publishing.md. What a host application has before it (its database, its
 * token encryption key, the instances its users are on, their tokens from its OAuth flow, a photo)
 * are fields set by {@link PublishingGuideTest}; what the sample builds is kept for the test's
 * assertions.
 */
final class PublishingSample {
  DataSource dataSource;
  byte[] tokenKey;
  String mastodonSocial;
  String fosstodon;
  String pixelfedSocial;
  Function<String, URI> instanceUris;
  String aliceToken;
  String carolToken;
  String bobToken;
  Path photo;

  JdbcTokenStore tokenStore;
  Scheduler scheduler;
  Publications posts;
  PostStatus status;

  void run() {
    // tag::publishing[]
    JdbcJobStore store = JdbcJobStore.builder(dataSource).build();      // posts survive restarts
    JdbcTokenStore tokens = JdbcTokenStore.builder(dataSource)          // tokens too, encrypted
        .encryption(TokenKeys.of("2027-01", tokenKey))                  // your 32-byte key
        .build();

    // each user connected their accounts; your OAuth flow stored what it got
    Target alice = Target.of("mastodon", mastodonSocial, "alice");      // alice@mastodon.social
    Target carol = Target.of("mastodon", fosstodon, "carol");           // carol@fosstodon.org
    Target bob = Target.of("pixelfed", pixelfedSocial, "bob");          // bob@pixelfed.social
    tokens.put(alice, Credentials.of(aliceToken));
    tokens.put(carol, Credentials.of(carolToken));
    tokens.put(bob, Credentials.of(bobToken));

    Publishing publishing = Publishing.builder()                        // one publisher a platform
        .publisher(MastodonPublisher.builder().tokens(tokens)           // serves every instance,
            .instanceUris(instanceUris).build())                        // at https://<instance>
        .publisher(PixelfedPublisher.builder().tokens(tokens)           // unless told otherwise
            .instanceUris(instanceUris).build())
        .build();
    Scheduler scheduler = publishing.install(Scheduler.builder().store(store)).build().start();
    Publications posts = publishing.client(scheduler.client());

    Post post = Post.text("Hello from Herald");
    Post withPhoto = post.toBuilder()                        // Pixelfed needs an image
        .addMedia(Media.image(photo.toUri()).withAltText("The Herald logo"))
        .build();
    posts.schedule(PostRequest.builder("post-42", post)
        .target(alice)
        .target(carol)
        .target(bob, withPhoto)                              // a target may get its own version
        .at(ZonedDateTime.of(2027, 3, 1, 9, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant())
        .build());

    PostStatus status = posts.status("post-42");   // per target: state, id, URL, attempts, history
    // end::publishing[]
    this.tokenStore = tokens;
    this.scheduler = scheduler;
    this.posts = posts;
    this.status = status;
  }
}
