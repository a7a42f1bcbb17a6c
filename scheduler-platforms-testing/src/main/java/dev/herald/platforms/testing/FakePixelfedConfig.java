package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The posting limits of a {@link FakePixelfed} as Pixelfed keeps them: the values of its {@code
 * .env} ({@code config('pixelfed.…')}) and the admin's overrides from the admin dashboard, stored
 * in the {@code config_cache} table and read through {@code config_cache()} (pixelfed/pixelfed
 * {@code app/Services/ConfigCacheService.php}, 2024-03). What is enforced and what is advertised
 * differ, as in pixelfed/pixelfed (2024-03):
 *
 * <ul>
 *   <li><b>Enforced</b>: the override, else the env value. {@code ApiV1Controller::statusCreate}
 *       validates the caption with {@code max:config_cache('pixelfed.max_caption_length')} and the
 *       album with {@code max:config_cache('pixelfed.max_album_length')}; the uploads check {@code
 *       config_cache('pixelfed.media_types')}.
 *   <li><b>{@code GET /api/v1/instance}</b> ({@code ApiV1Controller::instance}): {@code
 *       max_characters} from {@code config_cache}, but {@code max_media_attachments}, {@code
 *       supported_mime_types} and {@code image_size_limit} from {@code config()}: the env values,
 *       whatever the admin set. The response is cached for 1,800 s; the admin settings forget that
 *       cache on save ({@code AdminSettingsController}, {@code AdminDirectoryController}).
 *   <li><b>{@code GET /api/v2/instance}</b> ({@code ApiV2Controller::instance}, added 2023-05):
 *       every limit from {@code config_cache}, but its response is cached for 1,800 s and the admin
 *       settings do not forget it, so it shows the old values for up to 30 minutes after a change.
 * </ul>
 *
 * <p>Threadsafe: every method synchronizes on this object.
 */
final class FakePixelfedConfig {

  /** How long both instance endpoints cache their response ({@code Cache::remember(…, 1800)}). */
  static final Duration INSTANCE_CACHE = Duration.ofSeconds(1800);

  private record Cached(byte[] body, Instant at) {}

  private final InstantSource clock;
  private final int envMaxCharacters;
  private final int envMaxMedia;
  private final Set<String> envMimeTypes;
  private Integer maxCharacters;
  private Integer maxMedia;
  private Set<String> mimeTypes;
  private Cached v1;
  private Cached v2;

  FakePixelfedConfig(InstantSource clock, int maxCharacters, int maxMedia, Set<String> mimeTypes) {
    this.clock = clock;
    this.envMaxCharacters = maxCharacters;
    this.envMaxMedia = maxMedia;
    this.envMimeTypes = Set.copyOf(mimeTypes);
  }

  synchronized int maxCharacters() {
    return maxCharacters != null ? maxCharacters : envMaxCharacters;
  }

  synchronized int maxMediaAttachments() {
    return maxMedia != null ? maxMedia : envMaxMedia;
  }

  synchronized Set<String> mimeTypes() {
    return mimeTypes != null ? mimeTypes : envMimeTypes;
  }

  /** An admin's {@code pixelfed.max_caption_length}; forgets the v1 instance response. */
  synchronized void overrideMaxCharacters(int max) {
    maxCharacters = max;
    v1 = null;
  }

  /** An admin's {@code pixelfed.max_album_length}; forgets the v1 instance response. */
  synchronized void overrideMaxMediaAttachments(int max) {
    maxMedia = max;
    v1 = null;
  }

  /** An admin's {@code pixelfed.media_types}; forgets the v1 instance response. */
  synchronized void overrideMimeTypes(Set<String> types) {
    mimeTypes = Set.copyOf(new LinkedHashSet<>(types));
    v1 = null;
  }

  /** The body of {@code GET /api/v1/instance}, from {@code fixture}, cached as Pixelfed does. */
  synchronized byte[] v1(Fixture fixture) {
    Instant now = clock.instant();
    if (v1 == null || !now.isBefore(v1.at().plus(INSTANCE_CACHE))) {
      v1 = new Cached(fill(fixture, maxCharacters(), envMaxMedia, envMimeTypes), now);
    }
    return v1.body();
  }

  /** The body of {@code GET /api/v2/instance}, from {@code fixture}, cached as Pixelfed does. */
  synchronized byte[] v2(Fixture fixture) {
    Instant now = clock.instant();
    if (v2 == null || !now.isBefore(v2.at().plus(INSTANCE_CACHE))) {
      v2 = new Cached(fill(fixture, maxCharacters(), maxMediaAttachments(), mimeTypes()), now);
    }
    return v2.body();
  }

  private static byte[] fill(Fixture fixture, int chars, int media, Set<String> types) {
    ObjectNode body = (ObjectNode) Json.parse(fixture.body());
    ObjectNode configuration = (ObjectNode) body.path("configuration");
    ObjectNode statuses = (ObjectNode) configuration.path("statuses");
    statuses.put("max_characters", chars);
    statuses.put("max_media_attachments", media);
    ArrayNode array =
        ((ObjectNode) configuration.path("media_attachments")).putArray("supported_mime_types");
    types.forEach(array::add);
    return Json.write(body);
  }
}
