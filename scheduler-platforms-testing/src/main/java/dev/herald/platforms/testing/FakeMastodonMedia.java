package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One upload to a {@link FakeMastodon} and its processing state. Mutable; guarded by the fake's
 * lock.
 */
final class FakeMastodonMedia {

  /** {@code MediaAttachment::IMAGE_MIME_TYPES} (media_attachment.rb). */
  private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif",
      "image/heic", "image/heif", "image/webp", "image/avif");

  private static final Pattern LEADING_NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d+)?|\\.\\d+)([eE][-+]?\\d+)?");

  final String id;
  final String account;
  final String type;
  final String description;
  /** {@code meta.focus}, or null when none was sent. */
  double[] focus;
  /** Whether a custom thumbnail was uploaded. */
  boolean thumbnail;
  int pollsLeft;
  boolean ready;
  boolean attached;

  FakeMastodonMedia(String id, String account, String type, String description) {
    this.id = id;
    this.account = account;
    this.type = type;
    this.description = description;
  }

  /**
   * {@code MediaAttachment#focus=} (mastodon/mastodon app/models/media_attachment.rb): split on
   * the comma and {@code to_f} each part, with no range check; a blank value sets nothing.
   */
  static Optional<double[]> focus(String value) {
    if (value.isBlank()) {
      return Optional.empty();
    }
    String[] parts = value.split(",", -1);
    return Optional.of(new double[] {toF(parts[0]), parts.length > 1 ? toF(parts[1]) : 0.0});
  }

  /** Ruby's {@code String#to_f}: the leading decimal number, else 0.0. */
  private static double toF(String s) {
    Matcher m = LEADING_NUMBER.matcher(s.strip());
    return m.lookingAt() ? Double.parseDouble(m.group()) : 0.0;
  }

  /**
   * The 422 of an upload's {@code thumbnail}, if any: {@code validates :thumbnail, absence: true,
   * if: -> { local? && !audio_or_video? }} and {@code validates_attachment_content_type :thumbnail,
   * content_type: IMAGE_MIME_TYPES} (media_attachment.rb).
   */
  static Optional<FakeResponse> thumbnailError(FakeRequest request, String fileType) {
    Optional<UploadedFile> thumbnail = request.file("thumbnail");
    if (thumbnail.isEmpty()) {
      return Optional.empty();
    }
    if (!fileType.equals("video") && !fileType.equals("audio")) {
      return Optional.of(FakeResponse.json(422,
          FakeMastodonMessages.body("Validation failed: Thumbnail must be blank")));
    }
    if (!IMAGE_TYPES.contains(thumbnail.get().contentType())) {
      return Optional.of(FakeResponse.json(422,
          FakeMastodonMessages.body("Validation failed: Thumbnail content type is invalid")));
    }
    return Optional.empty();
  }

  /** The MediaAttachment entity: {@code fixture}'s body with this upload's id, type and state. */
  byte[] json(Fixture fixture, URI base) {
    return Json.write(fill((ObjectNode) Json.parse(fixture.body()), base));
  }

  /** The {@code media_attachments} array of a status. */
  static ArrayNode attachments(List<FakeMastodonMedia> media, URI base) {
    ArrayNode array = Json.object().arrayNode();
    byte[] template = Fixtures.get("mastodon-media-ready.json").body();
    media.forEach(m -> array.add(m.fill((ObjectNode) Json.parse(template), base)));
    return array;
  }

  private ObjectNode fill(ObjectNode body, URI base) {
    body.put("id", id);
    body.put("type", type);
    body.put("description", description);
    if (focus != null) {
      ObjectNode meta = body.path("meta").isObject()
          ? (ObjectNode) body.get("meta")
          : body.putObject("meta");
      ObjectNode point = meta.putObject("focus");
      point.put("x", focus[0]);
      point.put("y", focus[1]);
    }
    if (thumbnail) {
      body.put("preview_url", base + "/system/media_attachments/" + id + "/thumbnail");
    }
    if (ready) {
      body.put("url", base + "/system/media_attachments/" + id + "/original");
    } else {
      body.putNull("url");
    }
    return body;
  }
}
