package dev.herald.scheduler.spi;

import dev.herald.scheduler.internal.lock.FileLock;
import dev.herald.scheduler.internal.lock.InMemoryLock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A named, leased, fenced mutual-exclusion lock: "run this on one node only".
 *
 * <p>{@link #tryAcquire(String, Duration)} never blocks waiting for another holder: it returns the
 * lease when the lock was free (or its previous lease expired), and empty otherwise. Each successful
 * acquisition carries a {@linkplain LockLease#fencingToken() fencing token} that is strictly greater
 * than every token handed out before for the same name, so a resource guarded by the lock can reject
 * writes from a holder that lost its lease without knowing it (a paused process, a slow network).
 *
 * <p>Built-in implementations: {@link #inMemory()} (one JVM), {@link #file(Path)} (an operating
 * system file lock: one machine, released by the OS when the process dies, so there is no stale-PID
 * problem) and the JDBC lock in {@code scheduler-jdbc} (a cluster sharing a database).
 *
 * <p>Implementations must be threadsafe.
 */
public interface Lock {

  /**
   * Tries to acquire the lock named {@code name} for {@code ttl}.
   *
   * @param name the lock name; not blank
   * @param ttl how long the lease stays valid without a {@linkplain LockLease#renew(Duration)
   *     renewal}; positive. Implementations whose lease cannot expire while the holder lives (the file
   *     lock) ignore it for expiry but report it in {@link LockLease#expiresAt()}.
   * @return the lease, or empty if another holder has a valid lease
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank or {@code ttl} is not positive
   */
  Optional<LockLease> tryAcquire(String name, Duration ttl);

  /**
   * Whether a lease that is not renewed is taken over by another holder once its TTL has passed.
   * True for the in-memory and JDBC locks; false for the file lock, which is held until released or
   * until the process dies.
   *
   * @return true if an expired lease can be taken over; false if only release or the end of the
   *     process frees it
   */
  default boolean leasesExpire() {
    return true;
  }

  /**
   * A lock shared by the threads of this JVM, with expiry measured on the system clock.
   *
   * @return a new lock, shared only with the holders of this instance
   */
  static Lock inMemory() {
    return new InMemoryLock(InstantSource.system());
  }

  /**
   * A lock shared by the threads of this JVM, with expiry measured on {@code clock} (for tests).
   *
   * @param clock the clock that lease expiry is measured on
   * @return a new lock, shared only with the holders of this instance
   */
  static Lock inMemory(InstantSource clock) {
    return new InMemoryLock(clock);
  }

  /**
   * A lock shared by all processes on this machine, kept as files {@code <directory>/<name>.lock}.
   * The operating system releases it when the holding process dies; the fencing token is stored in
   * the file and survives restarts.
   *
   * @param directory where the lock files live; created if missing
   * @return a lock on the files in {@code directory}
   */
  static Lock file(Path directory) {
    return new FileLock(directory, InstantSource.system());
  }
}
