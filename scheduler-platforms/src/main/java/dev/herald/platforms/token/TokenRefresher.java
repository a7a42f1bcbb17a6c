package dev.herald.platforms.token;

import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Target;
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

  /**
   * The platform whose accounts this refresher serves, e.g. {@code instagram}.
   *
   * @return the platform id, lower case
   */
  String platform();

  /**
   * Whether this refresher can refresh the credentials of {@code target}: the default, true, for a
   * platform with one service; a federated platform's refresher serves the instances it has an
   * OAuth client on. {@link TokenRefreshJob} skips the targets a refresher does not serve.
   *
   * @param target a target of this refresher's platform
   * @return true if {@link #refresh} can refresh its credentials
   */
  default boolean serves(Target target) {
    return true;
  }

  /**
   * Whether {@code current} should be refreshed now (typically: it expires within a margin).
   *
   * @param current the stored credentials
   * @param now the time to judge at
   * @return true if {@link #refresh} should be called now
   */
  boolean needsRefresh(Credentials current, Instant now);

  /**
   * The refreshed credentials for {@code target}.
   *
   * @param target the account (and instance, on a federated platform)
   * @param current the stored credentials, whose refresh token (or access token) is exchanged
   * @return the new credentials, to store in place of {@code current}
   * @throws TokenRefreshException if the platform refused or could not be reached; its {@link
   *     TokenRefreshException#isRetryable()} says whether trying again later may help
   */
  Credentials refresh(Target target, Credentials current);
}
