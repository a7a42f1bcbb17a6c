package dev.herald.platforms.token;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/** {@link TokenStore#inMemory()}: a concurrent map. This class is threadsafe. */
final class InMemoryTokenStore implements TokenStore {

  private record Key(String platform, String account) {
    Key {
      notBlank(platform, "platform");
      notBlank(account, "account");
    }
  }

  private final ConcurrentMap<Key, Credentials> credentials = new ConcurrentHashMap<>();

  @Override
  public Optional<Credentials> get(String platform, String account) {
    return Optional.ofNullable(credentials.get(new Key(platform, account)));
  }

  @Override
  public void put(String platform, String account, Credentials value) {
    credentials.put(new Key(platform, account), notNull(value, "credentials"));
  }

  @Override
  public boolean replace(
      String platform, String account, Credentials expected, Credentials updated) {
    return credentials.replace(
        new Key(platform, account), notNull(expected, "expected"), notNull(updated, "updated"));
  }

  @Override
  public void remove(String platform, String account) {
    credentials.remove(new Key(platform, account));
  }

  @Override
  public Set<String> accounts(String platform) {
    notBlank(platform, "platform");
    return credentials.keySet().stream()
        .filter(k -> k.platform().equals(platform))
        .map(Key::account)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[" + credentials.size() + " accounts]";
  }
}
