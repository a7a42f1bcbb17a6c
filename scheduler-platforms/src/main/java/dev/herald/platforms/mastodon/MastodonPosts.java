package dev.herald.platforms.mastodon;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
   * limit, {@code visibility}, {@code scheduled_at} and {@code language} must be valid values, and
   * the poll ({@link MastodonPoll}) and attachment attributes ({@link MastodonMediaAttributes})
   * must meet their rules.
   */
  static List<PostViolation> validate(Post post, MastodonLimits limits) {
    List<PostViolation> out = new ArrayList<>(limits.capabilities().validate(countable(post, limits)));
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
      int alt = MastodonLimits.descriptionLength(m.altText());
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
    MastodonLanguages.validate(post, out::add);
    MastodonPoll.validate(post, limits.polls(), out::add);
    MastodonMediaAttributes.validate(post, out::add);
    return out;
  }

  /**
   * Mastodon refuses a {@code scheduled_at} not more than 5 minutes ahead ({@code
   * ScheduledStatus#validate_future_date} with {@code PostStatusService::MIN_SCHEDULE_OFFSET},
   * mastodon/mastodon app/models/scheduled_status.rb) and publishes one that is not in the future
   * at once ({@code scheduled_in_the_past?}, app/services/post_status_service.rb; before 4.x that
   * test itself included the 5 minutes).
   */
  static final Duration MIN_SCHEDULE_OFFSET = Duration.ofMinutes(5);

  /**
   * The {@code scheduled_at} to send, when the post has one more than {@link #MIN_SCHEDULE_OFFSET}
   * ahead of {@code now}; empty otherwise, and Herald publishes at once: a post whose time has come
   * (its job ran late, or it was scheduled too close) appears now, as Mastodon itself publishes a
   * past {@code scheduled_at}, rather than being refused for its timing. A time check in {@link
   * #validate} would not do: the scheduler validates again before every attempt, so a replay after
   * an unknown outcome would be rejected while its scheduled status may exist.
   */
  static Optional<String> scheduledAtToSend(Post post, Instant now) {
    return post.option("scheduled_at")
        .filter(MastodonPosts::isRfc3339)
        .filter(v -> OffsetDateTime.parse(v).toInstant().isAfter(now.plus(MIN_SCHEDULE_OFFSET)));
  }

  /**
   * The post with its text replaced by as many letters as Mastodon counts against {@code
   * max_characters}: the content warning in full (grapheme clusters, URLs and mentions as written)
   * plus the status text with its URL and mention rules, as {@code
   * StatusLengthValidator#combined_text} joins {@code spoiler_text} and {@code
   * countable_text(text)} (mastodon/mastodon app/validators/status_length_validator.rb).
   */
  private static Post countable(Post post, MastodonLimits limits) {
    int length = MastodonLimits.graphemes(post.option("spoiler_text").orElse(""))
        + limits.textLength().of(statusText(post));
    return post.toBuilder().link(null).text("x".repeat(length)).build();
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
