package dev.herald.scheduler.internal.engine;

import java.time.Duration;

/** Wakes the poller early: work became due, or a worker became free. Threadsafe. */
final class Wakeup {
  private boolean signalled;

  /** Wakes a waiting poller, or makes its next wait return at once. */
  synchronized void signal() {
    signalled = true;
    notifyAll();
  }

  /**
   * Waits until signalled or {@code timeout} passes.
   *
   * @throws InterruptedException if interrupted
   */
  synchronized void await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!signalled) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      wait(Math.max(1, remaining / 1_000_000), 0);
    }
    signalled = false;
  }
}
