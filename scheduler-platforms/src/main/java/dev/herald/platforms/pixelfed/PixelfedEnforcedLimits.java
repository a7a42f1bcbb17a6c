package dev.herald.platforms.pixelfed;

import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.TransportException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;

/**
 * Reads each instance's limits from the endpoint that shows them as enforced, and keeps the caption
 * and album limits each instance showed it enforces by refusing a post that met the
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

  private static final Logger log = Loggers.platform(PixelfedPublisher.PLATFORM);

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

  /**
   * Reads {@code instance}'s limits and forgets what was learned of it: the instance reader of
   * {@code PixelfedPublisher}.
   *
   * @throws IllegalStateException if the instance did not answer usably
   */
  PixelfedLimits read(URI instance, PixelfedApi api) {
    PixelfedLimits read = readFrom(instance, api);
    forget(instance);
    return read;
  }

  /**
   * The limits of {@code GET /api/v2/instance}, else (an instance older than 2023-05 answers 404)
   * of {@code GET /api/v1/instance}. v2 reports every limit as Pixelfed enforces it, with the
   * admin's overrides ({@code config_cache}); v1 reports the caption limit so but the album size,
   * MIME types and file size of the instance's {@code .env} (pixelfed/pixelfed {@code
   * ApiV2Controller::instance} and {@code ApiV1Controller::instance}, 2024-03).
   */
  private static PixelfedLimits readFrom(URI instance, PixelfedApi api) {
    try {
      ApiResponse v2 = api.instanceV2();
      if (v2.isSuccessful() && v2.jsonOrMissing().path("configuration").isObject()) {
        PixelfedLimits read = PixelfedLimits.fromInstance(v2.json());
        log.debug("pixelfed {}: limits {} (v2 instance)", instance, read);
        return read;
      }
      ApiResponse response = api.instance();
      if (!response.isSuccessful()) {
        throw new IllegalStateException("pixelfed " + response + ": cannot read instance limits");
      }
      PixelfedLimits read = PixelfedLimits.fromInstance(response.json());
      log.debug("pixelfed {}: limits {} (v1 instance; {} unusable)", instance, read, v2);
      return read;
    } catch (TransportException | MalformedResponseException e) {
      throw new IllegalStateException("cannot read instance limits: " + e.getMessage(), e);
    }
  }
}
