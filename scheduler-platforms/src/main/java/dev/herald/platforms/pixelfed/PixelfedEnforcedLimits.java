package dev.herald.platforms.pixelfed;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The caption and album limits each instance showed it enforces by refusing a post that met the
 * limits it advertised. Pixelfed enforces the admin's overrides ({@code config_cache()}) while its
 * instance endpoints can show other values: {@code /api/v1/instance} always reports the {@code
 * .env} album size, and {@code /api/v2/instance} caches its response for 30 minutes that an admin's
 * change does not clear (pixelfed/pixelfed {@code ApiV1Controller::instance}, {@code
 * ApiV2Controller::instance}, {@code Admin/AdminSettingsController}, 2024-03). A limit learned here
 * applies on top of the read limits until the instance's limits are read again (after the limits'
 * time to live, or on {@code refreshLimits}), so that a later admin change that raises the limit
 * takes effect as any other change does.
 *
 * <p>Threadsafe.
 */
final class PixelfedEnforcedLimits {

  private record Caps(int maxCharacters, int maxMediaAttachments) {
    Caps min(Caps other) {
      return new Caps(
          Math.min(maxCharacters, other.maxCharacters),
          Math.min(maxMediaAttachments, other.maxMediaAttachments));
    }
  }

  private final ConcurrentMap<URI, Caps> learned = new ConcurrentHashMap<>();

  /** {@code read} with the caps learned for {@code instance}, if any, applied. */
  PixelfedLimits apply(URI instance, PixelfedLimits read) {
    Caps caps = learned.get(instance);
    if (caps == null
        || (caps.maxCharacters() >= read.maxCharacters()
            && caps.maxMediaAttachments() >= read.maxMediaAttachments())) {
      return read;
    }
    return new PixelfedLimits(
        Math.min(read.maxCharacters(), caps.maxCharacters()),
        Math.min(read.maxMediaAttachments(), caps.maxMediaAttachments()),
        read.supportedMimeTypes(),
        read.imageSizeLimit());
  }

  /** Remembers that {@code instance} enforces at most {@code enforced}'s caption and album. */
  void learn(URI instance, PixelfedLimits enforced) {
    learned.merge(
        instance,
        new Caps(enforced.maxCharacters(), enforced.maxMediaAttachments()),
        Caps::min);
  }

  /** Forgets what was learned of {@code instance}: its limits were just read. */
  void forget(URI instance) {
    learned.remove(instance);
  }
}
