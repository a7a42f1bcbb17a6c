package dev.herald.platforms;

import java.time.Duration;

/**
 * Waits between polls (media processing, container status, upload status). Adapters take one on
 * their builder so tests can wait without real time passing: pass a sleeper that advances a {@code
 * ManualClock}, or does nothing.
 *
 * <p>Implementations must be threadsafe.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits {@code duration}.
   *
   * @param duration how long to wait, zero or more
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * {@link Thread#sleep(long, int)}.
   *
   * @return the sleeper of the current thread, on the system's time
   */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  }
}
