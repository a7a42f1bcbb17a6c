package dev.herald.scheduler.internal.credentials;

import static dev.herald.scheduler.internal.Preconditions.notBlank;
import static dev.herald.scheduler.internal.Preconditions.notNull;

import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Target;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@link TokenStore#inMemory()}: a concurrent map, and a lock per target that serialises refreshes.
 * This class is threadsafe.
 */
public final class InMemoryTokenStore implements TokenStore {

  private final ConcurrentMap<Target, Credentials> credentials = new ConcurrentHashMap<>();
  private final ConcurrentMap<Target, ReentrantLock> refreshing = new ConcurrentHashMap<>();

  @Override
  public Optional<Credentials> get(Target target) {
    return Optional.ofNullable(credentials.get(notNull(target, "target")));
  }

  @Override
  public void put(Target target, Credentials value) {
    credentials.put(notNull(target, "target"), notNull(value, "credentials"));
  }

  @Override
  public boolean replace(Target target, Credentials expected, Credentials updated) {
    return credentials.replace(
        notNull(target, "target"), notNull(expected, "expected"), notNull(updated, "updated"));
  }

  @Override
  public Optional<Credentials> refresh(Target target, Credentials seen,
      UnaryOperator<Credentials> refresh) {
    notNull(target, "target");
    notNull(seen, "seen");
    notNull(refresh, "refresh");
    ReentrantLock lock = refreshing.computeIfAbsent(target, t -> new ReentrantLock());
    lock.lock();
    try {
      Credentials stored = credentials.get(target);
      if (stored == null || !stored.equals(seen)) {
        return Optional.ofNullable(stored);
      }
      Credentials updated = notNull(refresh.apply(stored), "refreshed credentials");
      credentials.replace(target, stored, updated);
      return Optional.ofNullable(credentials.get(target));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void remove(Target target) {
    credentials.remove(notNull(target, "target"));
  }

  @Override
  public Set<Target> targets(String platform) {
    notBlank(platform, "platform");
    return credentials.keySet().stream()
        .filter(t -> t.platform().equals(platform))
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[" + credentials.size() + " accounts]";
  }
}
