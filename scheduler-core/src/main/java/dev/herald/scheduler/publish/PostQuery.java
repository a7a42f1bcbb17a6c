package dev.herald.scheduler.publish;

import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.internal.publish.PostListing;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which posts to list: by post id prefix and by what their targets are (state, platform,
 * instance, account, due window), ordered by post id ({@link String#compareTo}), in pages of {@link #limit()} posts
 * ({@value #DEFAULT_LIMIT} unless set).
 *
 * <p>A post matches when its id starts with the {@link #postIdPrefix() prefix}, if one is set, and,
 * if a target filter is set, when at least one of its targets matches every target filter (see
 * {@link #matches(TargetStatus)}): {@code state(NEEDS_REVIEW).platform("facebook")} lists the posts
 * with a Facebook target waiting for review. A listed post is its whole {@link PostStatus}, every
 * target included, as {@link Publications#status(String)} returns it; {@code
 * post.targets().stream().filter(query::matches)} keeps the targets that matched. A series whose
 * first occurrence has not come yet has no targets, so only a query without target filters lists
 * it.
 *
 * <p>{@link Publications#list(PostQuery)} returns one page; {@link Publications#stream(PostQuery)}
 * walks every matching post.
 *
 * <p>Instances are immutable and threadsafe; build them with {@link #builder()}.
 */
public final class PostQuery {
  /** The page size of a query whose builder was not given a {@link Builder#limit(int) limit}. */
  public static final int DEFAULT_LIMIT = JobQuery.DEFAULT_LIMIT;

  /** The largest page size. */
  public static final int MAX_LIMIT = JobQuery.MAX_LIMIT;

  private final Set<TargetState> states;
  private final String platform;
  private final String instance;
  private final String account;
  private final String postIdPrefix;
  private final Instant dueFrom;
  private final Instant dueBefore;
  private final int offset;
  private final int limit;

  private PostQuery(Builder b) {
    this.states = b.states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.states));
    this.platform = b.platform;
    this.instance = b.instance;
    this.account = b.account;
    this.postIdPrefix = b.postIdPrefix;
    this.dueFrom = b.dueFrom;
    this.dueBefore = b.dueBefore;
    this.offset = b.offset;
    this.limit = b.limit;
  }

  /**
   * A builder for a query matching every post, from the first, in pages of {@value
   * #DEFAULT_LIMIT}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every post, in pages of {@value #DEFAULT_LIMIT}: {@code posts.list(PostQuery.all())} returns
   * the first {@value #DEFAULT_LIMIT} posts only (see {@link Page#hasMore()}), while {@code
   * posts.stream(PostQuery.all())} walks them all.
   *
   * @return the query without filters
   */
  public static PostQuery all() {
    return builder().build();
  }

  /**
   * The target states to match; empty matches all.
   *
   * @return the states, unmodifiable
   */
  public Set<TargetState> states() {
    return states;
  }

  /**
   * The platform a target must be on, if restricted.
   *
   * @return the platform, or empty
   */
  public Optional<String> platform() {
    return Optional.ofNullable(platform);
  }

  /**
   * The instance a target must be on, if restricted.
   *
   * @return the instance, or empty
   */
  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  /**
   * The account a target must publish as, if restricted.
   *
   * @return the account, or empty
   */
  public Optional<String> account() {
    return Optional.ofNullable(account);
  }

  /**
   * Only posts whose id starts with this prefix, if set.
   *
   * @return the prefix, or empty
   */
  public Optional<String> postIdPrefix() {
    return Optional.ofNullable(postIdPrefix);
  }

  /**
   * Only posts with a target due at or after this instant, if set.
   *
   * @return the start of the due window, or empty
   */
  public Optional<Instant> dueFrom() {
    return Optional.ofNullable(dueFrom);
  }

  /**
   * Only posts with a target due before this instant, if set.
   *
   * @return the end of the due window (exclusive), or empty
   */
  public Optional<Instant> dueBefore() {
    return Optional.ofNullable(dueBefore);
  }

  /**
   * How many matching posts to skip.
   *
   * @return the offset, at least 0
   */
  public int offset() {
    return offset;
  }

  /**
   * The page size: the most posts one {@link Publications#list(PostQuery) list} call returns.
   *
   * @return the page size, 1 to {@value #MAX_LIMIT}
   */
  public int limit() {
    return limit;
  }

  /**
   * The same query for the page after {@code page}.
   *
   * @param page a page this query (or an earlier {@code next}) returned
   * @return the query from {@code page.nextOffset()}
   * @throws NullPointerException if {@code page} is null
   */
  public PostQuery next(Page<?> page) {
    Preconditions.notNull(page, "page");
    Builder b = new Builder();
    b.states.addAll(states);
    b.platform = platform;
    b.instance = instance;
    b.account = account;
    b.postIdPrefix = postIdPrefix;
    b.dueFrom = dueFrom;
    b.dueBefore = dueBefore;
    b.limit = limit;
    b.offset = page.nextOffset();
    return b.build();
  }

  /**
   * Whether {@code target} matches every target filter: state, platform, instance, account, and due
   * window
   *    * (its {@link TargetStatus#nextAttemptAt() next attempt} in {@code [dueFrom, dueBefore)}). The
   * post id prefix and the paging are not checked.
   *
   * @param target a target of a post
   * @return true if the target matches, and always when no target filter is set
   * @throws NullPointerException if {@code target} is null
   */
  public boolean matches(TargetStatus target) {
    Preconditions.notNull(target, "target");
    return PostListing.matches(
        this, target.state(), target.target(), target.nextAttemptAt().orElse(null));
  }

  @Override
  public String toString() {
    return "PostQuery[states=" + states + ", platform=" + platform + ", instance=" + instance
        + ", account=" + account
        + ", postIdPrefix=" + postIdPrefix + ", dueFrom=" + dueFrom + ", dueBefore=" + dueBefore
        + ", offset=" + offset + ", limit=" + limit + "]";
  }

  /** Builds a {@link PostQuery}. Not threadsafe. */
  public static final class Builder {
    private final Set<TargetState> states = EnumSet.noneOf(TargetState.class);
    private String platform;
    private String instance;
    private String account;
    private String postIdPrefix;
    private Instant dueFrom;
    private Instant dueBefore;
    private int offset;
    private int limit = DEFAULT_LIMIT;

    private Builder() {}

    /**
     * Match posts with a target in one of these states (adds to earlier calls).
     *
     * @param states the states
     * @return this builder
     * @throws NullPointerException if a state is null
     */
    public Builder state(TargetState... states) {
      Preconditions.notNull(states, "states");
      for (TargetState s : states) {
        this.states.add(Preconditions.notNull(s, "state"));
      }
      return this;
    }

    /**
     * Match posts with a target on this platform.
     *
     * @param platform e.g. {@code mastodon}
     * @return this builder
     * @throws NullPointerException if {@code platform} is null
     * @throws IllegalArgumentException if {@code platform} is blank
     */
    public Builder platform(String platform) {
      this.platform = Preconditions.notBlank(platform, "platform");
      return this;
    }

    /**
     * Match posts with a target on this instance of a federated platform.
     *
     * @param instance the instance's host (and port), e.g. {@code mastodon.social}; matched
     *     ignoring case
     * @return this builder
     * @throws NullPointerException if {@code instance} is null
     * @throws IllegalArgumentException if {@code instance} is blank
     */
    public Builder instance(String instance) {
      this.instance = Preconditions.notBlank(instance, "instance").toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * Match posts with a target that is {@code target}: its platform, instance (if it names one) and
     * account.
     *
     * @param target the target
     * @return this builder
     * @throws NullPointerException if {@code target} is null
     */
    public Builder target(Target target) {
      Preconditions.notNull(target, "target");
      platform(target.platform());
      target.instance().ifPresent(this::instance);
      return account(target.account());
    }

    /**
     * Match posts with a target publishing as this account.
     *
     * @param account the account id
     * @return this builder
     * @throws NullPointerException if {@code account} is null
     * @throws IllegalArgumentException if {@code account} is blank
     */
    public Builder account(String account) {
      this.account = Preconditions.notBlank(account, "account");
      return this;
    }

    /**
     * Match posts whose id starts with {@code prefix} (taken literally).
     *
     * @param prefix the start of the post ids
     * @return this builder
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if {@code prefix} is empty
     */
    public Builder postIdPrefix(String prefix) {
      Preconditions.notNull(prefix, "postIdPrefix");
      Preconditions.checkArgument(!prefix.isEmpty(), "postIdPrefix cannot be empty");
      this.postIdPrefix = prefix;
      return this;
    }

    /**
     * Match posts with a target due in {@code [from, before)}: one whose next attempt (its publish
     * time, or its retry) falls in the window. Either bound may be null; a target that is not due
     * (published, failed, cancelled…) never matches a window.
     *
     * @param from the start of the window, inclusive; or null
     * @param before the end of the window, exclusive; or null
     * @return this builder
     * @throws IllegalArgumentException if both are set and {@code before} is not after {@code from}
     */
    public Builder dueBetween(Instant from, Instant before) {
      Preconditions.checkArgument(from == null || before == null || before.isAfter(from),
          "dueBetween: before (" + before + ") must be after from (" + from + ")");
      this.dueFrom = from;
      this.dueBefore = before;
      return this;
    }

    /**
     * Skip this many matching posts.
     *
     * @param offset at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public Builder offset(int offset) {
      this.offset = Preconditions.atLeast(offset, 0, "offset");
      return this;
    }

    /**
     * The page size, 1 to {@value PostQuery#MAX_LIMIT}; {@value PostQuery#DEFAULT_LIMIT} unless
     * set.
     *
     * @param limit the most posts one page holds
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder limit(int limit) {
      Preconditions.checkArgument(limit >= 1 && limit <= MAX_LIMIT,
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
      this.limit = limit;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     */
    public PostQuery build() {
      return new PostQuery(this);
    }
  }
}
