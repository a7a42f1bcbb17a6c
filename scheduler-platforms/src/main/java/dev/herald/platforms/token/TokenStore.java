package dev.herald.platforms.token;

import java.util.Optional;
import java.util.Set;

/**
 * Where adapters read, and refreshers write, the {@link Credentials} of each account, keyed by
 * platform id ({@code mastodon}, {@code tiktok}…) and account (the {@code account} of a {@code
 * PublishRequest}).
 *
 * <p>Refreshers must not lose a rotated refresh token (TikTok invalidates the previous one on each
 * refresh), so they update with {@link #replace}, a compare-and-set: when two refreshes race, one
 * wins and the other sees {@code false} and re-reads. A durable implementation (a database table)
 * should make {@code replace} a conditional update.
 *
 * <p>Implementations must be threadsafe; {@link #inMemory()} is.
 */
public interface TokenStore {

  /** A store that keeps credentials in memory, lost on restart. Threadsafe. */
  static TokenStore inMemory() {
    return new InMemoryTokenStore();
  }

  /** The credentials of {@code account} on {@code platform}, if stored. */
  Optional<Credentials> get(String platform, String account);

  /** Stores {@code credentials} for {@code account} on {@code platform}, replacing any. */
  void put(String platform, String account, Credentials credentials);

  /**
   * Replaces the credentials of {@code account} with {@code updated} only if they are still {@code
   * expected}.
   *
   * @return whether the replacement happened
   */
  boolean replace(String platform, String account, Credentials expected, Credentials updated);

  /** Removes the credentials of {@code account} (after the user revoked access). */
  void remove(String platform, String account);

  /** The accounts with credentials on {@code platform}, e.g. for a refresher job to walk. */
  Set<String> accounts(String platform);
}
