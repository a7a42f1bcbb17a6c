package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.trigger.MisfirePolicy;
import dev.herald.scheduler.trigger.Trigger;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A post to publish to one or more targets, once at an instant (or as soon as possible), or as a
 * series on a recurring trigger (one publication per occurrence). A target may get its own version
 * of the post ({@link Builder#target(Target, Post)}): a video for TikTok, a public image URL for
 * Instagram, a shorter text for a platform with a tighter limit.
 *
 * <p>The post id is the host's id for the post: it makes scheduling idempotent (scheduling the same
 * id again returns the existing post). It is not part of the idempotency key sent to the platform,
 * which is random ({@link PublishRequest#idempotencyKey()}), so the same id in another store (a
 * restored backup, staging and production, another application) is another post.
 *
 * <p>Instances are immutable and threadsafe; build them with {@link #builder(String, Post)}.
 */
public final class PostRequest {
  private final String postId;
  private final Post post;
  private final List<Target> targets;
  private final Map<Target, Post> variants;
  private final Instant at;
  private final Trigger series;
  private final MisfirePolicy misfirePolicy;

  private PostRequest(Builder b) {
    this.postId = b.postId;
    this.post = b.post;
    this.targets = List.copyOf(b.targets);
    this.variants = Map.copyOf(b.variants);
    this.at = b.at;
    this.series = b.series;
    this.misfirePolicy = b.misfirePolicy;
  }

  /**
   * A builder for post {@code postId} with content {@code post}.
   *
   * @param postId the host's id for the post, stable across retries; scheduling it again adds
   *     nothing
   * @param post the content every target publishes unless given its own version
   * @return a new builder with no target, publishing as soon as possible
   * @throws IllegalArgumentException if {@code postId} is blank
   */
  public static Builder builder(String postId, Post post) {
    return new Builder(postId, post);
  }

  /**
   * The host's id for the post, given to {@link #builder(String, Post)}.
   *
   * @return the post id, never blank
   */
  public String postId() {
    return postId;
  }

  /**
   * The post every target publishes unless it has its own version ({@link #post(Target)}).
   *
   * @return the shared content
   */
  public Post post() {
    return post;
  }

  /**
   * What {@code target} publishes: its own version if it has one, else {@link #post()}.
   *
   * @param target one of the request's targets
   * @return the content that target publishes
   */
  public Post post(Target target) {
    return variants.getOrDefault(target, post);
  }

  /**
   * The targets, without duplicates, in the order given.
   *
   * @return the targets; never empty
   */
  public List<Target> targets() {
    return targets;
  }

  /**
   * When to publish a one-time post; empty means as soon as possible (or a series).
   *
   * @return the publish time, or empty for as soon as possible or a series
   */
  public Optional<Instant> at() {
    return Optional.ofNullable(at);
  }

  /**
   * The trigger of a series; empty for a one-time post.
   *
   * @return the series' trigger, or empty for a one-time post
   */
  public Optional<Trigger> series() {
    return Optional.ofNullable(series);
  }

  /**
   * What a series does about occurrences missed while no scheduler ran.
   *
   * @return the misfire policy; {@link MisfirePolicy#coalesce()} unless set
   */
  public MisfirePolicy misfirePolicy() {
    return misfirePolicy;
  }

  @Override
  public String toString() {
    return "PostRequest[" + postId + ", " + post + ", targets=" + targets
        + (series != null ? ", series=" + series.spec() : ", at=" + (at == null ? "now" : at))
        + "]";
  }

  /** Builds a {@link PostRequest}. Not threadsafe. */
  public static final class Builder {
    private final String postId;
    private final Post post;
    private final LinkedHashSet<Target> targets = new LinkedHashSet<>();
    private final Map<Target, Post> variants = new HashMap<>();
    private Instant at;
    private Trigger series;
    private MisfirePolicy misfirePolicy = MisfirePolicy.coalesce();

    private Builder(String postId, Post post) {
      this.postId = Preconditions.notBlank(postId, "postId");
      this.post = Preconditions.notNull(post, "post");
    }

    /**
     * Adds a target.
     *
     * @param target where to publish
     * @return this builder
     */
    public Builder target(Target target) {
      targets.add(Preconditions.notNull(target, "target"));
      return this;
    }

    /**
     * Adds a target.
     *
     * @param platform the platform id, e.g. {@code mastodon}
     * @param account the platform account
     * @return this builder
     */
    public Builder target(String platform, String account) {
      return target(Target.of(platform, account));
    }

    /**
     * Adds a target that publishes its own version of the post.
     *
     * @param target where to publish
     * @param variant the content that target publishes instead of the shared post
     * @return this builder
     */
    public Builder target(Target target, Post variant) {
      target(target);
      variants.put(target, Preconditions.notNull(variant, "variant of " + target));
      return this;
    }

    /**
     * Publishes once, at {@code instant}.
     *
     * @param instant when to publish
     * @return this builder
     */
    public Builder at(Instant instant) {
      Preconditions.checkState(series == null, "post " + postId + " is already a series");
      this.at = Preconditions.notNull(instant, "at");
      return this;
    }

    /**
     * Publishes once per fire time of {@code trigger} (a weekly post, a daily digest).
     *
     * @param trigger the fire times to publish at
     * @return this builder
     */
    public Builder series(Trigger trigger) {
      Preconditions.checkState(at == null, "post " + postId + " already has a time");
      this.series = Preconditions.notNull(trigger, "series");
      return this;
    }

    /**
     * For a series: what to do about occurrences missed while no scheduler ran.
     *
     * @param policy the misfire policy; {@link MisfirePolicy#coalesce()} by default
     * @return this builder
     */
    public Builder misfirePolicy(MisfirePolicy policy) {
      this.misfirePolicy = Preconditions.notNull(policy, "misfirePolicy");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the immutable request
     * @throws IllegalStateException if no target was added
     */
    public PostRequest build() {
      Preconditions.checkState(!targets.isEmpty(), "post " + postId + " has no target");
      return new PostRequest(this);
    }
  }
}
