package dev.herald.platforms.mastodon;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upload attributes of one attachment: its {@link Media#focus()} and {@link
 * Media#thumbnail()}, or the post options named after its position, {@code media[<i>].<field>}
 * (the same names as the violations of that attachment); setting one both ways is refused:
 *
 * <ul>
 *   <li>{@code media[i].focus}: the focal point {@code x,y}, each from -1.0 to 1.0, sent as the
 *       {@code focus} field of {@code POST /api/v2/media}. The server itself does not check it
 *       ({@code MediaAttachment#focus=} splits on the comma and applies {@code to_f}, so {@code
 *       "left"} becomes 0.0 and {@code 2,3} is stored as is; mastodon/mastodon
 *       app/models/media_attachment.rb); the range is the documented one
 *       (https://docs.joinmastodon.org/methods/media/#v2, "ranging from -1.0 to 1.0"), so Herald
 *       refuses what Mastodon would silently store or misread.
 *   <li>{@code media[i].thumbnail}: a {@code file:} URI of an image, sent as the {@code thumbnail}
 *       file; only on a video ({@code validates :thumbnail, absence: true, if: -> { local? &&
 *       !audio_or_video? }}), and an image type ({@code validates_attachment_content_type
 *       :thumbnail, content_type: IMAGE_MIME_TYPES}), both in media_attachment.rb.
 * </ul>
 *
 * <p>Instances are immutable and threadsafe.
 */
record MastodonMediaAttributes(Optional<String> focus, Optional<Media> thumbnail) {

  /** {@code MediaAttachment::IMAGE_MIME_TYPES} (app/models/media_attachment.rb). */
  static final Set<String> THUMBNAIL_TYPES = Set.of("image/jpeg", "image/png", "image/gif",
      "image/heic", "image/heif", "image/webp", "image/avif");

  private static final Pattern NAME = Pattern.compile("media\\[(\\d+)]\\.(focus|thumbnail)");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");

  static final MastodonMediaAttributes NONE =
      new MastodonMediaAttributes(Optional.empty(), Optional.empty());

  /** The attributes of attachment {@code index} of {@code post}; call after {@link #validate}. */
  static MastodonMediaAttributes of(Post post, int index) {
    Media media = post.media().get(index);
    return new MastodonMediaAttributes(
        media.focus().map(f -> plain(f.x()) + "," + plain(f.y()))
            .or(() -> post.option(focusOption(index)).map(String::strip)),
        media.thumbnail().or(() -> post.option(thumbnailOption(index)).map(u -> URI.create(
            u.strip()))).map(Media::image));
  }

  /** {@code value} in plain decimal notation ({@code 1.0E-4} would reach the server as is). */
  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String focusOption(int index) {
    return "media[" + index + "].focus";
  }

  static String thumbnailOption(int index) {
    return "media[" + index + "].thumbnail";
  }

  /** Every violation of the focus and thumbnail of {@code post}'s media, as fields or options. */
  static void validate(Post post, Consumer<PostViolation> out) {
    List<Media> media = post.media();
    for (int i = 0; i < media.size(); i++) {
      Media attachment = media.get(i);
      if (attachment.focus().isPresent() && post.option(focusOption(i)).isPresent()) {
        out.accept(violation(focusOption(i), "attachment %d has a focus and option %s; set it"
            + " once", i, focusOption(i)));
      }
      if (attachment.thumbnail().isPresent()) {
        if (post.option(thumbnailOption(i)).isPresent()) {
          out.accept(violation(thumbnailOption(i), "attachment %d has a thumbnail and option %s;"
              + " set it once", i, thumbnailOption(i)));
        } else {
          validateThumbnail(thumbnailOption(i), attachment.thumbnail().get().toString(),
              attachment, out);
        }
      }
    }
    for (String name : post.options().keySet()) {
      if (!name.startsWith("media[")) {
        continue;
      }
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        out.accept(violation(name, "option %s is unknown; use media[<i>].focus or"
            + " media[<i>].thumbnail", name));
        continue;
      }
      int index = Integer.parseInt(m.group(1));
      if (index >= media.size()) {
        out.accept(violation(name, "option %s names attachment %d; the post has %d", name,
            index, media.size()));
        continue;
      }
      String value = post.options().get(name).strip();
      if (m.group(2).equals("focus")) {
        validateFocus(name, value, out);
      } else {
        validateThumbnail(name, value, media.get(index), out);
      }
    }
  }

  private static void validateFocus(String name, String value, Consumer<PostViolation> out) {
    String[] xy = value.split(",", -1);
    boolean ok = xy.length == 2;
    for (int i = 0; ok && i < 2; i++) {
      String n = xy[i].strip();
      ok = NUMBER.matcher(n).matches() && Math.abs(Double.parseDouble(n)) <= 1.0;
    }
    if (!ok) {
      out.accept(violation(name, "%s is '%s'; use x,y with each from -1.0 to 1.0, e.g."
          + " 0.0,0.5", name, value));
    }
  }

  private static void validateThumbnail(
      String name, String value, Media attachment, Consumer<PostViolation> out) {
    if (attachment.kind() != MediaKind.VIDEO) {
      out.accept(violation(name, "%s is set on an image; mastodon takes a thumbnail only for"
          + " video and audio", name));
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      out.accept(violation(name, "%s is '%s'; use a file: URI", name, value));
      return;
    }
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      out.accept(violation(name, "%s is '%s'; mastodon uploads local files only, use a file:"
          + " URI", name, value));
      return;
    }
    String type;
    try {
      type = Media.image(uri).mimeType();
    } catch (IllegalArgumentException e) {
      type = "of unknown type";
    }
    if (!THUMBNAIL_TYPES.contains(type)) {
      out.accept(violation(name, "%s is %s; mastodon takes %s", name, type,
          THUMBNAIL_TYPES.stream().sorted().toList()));
    }
  }

  private static PostViolation violation(String field, String format, Object... args) {
    return new PostViolation(MastodonPublisher.PLATFORM, field, String.format(format, args));
  }
}
