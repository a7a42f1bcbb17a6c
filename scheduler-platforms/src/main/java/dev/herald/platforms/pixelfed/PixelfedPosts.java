package dev.herald.platforms.pixelfed;

import dev.herald.platforms.internal.http.FormBody;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a {@link Post} becomes a Pixelfed status, and the rules it must meet beyond the shared
 * capability checks. This class is threadsafe (stateless).
 */
final class PixelfedPosts {

  /** What Pixelfed accepts; {@code direct} is refused with 400. */
  private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private");

  /** The options passed through to {@code POST /api/v1/statuses}, named as in its API. */
  private static final List<String> OPTIONS =
      List.of(
          "visibility",
          "spoiler_text",
          "sensitive",
          "in_reply_to_id",
          "place_id",
          "comments_disabled");

  private PixelfedPosts() {}

  /** The caption: the post's text, then its link (if any) after a blank line. */
  static String statusText(Post post) {
    return post.link()
        .map(link -> post.text().isEmpty() ? link.toString() : post.text() + "\n\n" + link)
        .orElse(post.text());
  }

  /** Whether the post is a reply, the one kind of Pixelfed post that may have no media. */
  static boolean isReply(Post post) {
    return post.option("in_reply_to_id").filter(id -> !id.isBlank()).isPresent();
  }

  /**
   * Every violation of {@code limits} and of Pixelfed's own rules: media unless a reply, the
   * caption (with the link) within the limit, the content warning within 140 characters, alt text
   * within 1,000, media as local files, a visibility Pixelfed accepts, and no {@code scheduled_at}
   * (Pixelfed cannot schedule; the post would go out at once).
   */
  static List<PostViolation> validate(Post post, PixelfedLimits limits) {
    Post counted = post.toBuilder().link(null).text(statusText(post)).build();
    List<PostViolation> out = new ArrayList<>(limits.capabilities(isReply(post)).validate(counted));
    int spoiler = limits.textLength().of(post.option("spoiler_text").orElse(""));
    if (spoiler > PixelfedLimits.SPOILER_LIMIT) {
      out.add(
          violation(
              "spoiler_text",
              "spoiler_text is %d characters; pixelfed allows at most %d",
              spoiler,
              PixelfedLimits.SPOILER_LIMIT));
    }
    List<Media> media = post.media();
    for (int i = 0; i < media.size(); i++) {
      Media m = media.get(i);
      String field = "media[" + i + "]";
      if (!m.isLocalFile()) {
        out.add(
            violation(
                field,
                "%s is %s: media; pixelfed uploads local files only, use a file: URI",
                field,
                m.source().getScheme()));
      }
      int alt = limits.textLength().of(m.altText());
      if (alt > PixelfedLimits.DESCRIPTION_LIMIT) {
        out.add(
            violation(
                field,
                "%s alt text is %d characters; pixelfed allows at most %d",
                field,
                alt,
                PixelfedLimits.DESCRIPTION_LIMIT));
      }
    }
    post.option("visibility")
        .filter(v -> !VISIBILITIES.contains(v))
        .ifPresent(
            v ->
                out.add(
                    violation(
                        "visibility",
                        "visibility is '%s'; pixelfed accepts %s",
                        v,
                        String.join(", ", VISIBILITIES.stream().sorted().toList()))));
    if (post.option("scheduled_at").isPresent()) {
      out.add(
          violation(
              "scheduled_at",
              "scheduled_at is set; pixelfed cannot schedule statuses and would publish at once,"
                  + " let Herald schedule the post instead"));
    }
    return out;
  }

  /** The form of {@code POST /api/v1/statuses}. */
  static FormBody statusForm(Post post, List<String> mediaIds) {
    FormBody.Builder form = FormBody.builder();
    String text = statusText(post);
    if (!text.isEmpty()) {
      form.add("status", text);
    }
    form.addAll("media_ids[]", mediaIds);
    for (String option : OPTIONS) {
      post.option(option).ifPresent(v -> form.add(option, v));
    }
    return form.build();
  }

  private static PostViolation violation(String field, String format, Object... args) {
    return new PostViolation(PixelfedPublisher.PLATFORM, field, String.format(format, args));
  }
}
