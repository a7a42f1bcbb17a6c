package dev.herald.platforms.internal.meta;

import static dev.herald.platforms.internal.Preconditions.atLeast;
import static dev.herald.platforms.internal.Preconditions.notNull;
import static dev.herald.platforms.internal.Preconditions.positive;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one publisher remembers between attempts of the same publish (same account and idempotency
 * key), for platforms without an idempotency key: the Instagram container created for it, or the
 * Facebook call whose outcome was ambiguous. A retry consults it to re-poll or reconcile instead of
 * publishing blindly.
 *
 * <p>Entries live {@code ttl} on the clock (Instagram containers expire after 24 h) and at most
 * {@code maxEntries} are kept, the oldest dropped first. The memory is per process: after a restart
 * or on another node it is empty, and the publisher falls back to its stateless behaviour.
 *
 * <p>This class is threadsafe.
 *
 * @param <V> what is remembered; immutable
 */
public final class PublishMemo<V> {

  private record Key(String account, String idempotencyKey) {}

  private record Entry<V>(V value, Instant storedAt) {}

  private final InstantSource clock;
  private final Duration ttl;
  private final int maxEntries;
  private final Map<Key, Entry<V>> entries = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException if {@code ttl} is not positive or {@code maxEntries} < 1
   */
  public PublishMemo(InstantSource clock, Duration ttl, int maxEntries) {
    this.clock = notNull(clock, "clock");
    this.ttl = positive(ttl, "ttl");
    this.maxEntries = atLeast(maxEntries, 1, "maxEntries");
  }

  /** The value remembered for this publish, if any and not older than the time to live. */
  public Optional<V> get(String account, String idempotencyKey) {
    Key key = new Key(account, idempotencyKey);
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.storedAt().plus(ttl))) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  /** Remembers {@code value} for this publish, replacing any earlier value. */
  public void put(String account, String idempotencyKey, V value) {
    Instant now = clock.instant();
    entries.put(new Key(account, idempotencyKey), new Entry<>(notNull(value, "value"), now));
    if (entries.size() > maxEntries) {
      prune(now);
    }
  }

  /** Forgets this publish. */
  public void remove(String account, String idempotencyKey) {
    entries.remove(new Key(account, idempotencyKey));
  }

  /** The number of entries held (expired ones included until pruned). */
  public int size() {
    return entries.size();
  }

  private synchronized void prune(Instant now) {
    entries.entrySet().removeIf(e -> !now.isBefore(e.getValue().storedAt().plus(ttl)));
    while (entries.size() > maxEntries) {
      entries.entrySet().stream()
          .min(Comparator.comparing(e -> e.getValue().storedAt()))
          .ifPresent(oldest -> entries.remove(oldest.getKey(), oldest.getValue()));
    }
  }

  @Override
  public String toString() {
    return "PublishMemo[" + entries.size() + " entries, ttl " + ttl + "]";
  }
}
