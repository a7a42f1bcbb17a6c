package dev.herald.platforms.tiktok;

import java.time.Duration;

/**
 * The tuning of publish runs, fixed when a {@link TikTokPublisher} is built. Immutable and
 * threadsafe.
 *
 * @param chunkSize the preferred FILE_UPLOAD chunk size
 * @param pollInterval the wait before the first status poll, doubling after each
 * @param maxPollInterval the longest wait between polls
 * @param maxPolls the most status polls of one run
 * @param postIdPolls extra polls for a post id after {@code PUBLISH_COMPLETE} without one
 * @param retryDelay the delay of {@code RetryLater} results
 * @param cancelStalledPulls whether a pull still downloading after the last poll is cancelled
 */
record TikTokSettings(
    long chunkSize,
    Duration pollInterval,
    Duration maxPollInterval,
    int maxPolls,
    int postIdPolls,
    Duration retryDelay,
    boolean cancelStalledPulls) {

  /** How long one run's polls wait in all: the patience of a publish run with a slow TikTok. */
  Duration pollingSchedule() {
    Duration total = Duration.ZERO;
    for (int poll = 1; poll <= maxPolls; poll++) {
      total = total.plus(waitBefore(poll));
    }
    return total;
  }

  /** The wait before poll {@code poll} (1-based). */
  Duration waitBefore(int poll) {
    return TikTokPolling.waitBefore(poll, pollInterval, maxPollInterval);
  }
}
