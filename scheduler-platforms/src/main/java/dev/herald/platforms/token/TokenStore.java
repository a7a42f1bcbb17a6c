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

  /**
   * A store that keeps credentials in memory, lost on restart. Threadsafe.
   *
   * @return a new, empty store
   */
  static TokenStore inMemory() {
    return new InMemoryTokenStore();
  }

  /**
   * The credentials of {@code account} on {@code platform}, if stored.
   *
   * @param platform the platform id, lower case
   * @param account the account on the platform
   * @return the credentials, or empty if none are stored
   */
  Optional<Credentials> get(String platform, String account);

  /**
   * Stores {@code credentials} for {@code account} on {@code platform}, replacing any.
   *
   * @param platform the platform id, lower case
   * @param account the account on the platform
   * @param credentials the credentials to store
   */
  void put(String platform, String account, Credentials credentials);

  /**
   * Replaces the credentials of {@code account} with {@code updated} only if they are still {@code
   * expected}.
   *
   * @param platform the platform id, lower case
   * @param account the account on the platform
   * @param expected the credentials the caller read
   * @param updated the credentials to store in their place
   * @return whether the replacement happened
   */
  boolean replace(String platform, String account, Credentials expected, Credentials updated);

  /**
   * Removes the credentials of {@code account} (after the user revoked access).
   *
   * @param platform the platform id, lower case
   * @param account the account on the platform
   */
  void remove(String platform, String account);

  /**
   * The accounts with credentials on {@code platform}, e.g. for a refresher job to walk.
   *
   * @param platform the platform id, lower case
   * @return the account ids; empty if none
   */
  Set<String> accounts(String platform);
}
