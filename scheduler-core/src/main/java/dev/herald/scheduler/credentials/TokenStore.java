package dev.herald.scheduler.credentials;

import dev.herald.scheduler.internal.credentials.InMemoryTokenStore;
import dev.herald.scheduler.publish.Target;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where publishers read, and refreshers write, the {@link Credentials} of each {@link Target}: an
 * account on a platform and, on a federated platform, the instance it lives on. {@code alice} on two
 * Mastodon instances has two entries.
 *
 * <p><b>Rotation.</b> Some platforms rotate refresh tokens (TikTok invalidates the previous one on
 * each refresh), so a lost write loses the account. Two guards exist: {@link #replace} is a
 * compare-and-set, and {@link #refresh} runs a refresh of one target on one caller at a time (one
 * node at a time, for a store shared by nodes), so that two nodes that find the same token expired
 * make one refresh call between them, and the second uses the first one's result.
 *
 * <p>Implementations: {@link #inMemory()} (lost on restart) and {@code JdbcTokenStore} in {@code
 * scheduler-jdbc} (durable, encrypted at rest). Implementations must be threadsafe; both are.
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
   * The credentials of {@code target}, if stored.
   *
   * @param target the account (and instance)
   * @return the credentials, or empty if none are stored
   */
  Optional<Credentials> get(Target target);

  /**
   * Stores {@code credentials} for {@code target}, replacing any (after the user authorised).
   *
   * @param target the account (and instance)
   * @param credentials the credentials to store
   */
  void put(Target target, Credentials credentials);

  /**
   * Replaces the credentials of {@code target} with {@code updated} only if they are still {@code
   * expected}: a compare-and-set.
   *
   * @param target the account (and instance)
   * @param expected the credentials the caller read
   * @param updated the credentials to store in their place
   * @return whether the replacement happened; false if the stored credentials differ from {@code
   *     expected} or none are stored
   */
  boolean replace(Target target, Credentials expected, Credentials updated);

  /**
   * Refreshes the credentials of {@code target}, one caller at a time: waits while another caller
   * refreshes the same target, then, if the stored credentials are still {@code seen}, calls {@code
   * refresh} with them and stores its result. If they changed meanwhile (another caller refreshed),
   * {@code refresh} is not called and the stored credentials are returned: one refresh call per
   * rotation, whichever caller makes it.
   *
   * <p>An exception from {@code refresh} propagates, and the stored credentials stay as they were.
   *
   * @param target the account (and instance)
   * @param seen the credentials the caller found expiring or refused
   * @param refresh calls the platform and returns the new credentials; called at most once
   * @return the credentials stored now (the refreshed ones, or those another caller stored); empty
   *     if none are stored (the user revoked access meanwhile)
   */
  Optional<Credentials> refresh(Target target, Credentials seen, UnaryOperator<Credentials> refresh);

  /**
   * Removes the credentials of {@code target} (after the user revoked access).
   *
   * @param target the account (and instance)
   */
  void remove(Target target);

  /**
   * The targets with credentials on {@code platform}, e.g. for a refresher job to walk.
   *
   * @param platform the platform id, lower case
   * @return the targets; empty if none
   */
  Set<Target> targets(String platform);
}
