package dev.herald.platforms.token;

import java.time.Instant;

/**
 * Exchanges one account's credentials for fresh ones with its platform: Instagram's long-lived
 * token refresh, TikTok's refresh-token rotation, Facebook's long-lived exchange and page-token
 * lookup. Run them on a schedule with {@link TokenRefreshJob}.
 *
 * <p>Implementations must be threadsafe and must never put a token in a log line or an exception
 * message.
 */
public interface TokenRefresher {

  /** The platform whose accounts this refresher serves, e.g. {@code instagram}. */
  String platform();

  /** Whether {@code current} should be refreshed now (typically: it expires within a margin). */
  boolean needsRefresh(Credentials current, Instant now);

  /**
   * The refreshed credentials for {@code account}.
   *
   * @throws TokenRefreshException if the platform refused or could not be reached; its {@link
   *     TokenRefreshException#isRetryable()} says whether trying again later may help
   */
  Credentials refresh(String account, Credentials current);
}
