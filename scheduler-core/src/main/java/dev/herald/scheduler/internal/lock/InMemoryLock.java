package dev.herald.scheduler.internal.lock;

import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/** STUB: implemented by the lock work package. */
public final class InMemoryLock implements Lock {
  public InMemoryLock(InstantSource clock) {}

  @Override
  public Optional<LockLease> tryAcquire(String name, Duration ttl) {
    throw new UnsupportedOperationException("TODO");
  }
}
