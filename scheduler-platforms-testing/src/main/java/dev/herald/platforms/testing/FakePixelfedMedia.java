package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;

/**
 * One upload to a {@link FakePixelfed}. Mutable ({@link #attached}); guarded by the fake's lock.
 */
final class FakePixelfedMedia {

  final String id;
  final String account;
  final String mime;
  final String description;
  boolean attached;

  FakePixelfedMedia(String id, String account, String mime, String description) {
    this.id = id;
    this.account = account;
    this.mime = mime;
    this.description = description;
  }

  /**
   * The media entity: {@code fixture}'s body with this upload's id, type and description; {@code
   * url} set unless {@code withUrl} is false (the 202 of {@code /api/v2/media}).
   */
  byte[] json(Fixture fixture, URI base, boolean withUrl) {
    return Json.write(fill((ObjectNode) Json.parse(fixture.body()), base, withUrl));
  }

  /** The {@code media_attachments} array of a status. */
  static ArrayNode attachments(List<FakePixelfedMedia> media, URI base) {
    ArrayNode array = Json.object().arrayNode();
    byte[] template = Fixtures.get("pixelfed-media-v1-created.json").body();
    media.forEach(m -> array.add(m.fill((ObjectNode) Json.parse(template), base, true)));
    return array;
  }

  private ObjectNode fill(ObjectNode body, URI base, boolean withUrl) {
    String file = base + "/storage/m/_v2/" + account + "/" + id + extension();
    body.put("id", id);
    body.put("type", mime.startsWith("video/") ? "video" : "image");
    body.put("mime", mime);
    body.put("description", description);
    body.put("preview_url", file);
    if (withUrl) {
      body.put("url", file);
    } else {
      body.putNull("url");
    }
    return body;
  }

  private String extension() {
    int slash = mime.indexOf('/');
    return slash < 0 ? "" : "." + mime.substring(slash + 1);
  }
}
