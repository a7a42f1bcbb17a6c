package dev.herald.scheduler.publish;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One image or video attached to a {@link Post}.
 *
 * <p>The source is a URI: {@code https://…} for media the platform pulls itself (Instagram and
 * TikTok's pull mode require a public URL), {@code file:…} for a local file an adapter uploads.
 * The MIME type is inferred from the file extension unless given.
 *
 * <p>Two presentation hints travel with the media: a {@linkplain #withFocus focal point}, which
 * platforms that crop previews keep in view (Mastodon), and a video's {@linkplain #withThumbnail
 * thumbnail} (Mastodon's uploaded thumbnail, an Instagram Reel's cover). A platform without the
 * feature ignores the hint, so one post can go to several platforms; each platform's guide says
 * which it uses.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param kind image or video
 * @param source where the bytes are
 * @param mimeType e.g. {@code image/jpeg}
 * @param altText the description shown to screen readers; may be empty
 * @param focus the focal point, if one is set
 * @param thumbnail a video's thumbnail image ({@code file:} or a public URL), if one is set
 */
public record Media(MediaKind kind, URI source, String mimeType, String altText,
    Optional<Focus> focus, Optional<URI> thumbnail) {

  private static final Map<String, String> MIME_BY_EXTENSION =
      Map.ofEntries(
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("png", "image/png"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("heic", "image/heic"),
          Map.entry("avif", "image/avif"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("mov", "video/quicktime"),
          Map.entry("webm", "video/webm"));

  /**
   * @param kind an image or a video
   * @param source where the bytes are: a {@code file:} URI the adapter uploads, or a public URL
   * @param mimeType the MIME type, e.g. {@code image/jpeg}
   * @param altText the description shown to screen readers; may be empty
   * @param focus the focal point, or empty
   * @param thumbnail a video's thumbnail image, or empty
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the source or thumbnail has no scheme, the MIME type is
   *     blank, or an image has a thumbnail
   */
  public Media {
    requireNonNull(kind, "kind cannot be null");
    requireNonNull(source, "source cannot be null");
    requireNonNull(mimeType, "mimeType cannot be null");
    requireNonNull(altText, "altText cannot be null");
    requireNonNull(focus, "focus cannot be null; use Optional.empty()");
    requireNonNull(thumbnail, "thumbnail cannot be null; use Optional.empty()");
    if (source.getScheme() == null) {
      throw new IllegalArgumentException(
          "media source must be an absolute URI (https: or file:), was '" + source + "'");
    }
    if (mimeType.isBlank()) {
      throw new IllegalArgumentException("media mimeType cannot be blank (source " + source + ")");
    }
    if (thumbnail.isPresent() && thumbnail.get().getScheme() == null) {
      throw new IllegalArgumentException("media thumbnail must be an absolute URI (https: or "
          + "file:), was '" + thumbnail.get() + "' (source " + source + ")");
    }
    if (thumbnail.isPresent() && kind != MediaKind.VIDEO) {
      throw new IllegalArgumentException("a thumbnail is for a video; media " + source
          + " is " + kind.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Media without focal point or thumbnail.
   *
   * @param kind an image or a video
   * @param source where the bytes are: a {@code file:} URI the adapter uploads, or a public URL
   * @param mimeType the MIME type, e.g. {@code image/jpeg}
   * @param altText the description shown to screen readers; may be empty
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the source has no scheme or the MIME type is blank
   */
  public Media(MediaKind kind, URI source, String mimeType, String altText) {
    this(kind, source, mimeType, altText, Optional.empty(), Optional.empty());
  }

  /**
   * An image, its MIME type inferred from the extension of {@code source}.
   *
   * @param source the image's file or public URL
   * @return an image without alt text
   */
  public static Media image(URI source) {
    return new Media(MediaKind.IMAGE, source, inferMimeType(source, MediaKind.IMAGE), "");
  }

  /**
   * A video, its MIME type inferred from the extension of {@code source}.
   *
   * @param source the video's file or public URL
   * @return a video without alt text
   */
  public static Media video(URI source) {
    return new Media(MediaKind.VIDEO, source, inferMimeType(source, MediaKind.VIDEO), "");
  }

  /**
   * This media with {@code altText} as its description.
   *
   * @param altText the description shown to screen readers; may be empty
   * @return a copy of this media with the new alt text
   */
  public Media withAltText(String altText) {
    return new Media(kind, source, mimeType, altText, focus, thumbnail);
  }

  /**
   * This media with an explicit MIME type.
   *
   * @param mimeType the MIME type, e.g. {@code image/jpeg}
   * @return a copy of this media with the new MIME type
   */
  public Media withMimeType(String mimeType) {
    return new Media(kind, source, mimeType, altText, focus, thumbnail);
  }

  /**
   * This media with a focal point: the point of the image (or video frame) that previews cropped
   * by the platform keep in view, from the centre {@code (0, 0)}, as Mastodon defines it
   * (https://docs.joinmastodon.org/api/guidelines/#focal-points).
   *
   * @param x from -1.0 (left edge) to 1.0 (right edge)
   * @param y from -1.0 (bottom edge) to 1.0 (top edge)
   * @return a copy of this media with the focal point
   * @throws IllegalArgumentException if a coordinate is outside [-1.0, 1.0]
   */
  public Media withFocus(double x, double y) {
    return new Media(kind, source, mimeType, altText, Optional.of(new Focus(x, y)), thumbnail);
  }

  /**
   * This video with a thumbnail image: uploaded with it where the platform takes a file
   * (Mastodon: a {@code file:} URI), or passed by URL where the platform fetches it (an Instagram
   * Reel's cover: a public JPEG).
   *
   * @param image the thumbnail's file or public URL
   * @return a copy of this media with the thumbnail
   * @throws IllegalArgumentException if this media is an image or {@code image} has no scheme
   */
  public Media withThumbnail(URI image) {
    return new Media(kind, source, mimeType, altText, focus,
        Optional.of(requireNonNull(image, "thumbnail cannot be null")));
  }

  /**
   * Whether the bytes are a local file the adapter must upload.
   *
   * @return true for a {@code file:} source; false for a URL the platform fetches itself
   */
  public boolean isLocalFile() {
    return "file".equalsIgnoreCase(source.getScheme());
  }

  private static String inferMimeType(URI source, MediaKind kind) {
    String path = source.getPath() == null ? "" : source.getPath();
    int dot = path.lastIndexOf('.');
    String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    String mime = MIME_BY_EXTENSION.get(ext);
    if (mime == null) {
      throw new IllegalArgumentException(
          "cannot infer the MIME type of "
              + kind.name().toLowerCase(Locale.ROOT)
              + " '"
              + source
              + "' from its extension; pass it with withMimeType(...) or new Media(...)");
    }
    return mime;
  }

  /**
   * A focal point, each coordinate from -1.0 to 1.0 with {@code (0, 0)} the centre, {@code x}
   * growing to the right and {@code y} upwards. Immutable and threadsafe.
   *
   * @param x from -1.0 (left) to 1.0 (right)
   * @param y from -1.0 (bottom) to 1.0 (top)
   */
  public record Focus(double x, double y) {

    /**
     * @param x from -1.0 (left) to 1.0 (right)
     * @param y from -1.0 (bottom) to 1.0 (top)
     * @throws IllegalArgumentException if a coordinate is outside [-1.0, 1.0] or not a number
     */
    public Focus {
      check("x", x);
      check("y", y);
    }

    private static void check(String name, double value) {
      if (!(value >= -1.0 && value <= 1.0)) {
        throw new IllegalArgumentException(
            "focus " + name + " must be from -1.0 to 1.0, was " + value);
      }
    }
  }
}
