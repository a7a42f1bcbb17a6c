package dev.herald.scheduler.internal.lock;

import static dev.herald.scheduler.internal.Preconditions.notBlank;
import static dev.herald.scheduler.internal.Preconditions.notNull;
import static dev.herald.scheduler.internal.Preconditions.positive;

import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Lock} shared by the threads of one JVM, with lease expiry measured on an {@link
 * InstantSource}.
 *
 * <p>A lease is held while it is the current lease of its name and the clock reads before its
 * expiry; an expired lease stops being valid at once, even before anyone takes the lock over, and
 * can no longer be renewed. Fencing tokens come from one counter shared by all names, so they
 * strictly increase per name across releases and takeovers. Released leases are forgotten; an
 * expired lease is remembered until its name is acquired again.
 *
 * <p>This class is threadsafe. All state sits behind one monitor, which is held only for map and
 * field updates.
 */
public final class InMemoryLock implements Lock {
  private final InstantSource clock;
  private final Object monitor = new Object();

  /** The current lease of each name; guarded by {@link #monitor}. */
  private final Map<String, Lease> leases = new HashMap<>();

  /** The last fencing token handed out; guarded by {@link #monitor}. */
  private long lastToken;

  /**
   * @param clock measures lease expiry
   */
  public InMemoryLock(InstantSource clock) {
    this.clock = notNull(clock, "clock");
  }

  @Override
  public Optional<LockLease> tryAcquire(String name, Duration ttl) {
    notBlank(name, "name");
    positive(ttl, "ttl");
    synchronized (monitor) {
      Instant now = clock.instant();
      Lease current = leases.get(name);
      if (current != null && current.isHeldAt(now)) {
        return Optional.empty();
      }
      Lease lease = new Lease(name, ++lastToken, now.plus(ttl));
      leases.put(name, lease);
      return Optional.of(lease);
    }
  }

  @Override
  public String toString() {
    return "InMemoryLock[clock=" + clock + "]";
  }

  private final class Lease implements LockLease {
    private final String name;
    private final long token;

    /** Guarded by {@link #monitor}. */
    private Instant expiresAt;

    Lease(String name, long token, Instant expiresAt) {
      this.name = name;
      this.token = token;
      this.expiresAt = expiresAt;
    }

    /** Whether this lease holds its name at {@code now}; the caller holds {@link #monitor}. */
    boolean isHeldAt(Instant now) {
      return leases.get(name) == this && now.isBefore(expiresAt);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long fencingToken() {
      return token;
    }

    @Override
    public Instant expiresAt() {
      synchronized (monitor) {
        return expiresAt;
      }
    }

    @Override
    public boolean renew(Duration ttl) {
      positive(ttl, "ttl");
      synchronized (monitor) {
        Instant now = clock.instant();
        if (!isHeldAt(now)) {
          return false;
        }
        expiresAt = now.plus(ttl);
        return true;
      }
    }

    @Override
    public boolean isValid() {
      synchronized (monitor) {
        return isHeldAt(clock.instant());
      }
    }

    @Override
    public void release() {
      synchronized (monitor) {
        leases.remove(name, this);
      }
    }

    @Override
    public String toString() {
      return "InMemoryLock.Lease[name=" + name + ", fencingToken=" + token + "]";
    }
  }
}
