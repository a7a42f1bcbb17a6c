package dev.herald.scheduler.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.contract.LockContract;
import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import dev.herald.scheduler.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryLockTest extends LockContract {
  private final ManualClock clock = ManualClock.at("2026-03-29T00:00:00Z");
  private Lock lock;

  @Override
  protected Lock newLock() {
    lock = new InMemoryLock(clock);
    return lock;
  }

  @Override
  protected Lock sameStoreLock() {
    return lock;
  }

  @Override
  protected void elapse(Duration duration) {
    clock.advance(duration);
  }

  @Test
  void expiryIsMeasuredOnTheClock() {
    LockLease lease = lock.tryAcquire("report", Duration.ofSeconds(10)).orElseThrow();
    assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2026-03-29T00:00:10Z"));

    clock.advance(Duration.ofSeconds(4));
    assertThat(lease.renew(Duration.ofSeconds(10))).isTrue();
    assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2026-03-29T00:00:14Z"));

    clock.advance(Duration.ofSeconds(10));
    assertThat(lease.isValid()).isFalse();
  }

  @Test
  void aLeaseTakenOverStaysLostWhenTheClockGoesBack() {
    LockLease first = lock.tryAcquire("report", Duration.ofSeconds(10)).orElseThrow();
    clock.advance(Duration.ofSeconds(11));
    LockLease second = lock.tryAcquire("report", Duration.ofSeconds(10)).orElseThrow();

    clock.set(Instant.parse("2026-03-29T00:00:00Z"));

    assertThat(first.isValid()).isFalse();
    assertThat(first.renew(Duration.ofSeconds(10))).isFalse();
    assertThat(second.isValid()).isTrue();
  }

  @Test
  void aNullClockIsRejected() {
    assertThatThrownBy(() -> new InMemoryLock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock cannot be null");
  }
}
