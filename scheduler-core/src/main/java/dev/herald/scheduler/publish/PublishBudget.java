package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.util.Objects;

/**
 * How many posts one account may publish in a moving window: "25 posts per 24 hours". Herald
 * counts its own publishes to each {@link Target} and defers a publication that would exceed the
 * budget until the oldest counted publish leaves the window, instead of calling the platform and
 * having it refused. A deferral spends no attempt; its reason is the target's {@link
 * TargetStatus#lastError()}.
 *
 * <p>A platform declares its budget in {@link PlatformCapabilities#publishBudget()}; a host
 * overrides it per platform with {@link Publishing.Builder#budget(String, PublishBudget)}, for
 * example to follow an account's real quota, or to switch it off with {@link #none()}.
 *
 * <p>The window moves: a budget of {@code n} per {@code w} allows at most {@code n} publishes in
 * any span of length {@code w}. That also keeps a platform's fixed windows (Mastodon's 3-hour
 * buckets, a calendar day) within their limit, since each of them is such a span; it may wait
 * longer than they would.
 *
 * <p>Instances are immutable and threadsafe.
 */
public final class PublishBudget {
  private static final PublishBudget NONE = new PublishBudget(Integer.MAX_VALUE, Duration.ZERO);

  private final int posts;
  private final Duration window;

  private PublishBudget(int posts, Duration window) {
    this.posts = posts;
    this.window = window;
  }

  /**
   * At most {@code posts} publishes per account in any span of {@code window}.
   *
   * @param posts the most publishes in a window, 1 or more
   * @param window the window's length, positive
   * @return the budget
   * @throws IllegalArgumentException if {@code posts} is less than 1 or {@code window} is not
   *     positive
   * @throws NullPointerException if {@code window} is null
   */
  public static PublishBudget of(int posts, Duration window) {
    Preconditions.atLeast(posts, 1, "posts");
    return new PublishBudget(posts, Preconditions.positive(window, "window"));
  }

  /**
   * No budget: Herald does not count publishes (the platform may still refuse or rate-limit).
   *
   * @return the budget that limits nothing
   */
  public static PublishBudget none() {
    return NONE;
  }

  /**
   * Whether this budget limits anything.
   *
   * @return false for {@link #none()}, true for every budget made by {@link #of}
   */
  public boolean isLimited() {
    return !window.isZero();
  }

  /**
   * The most publishes in a window.
   *
   * @return the limit, 1 or more; {@link Integer#MAX_VALUE} for {@link #none()}
   */
  public int posts() {
    return posts;
  }

  /**
   * The window's length.
   *
   * @return the window, positive; {@link Duration#ZERO} for {@link #none()}
   */
  public Duration window() {
    return window;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublishBudget b && posts == b.posts && window.equals(b.window);
  }

  @Override
  public int hashCode() {
    return Objects.hash(posts, window);
  }

  /** {@code "25 posts per PT24H"}, or {@code "none"}. */
  @Override
  public String toString() {
    return isLimited() ? posts + " posts per " + window : "none";
  }
}
