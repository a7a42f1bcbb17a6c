package dev.herald.scheduler.publish;

import java.net.URI;
import java.time.Instant;

/**
 * A publication that just went live, as given to {@link Publishing.Builder#onPublished} hooks.
 *
 * @param postId the post
 * @param target where it was published
 * @param occurrence the series occurrence, or null for a one-time post
 * @param remoteId the platform's id for it
 * @param url its public link, or null
 * @param publishedAt when Herald recorded it
 */
public record PublishedPost(
    String postId, Target target, Instant occurrence, String remoteId, URI url,
    Instant publishedAt) {}
