package dev.herald.scheduler.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Lock} must have. Extend it in the implementation's test module and
 * implement the three hooks.
 *
 * <p>Leases are acquired with a {@linkplain #TTL TTL} of 30 seconds and time is moved only through
 * {@link #elapse(Duration)}, so a lock whose time is a real clock (a database's) has seconds of
 * margin for the real time a test takes. The expiry tests elapse only 1 ms past the TTL, so a lock
 * must store times to the millisecond or finer. Expiry tests run only if {@link
 * Lock#leasesExpire()}; the others run for every lock. Lock names are short ASCII words such as
 * {@code publish-queue}. Leases the suite acquires are released after each test.
 */
public abstract class LockContract {
  /** The TTL every lease in this suite is acquired and renewed with. */
  protected static final Duration TTL = Duration.ofSeconds(30);

  private static final String NAME = "publish-queue";
  private final List<LockLease> acquired = Collections.synchronizedList(new ArrayList<>());
  private Lock lock;

  /** A fresh lock over a fresh, empty backing store. Called once before each test. */
  protected abstract Lock newLock();

  /**
   * Another lock over the same backing store as the last {@link #newLock()}, standing for another
   * node or process. May return the same instance if the lock cannot be shared otherwise.
   */
  protected abstract Lock sameStoreLock();

  /**
   * Makes {@code duration} pass for the expiry of every lease in the store: advance the clock the
   * lock reads, or move the stored expiry times back by {@code duration}. Leases acquired or
   * renewed afterwards are measured from the new "now".
   */
  protected abstract void elapse(Duration duration);

  @BeforeEach
  final void createLock() {
    lock = newLock();
  }

  @AfterEach
  final void releaseLeases() {
    acquired.forEach(LockLease::release);
  }

  @Test
  void acquiringAFreeLockGivesAValidLease() {
    LockLease lease = acquire(lock, NAME).orElseThrow();

    assertThat(lease.name()).isEqualTo(NAME);
    assertThat(lease.isValid()).isTrue();
    assertThat(lease.expiresAt()).isNotNull();
  }

  @Test
  void aHeldLockCannotBeAcquiredAgain() {
    acquire(lock, NAME).orElseThrow();

    assertThat(acquire(lock, NAME)).isEmpty();
    assertThat(acquire(sameStoreLock(), NAME)).isEmpty();
  }

  @Test
  void locksWithDifferentNamesAreIndependent() {
    LockLease a = acquire(lock, "a").orElseThrow();
    LockLease b = acquire(sameStoreLock(), "b").orElseThrow();

    b.release();

    assertThat(a.isValid()).isTrue();
    assertThat(acquire(lock, "a")).isEmpty();
    assertThat(acquire(lock, "b")).isPresent();
  }

  @Test
  void reacquiringAfterReleaseGivesALargerToken() {
    LockLease first = acquire(lock, NAME).orElseThrow();
    first.release();

    LockLease second = acquire(sameStoreLock(), NAME).orElseThrow();

    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
  }

  @Test
  void releaseAndCloseAreIdempotentAndNeverReleaseTheNextHolder() {
    LockLease first = acquire(lock, NAME).orElseThrow();
    first.release();
    LockLease second = acquire(sameStoreLock(), NAME).orElseThrow();

    first.release();
    first.close();

    assertThat(second.isValid()).isTrue();
    assertThat(acquire(lock, NAME)).isEmpty();
    second.close();
    second.release();
    assertThat(acquire(lock, NAME)).isPresent();
  }

  @Test
  void aReleasedLeaseIsInvalidAndCannotBeRenewed() {
    LockLease lease = acquire(lock, NAME).orElseThrow();

    lease.release();

    assertThat(lease.isValid()).isFalse();
    assertThat(lease.renew(TTL)).isFalse();
    assertThat(lease.isValid()).isFalse();
  }

  @Test
  void tokensStrictlyIncreaseOverManyAcquisitions() {
    Lock other = sameStoreLock();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < 20; i++) {
      try (LockLease lease = acquire(i % 2 == 0 ? lock : other, NAME).orElseThrow()) {
        assertThat(lease.fencingToken()).isGreaterThan(previous);
        previous = lease.fencingToken();
      }
    }
  }

  @Test
  void anExpiredLeaseIsTakenOverAndLost() {
    assumeTrue(lock.leasesExpire(), "leases of this lock do not expire");
    LockLease first = acquire(lock, NAME).orElseThrow();

    elapse(TTL.plusMillis(1));
    LockLease second = acquire(sameStoreLock(), NAME).orElseThrow();

    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    assertThat(first.isValid()).isFalse();
    assertThat(first.renew(TTL)).isFalse();
    first.release();
    assertThat(second.isValid()).isTrue();
    assertThat(acquire(lock, NAME)).isEmpty();
  }

  @Test
  void anExpiredLeaseIsInvalidEvenIfNobodyTookItOver() {
    assumeTrue(lock.leasesExpire(), "leases of this lock do not expire");
    LockLease lease = acquire(lock, NAME).orElseThrow();

    elapse(TTL.plusMillis(1));

    assertThat(lease.isValid()).isFalse();
    assertThat(lease.renew(TTL)).isFalse();
  }

  @Test
  void renewingBeforeExpiryExtendsTheLease() {
    assumeTrue(lock.leasesExpire(), "leases of this lock do not expire");
    LockLease lease = acquire(lock, NAME).orElseThrow();

    elapse(TTL.multipliedBy(6).dividedBy(10));
    assertThat(lease.renew(TTL)).isTrue();
    elapse(TTL.multipliedBy(6).dividedBy(10));

    assertThat(lease.isValid()).isTrue();
    assertThat(acquire(sameStoreLock(), NAME)).isEmpty();
    assertThat(lease.renew(TTL)).isTrue();
  }

  @Test
  void aLeaseThatDoesNotExpireOutlivesItsTtl() {
    assumeFalse(lock.leasesExpire(), "leases of this lock expire");
    LockLease lease = acquire(lock, NAME).orElseThrow();

    elapse(TTL.multipliedBy(10));

    assertThat(lease.isValid()).isTrue();
    assertThat(acquire(sameStoreLock(), NAME)).isEmpty();
    assertThat(lease.renew(TTL)).isTrue();
  }

  @Test
  @Timeout(30)
  void exactlyOneOfManyRacingThreadsAcquires() throws Exception {
    int threads = 8;
    List<Lock> locks = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      locks.add(i % 2 == 0 ? lock : sameStoreLock());
    }
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Optional<LockLease>>> results = new ArrayList<>();
      for (Lock racer : locks) {
        Callable<Optional<LockLease>> attempt =
            () -> {
              ready.countDown();
              start.await();
              return acquire(racer, NAME);
            };
        results.add(executor.submit(attempt));
      }
      ready.await();
      start.countDown();

      int winners = 0;
      for (Future<Optional<LockLease>> result : results) {
        winners += result.get().isPresent() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aNullNameOrTtlIsRejected() {
    assertThatThrownBy(() -> lock.tryAcquire(null, TTL))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> lock.tryAcquire(NAME, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("ttl");
  }

  @Test
  void aBlankNameIsRejected() {
    assertThatThrownBy(() -> lock.tryAcquire("", TTL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> lock.tryAcquire(" \t", TTL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }

  @Test
  void aTtlThatIsNotPositiveIsRejected() {
    assertThatThrownBy(() -> lock.tryAcquire(NAME, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl")
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> lock.tryAcquire(NAME, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-1S");
    assertThat(acquire(lock, NAME)).isPresent();
  }

  @Test
  void renewingWithATtlThatIsNotPositiveIsRejected() {
    LockLease lease = acquire(lock, NAME).orElseThrow();

    assertThatThrownBy(() -> lease.renew(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThat(lease.isValid()).isTrue();
  }

  /**
   * Tries to acquire {@code name} for {@link #TTL}; a lease it returns is released after the test.
   */
  private Optional<LockLease> acquire(Lock target, String name) {
    Optional<LockLease> lease = target.tryAcquire(name, TTL);
    lease.ifPresent(acquired::add);
    return lease;
  }
}
