package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A publication that just went live, as given to {@link Publishing.Builder#onPublished} hooks.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param postId the post
 * @param target where it was published
 * @param occurrence the series occurrence; empty for a one-time post
 * @param remoteId the platform's id for it
 * @param url its public link; empty when the platform gave none
 * @param publishedAt when Herald recorded it
 */
public record PublishedPost(
    String postId,
    Target target,
    Optional<Instant> occurrence,
    String remoteId,
    Optional<URI> url,
    Instant publishedAt) {

  /**
   * @param postId the post
   * @param target where it was published
   * @param occurrence the series occurrence; empty for a one-time post
   * @param remoteId the platform's id for it
   * @param url its public link; empty when the platform gave none
   * @param publishedAt when Herald recorded it
   * @throws NullPointerException if a component is null
   */
  public PublishedPost {
    Preconditions.notNull(postId, "postId");
    Preconditions.notNull(target, "target");
    Preconditions.notNull(occurrence, "occurrence");
    Preconditions.notNull(remoteId, "remoteId");
    Preconditions.notNull(url, "url");
    Preconditions.notNull(publishedAt, "publishedAt");
  }
}
