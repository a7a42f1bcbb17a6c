package dev.herald.platforms.pixelfed;

import dev.herald.platforms.internal.http.FormBody;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link Post} becomes a Pixelfed status, and the rules it must meet beyond the shared
 * capability checks. This class is threadsafe (stateless).
 */
final class PixelfedPosts {

  /** What Pixelfed accepts; {@code direct} is refused with 400. */
  private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private");

  /** The options passed through to {@code POST /api/v1/statuses} as given, named as in its API. */
  private static final List<String> TEXT_OPTIONS =
      List.of("visibility", "spoiler_text", "in_reply_to_id", "place_id");

  /**
   * The boolean options, sent as {@code 1} or {@code 0}, the only strings Laravel's {@code boolean}
   * rule accepts (laravel/framework {@code
   * Illuminate/Validation/Concerns/ValidatesAttributes::validateBoolean}: a strict match against
   * {@code [true, false, 0, 1, '0', '1']}). pixelfed/pixelfed's {@code
   * ApiV1Controller::statusCreate} (2024-03) validates {@code comments_disabled} with {@code
   * sometimes|boolean}, so {@code comments_disabled=true} fails validation; it reads {@code
   * sensitive} with {@code $request->boolean()}, which takes {@code 1} too.
   */
  private static final List<String> BOOLEAN_OPTIONS = List.of("sensitive", "comments_disabled");

  /** The spellings of true a post's boolean option may use, lower case. */
  private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");

  /** The spellings of false a post's boolean option may use, lower case. */
  private static final Set<String> FALSE = Set.of("false", "0", "no", "off");

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
   * within 1,000, media as local files, a visibility Pixelfed accepts, boolean options spelled as
   * booleans, no {@code sensitive=false} with a content warning (Pixelfed would drop the warning),
   * and no {@code scheduled_at} (Pixelfed cannot schedule; the post would go out at once).
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
    for (String option : BOOLEAN_OPTIONS) {
      post.option(option)
          .filter(v -> flag(v).isEmpty())
          .ifPresent(
              v ->
                  out.add(
                      violation(
                          option,
                          "%s is '%s'; use true or false (also 1/0, yes/no, on/off)",
                          option,
                          v)));
    }
    if (hasContentWarning(post)
        && post.option("sensitive").flatMap(PixelfedPosts::flag).filter(f -> !f).isPresent()) {
      out.add(
          violation(
              "sensitive",
              "sensitive is false but spoiler_text is set; pixelfed keeps a content warning only"
                  + " on a sensitive post, leave sensitive unset or true"));
    }
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
    for (String option : TEXT_OPTIONS) {
      post.option(option).ifPresent(v -> form.add(option, v));
    }
    for (String option : BOOLEAN_OPTIONS) {
      Optional<Boolean> value = post.option(option).flatMap(PixelfedPosts::flag);
      if (option.equals("sensitive") && hasContentWarning(post)) {
        value = Optional.of(true);
      }
      value.ifPresent(v -> form.add(option, v ? "1" : "0"));
    }
    return form.build();
  }

  /**
   * Whether the post has a content warning. Pixelfed stores {@code spoiler_text} only when {@code
   * sensitive} is true ({@code $spoilerText = $cw && $request->filled('spoiler_text') ? … : null}
   * in pixelfed/pixelfed's {@code ApiV1Controller::statusCreate}, 2024-03), so such a post is sent
   * with {@code sensitive=1}.
   */
  static boolean hasContentWarning(Post post) {
    return post.option("spoiler_text").filter(s -> !s.isBlank()).isPresent();
  }

  /** A boolean option's value: true, false, or empty for a spelling this adapter does not know. */
  static Optional<Boolean> flag(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return TRUE.contains(v) ? Optional.of(true)
        : FALSE.contains(v) ? Optional.of(false) : Optional.empty();
  }

  private static PostViolation violation(String field, String format, Object... args) {
    return new PostViolation(PixelfedPublisher.PLATFORM, field, String.format(format, args));
  }
}
