package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;

/**
 * Where a post goes: a platform (as a {@link PlatformPublisher} names it) and an account on it.
 *
 * @param platform e.g. {@code mastodon}
 * @param account the account id the platform's publisher publishes as
 */
public record Target(String platform, String account) {
  /**
   * Checks the components.
   *
   * @param platform the platform id, lower case
   * @param account the platform account
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a component is blank
   */
  public Target {
    Preconditions.notBlank(platform, "platform");
    Preconditions.notBlank(account, "account");
  }

  /**
   * A target.
   *
   * @param platform the platform id, lower case, e.g. {@code mastodon}
   * @param account the platform account
   * @return the target
   */
  public static Target of(String platform, String account) {
    return new Target(platform, account);
  }

  @Override
  public String toString() {
    return platform + ":" + account;
  }
}
