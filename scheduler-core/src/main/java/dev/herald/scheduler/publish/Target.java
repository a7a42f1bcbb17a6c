package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a post goes: an account on a platform and, for a federated platform, the server (instance)
 * the account lives on.
 *
 * <p>A federated platform (Mastodon, Pixelfed) has thousands of servers, and one registered
 * publisher serves them all: the target names the instance, e.g. {@code
 * Target.of("mastodon", "mastodon.social", "alice")}. A platform with one service (Instagram,
 * Facebook, TikTok) has no instance: {@code Target.of("instagram", "17841400000000000")}. Scheduling,
 * validation, budgets, credentials, status and history are all per target, so {@code alice} on two
 * instances are two targets.
 *
 * <p>The instance is the server's authority as it appears in a handle: a host name, optionally with a
 * port ({@code mastodon.social}, {@code localhost:3000}), lower-cased. The publisher turns it into a
 * base URI ({@code https://} by default).
 *
 * <p>The string form is {@code platform:account} or, with an instance, {@code
 * platform:account@instance} (the fediverse handle). Instances are immutable and threadsafe.
 */
public final class Target {
  private final String platform;
  private final String instance;
  private final String account;

  private Target(String platform, String instance, String account) {
    this.platform = Preconditions.notBlank(platform, "platform");
    this.account = Preconditions.notBlank(account, "account");
    this.instance = instance == null ? null : checkInstance(instance);
  }

  /**
   * A target on a platform with one service, or the default instance of a publisher built for one.
   *
   * @param platform the platform id, lower case, e.g. {@code instagram}
   * @param account the platform account: an Instagram user id, Facebook Page id, TikTok open id…
   * @return the target
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public static Target of(String platform, String account) {
    return new Target(platform, null, account);
  }

  /**
   * A target on an instance of a federated platform.
   *
   * @param platform the platform id, lower case, e.g. {@code mastodon}
   * @param instance the server's host, optionally with {@code :port}, e.g. {@code mastodon.social}
   * @param account the account on that server (its username or id, as the host app keys it)
   * @return the target
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank, or {@code instance} is not a host with
   *     an optional port
   */
  public static Target of(String platform, String instance, String account) {
    return new Target(platform, Preconditions.notNull(instance, "instance"), account);
  }

  /**
   * The platform id.
   *
   * @return the platform id, lower case, e.g. {@code mastodon}
   */
  public String platform() {
    return platform;
  }

  /**
   * The server the account lives on, for a federated platform.
   *
   * @return the instance's host (and port), lower case; empty for a platform with one service
   */
  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  /**
   * The account.
   *
   * @return the account id the platform's publisher publishes as
   */
  public String account() {
    return account;
  }

  private static String checkInstance(String instance) {
    String lower = instance.toLowerCase(Locale.ROOT);
    String problem = null;
    if (lower.isBlank()) {
      problem = "is blank";
    } else {
      try {
        URI uri = new URI("https://" + lower);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
            || uri.getRawQuery() != null || uri.getRawFragment() != null) {
          problem = "is not a host name with an optional port";
        }
      } catch (URISyntaxException e) {
        problem = "is not a host name with an optional port (" + e.getReason() + ")";
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException("instance '" + instance + "' " + problem
          + ", e.g. mastodon.social or localhost:3000");
    }
    return lower;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Target t && platform.equals(t.platform)
        && Objects.equals(instance, t.instance) && account.equals(t.account);
  }

  @Override
  public int hashCode() {
    return Objects.hash(platform, instance, account);
  }

  /** {@code platform:account}, or {@code platform:account@instance}. */
  @Override
  public String toString() {
    return platform + ":" + account + (instance == null ? "" : "@" + instance);
  }
}
