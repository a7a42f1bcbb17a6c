package dev.herald.platforms.token;

import dev.herald.scheduler.SchedulerException;

/**
 * A token refresh failed. The message names the platform and account and never contains a token.
 */
public class TokenRefreshException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /** The platform id. */
  private final String platform;
  /** The account whose refresh failed. */
  private final String account;
  /** Whether trying again later may help. */
  private final boolean retryable;

  /**
   * @param platform the platform
   * @param account the account
   * @param reason what went wrong (no secrets)
   * @param retryable whether trying again later may help (a network error, a 5xx), as opposed to
   *     a revoked grant that needs the user to authorise again
   */
  public TokenRefreshException(String platform, String account, String reason, boolean retryable) {
    super("refreshing the " + platform + " token of account " + account + " failed"
        + (retryable ? " (will retry)" : " (the user must authorise again)") + ": " + reason);
    this.platform = platform;
    this.account = account;
    this.retryable = retryable;
  }

  /**
   * The platform.
   *
   * @return the platform id
   */
  public String platform() {
    return platform;
  }

  /**
   * The account.
   *
   * @return the account whose refresh failed
   */
  public String account() {
    return account;
  }

  /**
   * Whether trying again later may help.
   *
   * @return true if a later attempt may succeed; false if the user must authorise again
   */
  public boolean isRetryable() {
    return retryable;
  }
}
