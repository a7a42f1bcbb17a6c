package dev.herald.scheduler.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * A held {@link Lock}. Close it (or call {@link #release()}) to give the lock up; both are
 * idempotent.
 *
 * <p>Implementations must be threadsafe: a lease is typically renewed by one thread while another
 * does the guarded work.
 */
public interface LockLease extends AutoCloseable {

  /**
   * The lock name.
   *
   * @return the name the lease was acquired for
   */
  String name();

  /**
   * A number strictly greater than the token of every earlier lease of the same lock name. Pass it
   * along with writes to a guarded resource so the resource can refuse stale holders.
   *
   * @return the token of this lease
   */
  long fencingToken();

  /**
   * When the lease expires unless renewed.
   *
   * @return the expiry time, on the lock's clock
   */
  Instant expiresAt();

  /**
   * Extends the lease to {@code ttl} from now.
   *
   * @param ttl how long the lease lasts from now; positive
   * @return true if the lease was still held and is now extended; false if it was lost (expired and
   *     taken over, or released), in which case the holder must stop its guarded work
   * @throws IllegalArgumentException if {@code ttl} is not positive
   */
  boolean renew(Duration ttl);

  /**
   * Whether this lease is still held: not released, not expired, not taken over.
   *
   * @return true while the lease is held; false once it was released, expired or taken over
   */
  boolean isValid();

  /** Releases the lock if this lease still holds it. Idempotent. */
  void release();

  /** Same as {@link #release()}. */
  @Override
  default void close() {
    release();
  }
}
