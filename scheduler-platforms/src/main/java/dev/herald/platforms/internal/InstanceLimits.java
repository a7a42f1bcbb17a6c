package dev.herald.platforms.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * An instance's limits (Mastodon, Pixelfed), read from the instance and cached for a time to live,
 * or pinned by configuration. Reading never fails a publish: when the instance does not answer
 * usably, the cached (or default) limits stay in use. Threadsafe.
 *
 * @param <T> the limits type
 */
public final class InstanceLimits<T> {
  private record Cached<T>(T limits, Instant readAt) {}

  private final Logger log;
  private final String description;
  private final Supplier<T> reader;
  private final InstantSource clock;
  private final Duration ttl;
  private final boolean pinned;
  private final AtomicReference<Cached<T>> cached;

  /**
   * @param platform the platform, naming the logger category {@code dev.herald.platforms.<platform>}
   * @param instance the instance, for log lines
   * @param reader reads the limits from the instance; throws {@link IllegalStateException} when it
   *     cannot
   * @param pinned the configured limits, or null to read them from the instance
   * @param defaults the limits to use until the instance answered
   */
  public InstanceLimits(String platform, Object instance, Supplier<T> reader, InstantSource clock,
      Duration ttl, T pinned, T defaults) {
    this.log = Loggers.platform(platform);
    this.description = platform + " " + instance;
    this.reader = reader;
    this.clock = clock;
    this.ttl = ttl;
    this.pinned = pinned != null;
    this.cached = new AtomicReference<>(new Cached<>(pinned != null ? pinned : defaults, null));
  }

  /** The limits in use, without any network call. */
  public T get() {
    return cached.get().limits();
  }

  /**
   * Reads the limits from the instance now and caches them (pinned limits are kept).
   *
   * @throws IllegalStateException if the instance did not answer usably; the cache is kept
   */
  public T refresh() {
    if (pinned) {
      return get();
    }
    T read = reader.get();
    cached.set(new Cached<>(read, clock.instant()));
    return read;
  }

  /** The limits in use, read again first if older than the time to live. */
  public T current() {
    Cached<T> now = cached.get();
    boolean stale = now.readAt() == null || !clock.instant().isBefore(now.readAt().plus(ttl));
    if (pinned || !stale) {
      return now.limits();
    }
    try {
      return refresh();
    } catch (IllegalStateException e) {
      log.debug("{}: keeping cached limits: {}", description, e.getMessage());
      return now.limits();
    }
  }
}
