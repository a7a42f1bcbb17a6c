package dev.herald.scheduler.publish;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * One image or video attached to a {@link Post}.
 *
 * <p>The source is a URI: {@code https://…} for media the platform pulls itself (Instagram and
 * TikTok's pull mode require a public URL), {@code file:…} for a local file an adapter uploads.
 * The MIME type is inferred from the file extension unless given.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param kind image or video
 * @param source where the bytes are
 * @param mimeType e.g. {@code image/jpeg}
 * @param altText the description shown to screen readers; may be empty
 */
public record Media(MediaKind kind, URI source, String mimeType, String altText) {

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
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the source has no scheme or the MIME type is blank
   */
  public Media {
    requireNonNull(kind, "kind cannot be null");
    requireNonNull(source, "source cannot be null");
    requireNonNull(mimeType, "mimeType cannot be null");
    requireNonNull(altText, "altText cannot be null");
    if (source.getScheme() == null) {
      throw new IllegalArgumentException(
          "media source must be an absolute URI (https: or file:), was '" + source + "'");
    }
    if (mimeType.isBlank()) {
      throw new IllegalArgumentException("media mimeType cannot be blank (source " + source + ")");
    }
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
    return new Media(kind, source, mimeType, altText);
  }

  /**
   * This media with an explicit MIME type.
   *
   * @param mimeType the MIME type, e.g. {@code image/jpeg}
   * @return a copy of this media with the new MIME type
   */
  public Media withMimeType(String mimeType) {
    return new Media(kind, source, mimeType, altText);
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
}
