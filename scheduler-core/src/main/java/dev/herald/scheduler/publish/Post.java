package dev.herald.scheduler.publish;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to publish: text, media, an optional link and title, and platform options.
 *
 * <p>A post is platform-neutral; each {@link PlatformPublisher} maps it onto its API and
 * {@linkplain PlatformPublisher#validate(Post) validates} it against its limits. Platform-specific
 * settings that have no neutral meaning ({@code visibility} on Mastodon, {@code privacy_level} on
 * TikTok) go in {@link #options()}, named as in the platform's API.
 *
 * <p>Instances are immutable and threadsafe; build them with {@link #builder()}.
 */
public final class Post {

  private final String text;
  private final List<Media> media;
  private final URI link;
  private final String title;
  private final Map<String, String> options;

  private Post(Builder builder) {
    this.text = builder.text;
    this.media = List.copyOf(builder.media);
    this.link = builder.link;
    this.title = builder.title;
    this.options = Map.copyOf(builder.options);
  }

  /**
   * A post with only text.
   *
   * @param text the post's text
   * @return a post with that text, no media and no link
   */
  public static Post text(String text) {
    return builder().text(text).build();
  }

  /**
   * A new builder.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised with this post's values.
   *
   * @return a new builder with this post's values, which leaves this post unchanged
   */
  public Builder toBuilder() {
    Builder b = new Builder().text(text).link(link).title(title);
    media.forEach(b::addMedia);
    options.forEach(b::option);
    return b;
  }

  /**
   * The text (caption, status, message); empty if the post has none.
   *
   * @return the text, or an empty string
   */
  public String text() {
    return text;
  }

  /**
   * The attachments, in order.
   *
   * @return the attachments; empty if none
   */
  public List<Media> media() {
    return media;
  }

  /**
   * A link to share (Facebook link posts); empty if none.
   *
   * @return the link, or empty if none
   */
  public Optional<URI> link() {
    return Optional.ofNullable(link);
  }

  /**
   * A title (TikTok photo posts); empty if none.
   *
   * @return the title, or empty if none
   */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /**
   * Platform-specific options, named as in the platform's API.
   *
   * @return the options by name; empty if none
   */
  public Map<String, String> options() {
    return options;
  }

  /**
   * The option named {@code name}, if set.
   *
   * @param name the option's name, as in the platform's API
   * @return the option's value, or empty if not set
   */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Post p
        && text.equals(p.text)
        && media.equals(p.media)
        && Objects.equals(link, p.link)
        && Objects.equals(title, p.title)
        && options.equals(p.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, media, link, title, options);
  }

  @Override
  public String toString() {
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return "Post[text='" + shown + "' (" + text.length() + " chars), media=" + media.size()
        + (link == null ? "" : ", link=" + link)
        + (title == null ? "" : ", title='" + title + "'")
        + (options.isEmpty() ? "" : ", options=" + options.keySet())
        + "]";
  }

  /** Builds a {@link Post}. Not threadsafe. */
  public static final class Builder {
    private String text = "";
    private final List<Media> media = new ArrayList<>();
    private URI link;
    private String title;
    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The text; null means none.
     *
     * @param text the text, or null for none
     * @return this builder
     */
    public Builder text(String text) {
      this.text = text == null ? "" : text;
      return this;
    }

    /**
     * Appends an attachment.
     *
     * @param item the attachment to append
     * @return this builder
     */
    public Builder addMedia(Media item) {
      media.add(requireNonNull(item, "media cannot be null"));
      return this;
    }

    /**
     * Replaces the attachments.
     *
     * @param items the attachments, in order
     * @return this builder
     */
    public Builder media(List<Media> items) {
      media.clear();
      items.forEach(this::addMedia);
      return this;
    }

    /**
     * The link to share; null means none.
     *
     * @param link the link, or null for none
     * @return this builder
     */
    public Builder link(URI link) {
      this.link = link;
      return this;
    }

    /**
     * The title; null means none.
     *
     * @param title the title, or null for none
     * @return this builder
     */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * Sets a platform option, e.g. {@code option("visibility", "unlisted")}.
     *
     * @param name the option's name, as in the platform's API
     * @param value the option's value
     * @return this builder
     */
    public Builder option(String name, String value) {
      requireNonNull(name, "option name cannot be null");
      requireNonNull(value, () -> "value of option '" + name + "' cannot be null");
      options.put(name, value);
      return this;
    }

    /**
     * Builds the post.
     *
     * @return the immutable post
     * @throws IllegalStateException if the post has neither text nor media nor a link
     */
    public Post build() {
      if (text.isBlank() && media.isEmpty() && link == null) {
        throw new IllegalStateException("a post needs text, media or a link; all are empty");
      }
      return new Post(this);
    }
  }
}
