package dev.herald.scheduler.publish;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a platform accepts in one post, whether it deduplicates publishes by key, and how many posts
 * an account may publish in a moving window ({@link #publishBudget()}).
 *
 * <p>{@link #validate(Post)} checks the limits every platform shares (text length counted the
 * platform's way, media count, kinds and MIME types, hashtags, mentions); an adapter adds its own
 * rules on top in {@link PlatformPublisher#validate(Post)}.
 *
 * <p>Instances are immutable and threadsafe; build them with {@link #builder(String)}.
 */
public final class PlatformCapabilities {

  private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#[\\p{L}\\p{N}_]+");
  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}_/])@[\\p{L}\\p{N}_.]+(@[\\p{L}\\p{N}_.-]+)?");

  private final String platform;
  private final int maxTextLength;
  private final TextLength textLength;
  private final int minMedia;
  private final int maxMedia;
  private final Set<MediaKind> mediaKinds;
  private final Set<String> mimeTypes;
  private final boolean mixedMedia;
  private final int maxHashtags;
  private final int maxMentions;
  private final Duration idempotencyWindow;
  private final PublishBudget publishBudget;

  private PlatformCapabilities(Builder b) {
    this.platform = b.platform;
    this.maxTextLength = b.maxTextLength;
    this.textLength = b.textLength;
    this.minMedia = b.minMedia;
    this.maxMedia = b.maxMedia;
    this.mediaKinds = Set.copyOf(b.mediaKinds);
    this.mimeTypes = Set.copyOf(b.mimeTypes);
    this.mixedMedia = b.mixedMedia;
    this.maxHashtags = b.maxHashtags;
    this.maxMentions = b.maxMentions;
    this.idempotencyWindow = b.idempotencyWindow;
    this.publishBudget = b.publishBudget;
  }

  /**
   * A builder for the platform named {@code platform} (lower case, e.g. {@code mastodon}).
   *
   * @param platform the platform id, lower case
   * @return a new builder with no media allowed and no limit on text, hashtags or mentions
   * @throws IllegalArgumentException if {@code platform} is blank
   */
  public static Builder builder(String platform) {
    return new Builder(platform);
  }

  /**
   * The platform id.
   *
   * @return the platform id, lower case, e.g. {@code mastodon}
   */
  public String platform() {
    return platform;
  }

  /**
   * The longest text accepted, as counted by {@link #textLength()}.
   *
   * @return the text limit, in the units of {@link #textLength()}
   */
  public int maxTextLength() {
    return maxTextLength;
  }

  /**
   * How the platform counts text.
   *
   * @return the counting the text limit is in
   */
  public TextLength textLength() {
    return textLength;
  }

  /**
   * The fewest attachments a post needs (1 on Instagram and TikTok).
   *
   * @return the media minimum, 0 or more
   */
  public int minMedia() {
    return minMedia;
  }

  /**
   * The most attachments a post may carry.
   *
   * @return the media maximum, not less than {@link #minMedia()}
   */
  public int maxMedia() {
    return maxMedia;
  }

  /**
   * The kinds of attachment accepted.
   *
   * @return the accepted kinds; empty if the platform takes no attachments
   */
  public Set<MediaKind> mediaKinds() {
    return mediaKinds;
  }

  /**
   * The MIME types accepted; empty means any type of an accepted kind.
   *
   * @return the accepted MIME types, or empty for any type of an accepted kind
   */
  public Set<String> mimeTypes() {
    return mimeTypes;
  }

  /**
   * Whether images and videos may be combined in one post.
   *
   * @return true if a post may mix images and videos
   */
  public boolean allowsMixedMedia() {
    return mixedMedia;
  }

  /**
   * The most hashtags a text may contain.
   *
   * @return the hashtag limit
   */
  public int maxHashtags() {
    return maxHashtags;
  }

  /**
   * The most @-mentions a text may contain.
   *
   * @return the mention limit
   */
  public int maxMentions() {
    return maxMentions;
  }

  /**
   * How long the platform remembers an idempotency key and answers a repeat with the original
   * result (Mastodon: 1 hour); {@link Duration#ZERO} when it does not deduplicate.
   *
   * @return the dedupe window, or {@link Duration#ZERO} when the platform does not deduplicate
   */
  public Duration idempotencyWindow() {
    return idempotencyWindow;
  }

  /**
   * Whether a repeat with the same idempotency key inside the window is answered, not re-posted.
   *
   * @return true if the idempotency window is positive
   */
  public boolean deduplicatesByKey() {
    return !idempotencyWindow.isZero();
  }

  /**
   * How many posts one account may publish in a moving window (Instagram: 50 per 24 hours), which
   * Herald counts and waits for before calling; {@link PublishBudget#none()} when the platform
   * has no such limit or it is unknown.
   *
   * @return the per-account budget, or {@link PublishBudget#none()}
   */
  public PublishBudget publishBudget() {
    return publishBudget;
  }

  /**
   * Checks the shared limits; returns every violation found (empty when valid).
   *
   * @param post the post to check
   * @return the violations, in the order found; empty when the post is valid
   */
  public List<PostViolation> validate(Post post) {
    List<PostViolation> out = new ArrayList<>();
    int length = textLength.of(post.text());
    if (length > maxTextLength) {
      out.add(violation("text", "text is " + length + " characters; " + platform
          + " allows at most " + maxTextLength));
    }
    int hashtags = count(HASHTAG, post.text());
    if (hashtags > maxHashtags) {
      out.add(violation("text", "text has " + hashtags + " hashtags; " + platform
          + " allows at most " + maxHashtags));
    }
    int mentions = count(MENTION, post.text());
    if (mentions > maxMentions) {
      out.add(violation("text", "text has " + mentions + " mentions; " + platform
          + " allows at most " + maxMentions));
    }
    int media = post.media().size();
    if (media > maxMedia) {
      out.add(violation("media", "post has " + media + " media attachments; " + platform
          + " allows at most " + maxMedia));
    }
    if (media < minMedia) {
      out.add(violation("media", "post has " + media + " media attachments; " + platform
          + " needs at least " + minMedia));
    }
    Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
    for (int i = 0; i < media; i++) {
      Media m = post.media().get(i);
      kinds.add(m.kind());
      String field = "media[" + i + "]";
      if (!mediaKinds.contains(m.kind())) {
        out.add(violation(field, field + " is a " + lower(m.kind()) + "; " + platform
            + " accepts only " + describeKinds()));
      } else if (!mimeTypes.isEmpty() && !mimeTypes.contains(m.mimeType())) {
        out.add(violation(field, field + " has type " + m.mimeType() + "; " + platform
            + " accepts " + String.join(", ", new java.util.TreeSet<>(mimeTypes))));
      }
    }
    if (!mixedMedia && kinds.size() > 1) {
      out.add(violation("media", "post mixes images and videos; " + platform
          + " accepts one kind per post"));
    }
    return out;
  }

  private PostViolation violation(String field, String message) {
    return new PostViolation(platform, field, message);
  }

  private String describeKinds() {
    return mediaKinds.isEmpty()
        ? "no media"
        : String.join(" and ", mediaKinds.stream().map(PlatformCapabilities::lower).sorted().toList())
            + "s";
  }

  private static String lower(MediaKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Override
  public String toString() {
    return "PlatformCapabilities[" + platform + ", text<=" + maxTextLength + ", media "
        + minMedia + ".." + maxMedia + " " + mediaKinds + ", hashtags<=" + maxHashtags
        + ", mentions<=" + maxMentions + ", idempotencyWindow=" + idempotencyWindow
        + ", publishBudget=" + publishBudget + "]";
  }

  /** Builds {@link PlatformCapabilities}. Not threadsafe. */
  public static final class Builder {
    private final String platform;
    private int maxTextLength = Integer.MAX_VALUE;
    private TextLength textLength = TextLength.codePoints();
    private int minMedia;
    private int maxMedia;
    private final Set<MediaKind> mediaKinds = EnumSet.noneOf(MediaKind.class);
    private final Set<String> mimeTypes = new LinkedHashSet<>();
    private boolean mixedMedia = true;
    private int maxHashtags = Integer.MAX_VALUE;
    private int maxMentions = Integer.MAX_VALUE;
    private Duration idempotencyWindow = Duration.ZERO;
    private PublishBudget publishBudget = PublishBudget.none();

    private Builder(String platform) {
      requireNonNull(platform, "platform cannot be null");
      if (platform.isBlank()) {
        throw new IllegalArgumentException("platform cannot be blank");
      }
      this.platform = platform;
    }

    /**
     * The longest text, counted with {@code counting}.
     *
     * @param max the limit, 1 or more
     * @param counting how the platform counts text
     * @return this builder
     */
    public Builder maxTextLength(int max, TextLength counting) {
      if (max < 0) {
        throw new IllegalArgumentException("maxTextLength cannot be negative, was " + max);
      }
      this.maxTextLength = max;
      this.textLength = requireNonNull(counting, "counting cannot be null");
      return this;
    }

    /**
     * How many attachments a post may and must carry.
     *
     * @param min the fewest attachments, 0 or more
     * @param max the most attachments, not less than {@code min}
     * @param kinds the kinds of attachment accepted
     * @return this builder
     */
    public Builder media(int min, int max, MediaKind... kinds) {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException(
            "media count bounds must satisfy 0 <= min <= max, were min=" + min + ", max=" + max);
      }
      this.minMedia = min;
      this.maxMedia = max;
      this.mediaKinds.clear();
      this.mediaKinds.addAll(List.of(kinds));
      return this;
    }

    /**
     * Restricts attachments to these MIME types.
     *
     * @param types the accepted MIME types, e.g. {@code image/jpeg}
     * @return this builder
     */
    public Builder mimeTypes(String... types) {
      this.mimeTypes.clear();
      this.mimeTypes.addAll(List.of(types));
      return this;
    }

    /**
     * Whether images and videos may be combined (default true).
     *
     * @param allowed whether one post may carry both images and videos
     * @return this builder
     */
    public Builder allowsMixedMedia(boolean allowed) {
      this.mixedMedia = allowed;
      return this;
    }

    /**
     * The most hashtags in a text.
     *
     * @param max the hashtag limit, 0 or more
     * @return this builder
     */
    public Builder maxHashtags(int max) {
      this.maxHashtags = nonNegative("maxHashtags", max);
      return this;
    }

    /**
     * The most @-mentions in a text.
     *
     * @param max the mention limit, 0 or more
     * @return this builder
     */
    public Builder maxMentions(int max) {
      this.maxMentions = nonNegative("maxMentions", max);
      return this;
    }

    /**
     * How long the platform deduplicates by idempotency key; zero (default) for never.
     *
     * @param window the dedupe window, zero or more
     * @return this builder
     */
    public Builder idempotencyWindow(Duration window) {
      requireNonNull(window, "idempotencyWindow cannot be null");
      if (window.isNegative()) {
        throw new IllegalArgumentException("idempotencyWindow cannot be negative, was " + window);
      }
      this.idempotencyWindow = window;
      return this;
    }

    /**
     * At most {@code posts} publishes per account in any span of {@code window} (default: no
     * budget). Cite the platform's documentation next to the numbers.
     *
     * @param posts the most publishes in a window, 1 or more
     * @param window the window's length, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code posts} is less than 1 or {@code window} is not
     *     positive
     */
    public Builder publishBudget(int posts, Duration window) {
      this.publishBudget = PublishBudget.of(posts, window);
      return this;
    }

    /**
     * Builds the capabilities.
     *
     * @return the immutable capabilities
     */
    public PlatformCapabilities build() {
      return new PlatformCapabilities(this);
    }

    private static int nonNegative(String name, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " cannot be negative, was " + value);
      }
      return value;
    }
  }
}
