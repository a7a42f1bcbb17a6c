package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.internal.http.Json;
import java.net.URI;
import java.util.List;

/**
 * One upload to a {@link FakeMastodon} and its processing state. Mutable; guarded by the fake's
 * lock.
 */
final class FakeMastodonMedia {

  final String id;
  final String account;
  final String type;
  final String description;
  int pollsLeft;
  boolean ready;
  boolean attached;

  FakeMastodonMedia(String id, String account, String type, String description) {
    this.id = id;
    this.account = account;
    this.type = type;
    this.description = description;
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
    if (ready) {
      body.put("url", base + "/system/media_attachments/" + id + "/original");
    } else {
      body.putNull("url");
    }
    return body;
  }
}
