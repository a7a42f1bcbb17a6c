package dev.herald.platforms.mastodon;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a {@link Post} becomes a Mastodon status, and the rules it must meet beyond the shared
 * capability checks. This class is threadsafe (stateless).
 */
final class MastodonPosts {

  private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

  private MastodonPosts() {}

  /** The status text: the post's text, then its link (if any) after a blank line. */
  static String statusText(Post post) {
    return post.link()
        .map(link -> post.text().isEmpty() ? link.toString() : post.text() + "\n\n" + link)
        .orElse(post.text());
  }

  /**
   * Every violation of {@code limits} and of Mastodon's own rules: the spoiler text counts toward
   * the limit, a video must be the only attachment, media must be local files, alt text has a
   * limit, and {@code visibility} and {@code scheduled_at} must be valid values.
   */
  static List<PostViolation> validate(Post post, MastodonLimits limits) {
    String spoiler = post.option("spoiler_text").orElse("");
    Post counted = post.toBuilder().link(null).text(spoiler + statusText(post)).build();
    List<PostViolation> out = new ArrayList<>(limits.capabilities().validate(counted));
    List<Media> media = post.media();
    if (media.size() > 1 && media.stream().anyMatch(m -> m.kind() == MediaKind.VIDEO)) {
      out.add(
          violation(
              "media",
              "post has a video and %d other attachments; mastodon allows a"
                  + " video only as the sole attachment",
              media.size() - 1));
    }
    for (int i = 0; i < media.size(); i++) {
      Media m = media.get(i);
      String field = "media[" + i + "]";
      if (!m.isLocalFile()) {
        out.add(
            violation(
                field,
                "%s is %s: media; mastodon uploads local files only, use a file:" + " URI",
                field,
                m.source().getScheme()));
      }
      int alt = limits.textLength().of(m.altText());
      if (alt > limits.descriptionLimit()) {
        out.add(
            violation(
                field,
                "%s alt text is %d characters; mastodon allows at most %d",
                field,
                alt,
                limits.descriptionLimit()));
      }
    }
    post.option("visibility")
        .filter(v -> !VISIBILITIES.contains(v))
        .ifPresent(
            v ->
                out.add(
                    violation(
                        "visibility",
                        "visibility is '%s'; mastodon accepts %s",
                        v,
                        String.join(", ", VISIBILITIES.stream().sorted().toList()))));
    post.option("scheduled_at")
        .filter(v -> !isRfc3339(v))
        .ifPresent(
            v ->
                out.add(
                    violation(
                        "scheduled_at",
                        "scheduled_at is '%s'; mastodon needs an"
                            + " RFC 3339 date-time such as 2026-11-20T13:00:00Z",
                        v)));
    return out;
  }

  private static boolean isRfc3339(String value) {
    try {
      OffsetDateTime.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static PostViolation violation(String field, String format, Object... args) {
    return new PostViolation(MastodonPublisher.PLATFORM, field, String.format(format, args));
  }
}
