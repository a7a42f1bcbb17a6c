package dev.herald.scheduler.internal.lock;

import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/** STUB: implemented by the lock work package. */
public final class FileLock implements Lock {
  public FileLock(Path directory, InstantSource clock) {}

  @Override
  public Optional<LockLease> tryAcquire(String name, Duration ttl) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public boolean leasesExpire() {
    return false;
  }
}
